import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ForwardError } from '../../src/axon/rejection.js'
import { toMessageSigner } from '../../src/protocol/signer.js'
import { defineSynapse, Synapse } from '../../src/protocol/synapse.js'
import { rawRequest, send, signedRequest, slowBodyRequest, testAxon } from '../protocol/support.js'

const Job = defineSynapse({
  name: 'Job',
  request: z.object({ task: z.string(), size: z.number().int() }),
  response: z.object({ result: z.string() }),
})
const Broken = defineSynapse({
  name: 'Broken',
  request: z.object({ mode: z.enum(['throw', 'forward-error', 'bad-response']) }),
  response: z.object({ value: z.number() }),
})

const banned = toMessageSigner()

describe('axon status codes (real HTTP)', () => {
  const axon = testAxon({ maxBodyBytes: 2_048, bodyTimeoutMs: 200 })
  let handled: string[] = []

  beforeAll(async () => {
    axon
      .attach(
        Job,
        (synapse) => {
          handled.push(synapse.task)
          return { result: `${synapse.task}:${synapse.size}` }
        },
        {
          blacklist: ({ hotkey }) => [hotkey?.toLowerCase() === banned.addressLower, 'banned for the test'],
          verify: (synapse) => {
            if (synapse.task === 'refused-by-verify') throw new Error('custom verification failed')
          },
        },
      )
      .attach(Broken, (synapse) => {
        handled.push(synapse.mode)
        if (synapse.mode === 'throw') throw new Error('secret internal detail')
        if (synapse.mode === 'forward-error') throw new ForwardError(422, 'unsupported mode')
        return { value: 'not a number' } as never
      })
    await axon.start()
  })
  afterAll(() => axon.stop())
  beforeEach(() => {
    handled = []
  })

  const job = (task = 'ok', size = 1) => new Job({ task, size })

  it('200 for a correctly signed request', async () => {
    const response = await send(axon.url, await signedRequest(axon, job('hello', 3)))
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body).result).toBe('hello:3')
    expect(response.headers.bt_header_axon_signature).toMatch(/^0x[0-9a-f]{130}$/)
    expect(handled).toEqual(['hello'])
  })

  it('404 for an unknown synapse, 405 for another method than POST', async () => {
    const request = await signedRequest(axon, job())
    expect((await send(axon.url, { ...request, path: '/Nope' })).status).toBe(404)
    expect((await rawRequest(axon.url, { method: 'GET', path: '/Job' })).status).toBe(405)
    expect((await rawRequest(axon.url, { method: 'PUT', path: '/Job', body: '{}' })).status).toBe(405)
    expect(handled).toEqual([])
  })

  it('413 before reading a body whose declared length is over the limit', async () => {
    // Only the head is sent: the answer must come without waiting for the 100 kB body.
    const head = 'POST /Job HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: 100000\r\n\r\n'
    expect(await slowBodyRequest(axon.port, head, '')).toBe('HTTP/1.1 413 Payload Too Large')
  })

  it('431 for request headers over the size limit, and the axon keeps serving', async () => {
    const head = `POST /Job HTTP/1.1\r\nhost: 127.0.0.1\r\nx-big: ${'a'.repeat(100_000)}\r\ncontent-length: 2\r\n\r\n`
    expect(await slowBodyRequest(axon.port, head, '')).toBe('HTTP/1.1 431 Request Header Fields Too Large')
    expect((await send(axon.url, await signedRequest(axon, job()))).status).toBe(200)
  })

  it('413 while reading a chunked body that grows over the limit', async () => {
    const request = await signedRequest(axon, job('x'.repeat(5_000)))
    const response = await rawRequest(axon.url, {
      path: request.path,
      headers: { ...request.headers, 'transfer-encoding': 'chunked' },
      body: request.body,
    })
    expect(response.status).toBe(413)
    expect(handled).toEqual([])
  })

  it('400 for malformed protocol headers', async () => {
    const request = await signedRequest(axon, job())
    for (const [name, value] of [
      ['bt_header_dendrite_nonce', 'not-a-number'],
      ['bt_header_dendrite_version', '1.5'],
      ['timeout', 'forever'],
    ] as const) {
      const response = await send(axon.url, { ...request, headers: { ...request.headers, [name]: value } })
      expect(response.status, name).toBe(400)
    }
    expect(handled).toEqual([])
  })

  it('403 when the blacklist refuses the claimed hotkey, from headers alone', async () => {
    const response = await send(axon.url, await signedRequest(axon, job(), { signer: banned }))
    expect(response.status).toBe(403)
    expect(JSON.parse(response.body).message).toContain('banned for the test')
    expect(handled).toEqual([])
  })

  describe('401: signature, nonce and body hash', () => {
    it('refuses unsigned and empty-signature requests (unlike the Python default_verify)', async () => {
      const request = await signedRequest(axon, job())
      const { bt_header_dendrite_signature: _, ...unsigned } = request.headers
      expect((await send(axon.url, { ...request, headers: unsigned })).status).toBe(401)
      const empty = { ...request.headers, bt_header_dendrite_signature: '' }
      expect((await send(axon.url, { ...request, headers: empty })).status).toBe(401)
      expect(handled).toEqual([])
    })

    it('refuses a wrong signature and a signature by another key than the claimed hotkey', async () => {
      const request = await signedRequest(axon, job())
      const garbage = { ...request.headers, bt_header_dendrite_signature: `0x${'ab'.repeat(65)}` }
      expect((await send(axon.url, { ...request, headers: garbage })).status).toBe(401)

      const other = await signedRequest(axon, job())
      const impersonation = { ...other.headers, bt_header_dendrite_hotkey: request.signer.address }
      expect((await send(axon.url, { ...other, headers: impersonation })).status).toBe(401)
      expect(handled).toEqual([])
    })

    it('refuses a request signed for another axon (hotkey in the signed message)', async () => {
      const request = await signedRequest(axon, job(), { axonHotkey: toMessageSigner().address })
      expect((await send(axon.url, request)).status).toBe(401)
    })

    it('refuses a replayed nonce and a stale nonce', async () => {
      const request = await signedRequest(axon, job('once'))
      expect((await send(axon.url, request)).status).toBe(200)
      const replay = await send(axon.url, request)
      expect(replay.status).toBe(401)
      expect(JSON.parse(replay.body).message).toContain('Nonce is too old')

      const stale = await signedRequest(axon, job(), { nonce: BigInt(Date.now() - 60_000) * 1_000_000n })
      expect((await send(axon.url, stale)).status).toBe(401)
      expect(handled).toEqual(['once'])
    })

    it('refuses a tampered body, without burning the genuine request’s nonce', async () => {
      const request = await signedRequest(axon, job('genuine'))
      const tampered = request.body.replace('"genuine"', '"evil"')
      const response = await send(axon.url, { ...request, body: tampered })
      expect(response.status).toBe(401)
      expect(JSON.parse(response.body).message).toContain('body hash mismatch')
      expect((await send(axon.url, request)).status).toBe(200)
      expect(handled).toEqual(['genuine'])
    })

    it("runs the synapse's own verify after the built-in checks", async () => {
      const response = await send(axon.url, await signedRequest(axon, job('refused-by-verify')))
      expect(response.status).toBe(401)
      expect(JSON.parse(response.body).message).toContain('custom verification failed')
      expect(handled).toEqual([])
    })
  })

  it('400 for a body that is not JSON or does not match the schema', async () => {
    const request = await signedRequest(axon, job())
    expect((await send(axon.url, { ...request, body: '{not json' })).status).toBe(400)
    expect((await send(axon.url, { ...request, body: '[1,2]' })).status).toBe(400)
    const wrongType = request.body.replace('"size":1', '"size":"one"')
    expect((await send(axon.url, { ...request, body: wrongType })).status).toBe(400)
    expect(handled).toEqual([])
  })

  it('408 when the body trickles in too slowly (slowloris)', async () => {
    const request = await signedRequest(axon, job())
    const head =
      `POST /Job HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n` +
      Object.entries(request.headers)
        .map(([key, value]) => `${key}: ${value}\r\n`)
        .join('') +
      `content-length: ${request.body.length}\r\n\r\n`
    const statusLine = await slowBodyRequest(axon.port, head, request.body.slice(0, 10))
    expect(statusLine).toBe('HTTP/1.1 408 Request Timeout')
    expect(handled).toEqual([])
  })

  it('500 with an opaque id when the handler throws, and the axon keeps serving', async () => {
    const response = await send(axon.url, await signedRequest(axon, new Broken({ mode: 'throw' })))
    expect(response.status).toBe(500)
    const message = JSON.parse(response.body).message as string
    expect(message).toMatch(/^Internal Server Error #[0-9a-f-]{36}$/)
    expect(response.body).not.toContain('secret internal detail')
    expect(
      axon.logs.some((line) => line.includes('secret internal detail') && line.includes(message.slice(23))),
    ).toBe(true)
    expect((await send(axon.url, await signedRequest(axon, job('after')))).status).toBe(200)
  })

  it('the status of a ForwardError, and 500 when the handler answers off-schema', async () => {
    const chosen = await send(axon.url, await signedRequest(axon, new Broken({ mode: 'forward-error' })))
    expect(chosen.status).toBe(422)
    expect(JSON.parse(chosen.body).message).toBe('unsupported mode')
    const offSchema = await send(axon.url, await signedRequest(axon, new Broken({ mode: 'bad-response' })))
    expect(offSchema.status).toBe(500)
  })

  it('signs error answers only for verified callers', async () => {
    const unverified = await send(axon.url, { ...(await signedRequest(axon, job())), path: '/Nope' })
    expect(unverified.headers.bt_header_axon_signature).toBeUndefined()
    const verified = await send(axon.url, await signedRequest(axon, new Broken({ mode: 'throw' })))
    expect(verified.headers.bt_header_axon_signature).toMatch(/^0x/)
  })

  it('default Synapse is not served unless attached', async () => {
    const response = await send(axon.url, await signedRequest(axon, new Synapse({ completion: 'x' })))
    expect(response.status).toBe(404)
  })
})
