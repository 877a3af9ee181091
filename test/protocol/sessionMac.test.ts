// The session lane's MAC primitives: HMAC-SHA256 as RFC 2104 defines it, keys that never print,
// and the comparison of a MAC from the wire.
import { createHmac, randomBytes } from 'node:crypto'
import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { answerMac, MacKey, macEquals, requestMac } from '../../src/protocol/session.js'

describe('session MACs', () => {
  const raw = randomBytes(32)
  const key = new MacKey(raw)
  /** The HMAC key: the 64 ASCII hex digits of the 32 derived bytes (docs/session.md). */
  const keyText = (bytes: Buffer) => Buffer.from(bytes.toString('hex'), 'latin1')

  it('are HMAC-SHA256 of the documented text and the body', () => {
    const body = JSON.stringify({ text: 'hello axon' })
    expect(requestMac(key, 3, 17, 'Echo', '12.0', body)).toBe(
      createHmac('sha256', keyText(raw))
        .update(`hetu-session-v1/request\n3\n17\nEcho\n12.0\n${body}`)
        .digest('hex'),
    )
    expect(answerMac(key, 3, 17, 200, Buffer.from(body))).toBe(
      createHmac('sha256', keyText(raw)).update(`hetu-session-v1/answer\n3\n17\n200\n${body}`).digest('hex'),
    )
  })

  it('are HMAC-SHA256 for any body: multi-byte text, bytes, empty, long, keys interleaved', () => {
    const other = randomBytes(32)
    const otherKey = new MacKey(other)
    const reference = (k: Buffer, head: string, body: string | Buffer) =>
      createHmac('sha256', keyText(k)).update(head).update(body).digest('hex')
    const bodies: (string | Buffer)[] = [
      '',
      '{"text":"héllo wörld ✓ 😀"}',
      Buffer.from('{"bytes":"\u00ff"}'),
      Buffer.from([0xff, 0xfe, 0x00, 0x80]), // not UTF-8: the bytes themselves are MAC'd
      'é'.repeat(40_000), // long text (one string, any length)
      Buffer.alloc(60_000, 7),
      Buffer.alloc(70_000, 7),
    ]
    for (const body of bodies)
      for (const head of ['h\n', 'hetu-session-v1/answer\n4095\n999999999999999\n500\n']) {
        expect(key.hmacHex(head, body)).toBe(reference(raw, head, body))
        expect(otherKey.hmacHex(head, body)).toBe(reference(other, head, body))
        expect(key.hmacHex(head, body)).toBe(reference(raw, head, body))
      }
  })

  it('keep the key out of JSON, inspection and logs, and off the caller’s buffer', () => {
    const hex = raw.toString('hex')
    const session = { id: 'x', keys: { requestKey: key, answerKey: key } }
    expect(JSON.stringify(session)).not.toContain(hex)
    expect(inspect(session, { depth: 5, showHidden: true })).not.toContain(hex)
    expect(JSON.stringify(session)).toContain('[MacKey]')
    const copy = Buffer.from(raw)
    const fromCopy = new MacKey(copy)
    copy.fill(0) // the caller wiping its buffer does not change the key
    expect(fromCopy.hmacHex('a', 'b')).toBe(key.hmacHex('a', 'b'))
    expect(() => new MacKey(randomBytes(16))).toThrow(RangeError)
  })

  it('match only the exact lower-case hex MAC', () => {
    const mac = requestMac(key, 0, 1, 'Echo', '12.0', '{}')
    expect(macEquals(mac, mac)).toBe(true)
    const last = mac.at(-1) === '0' ? '1' : '0'
    for (const sent of [
      `${mac.slice(0, -1)}${last}`, // one digit off
      mac.toUpperCase(),
      mac.slice(0, 63),
      `${mac}0`,
      '',
      undefined,
      ['a'],
      64,
    ])
      expect(macEquals(sent, mac)).toBe(false)
  })
})
