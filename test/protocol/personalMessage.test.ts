import { hashMessage } from 'viem'
import { describe, expect, it } from 'vitest'
import { hashPersonalMessage } from '../../src/protocol/signature.js'

const hex = (bytes: Uint8Array) => `0x${Buffer.from(bytes).toString('hex')}`

describe('hashPersonalMessage (EIP-191)', () => {
  it('matches viem for short, non-ASCII and long messages, one after another', () => {
    const messages = ['', 'a.b.c', 'né ✓ 😀', 'x'.repeat(1200), `1.${'é'.repeat(600)}`, 'again short']
    for (const message of messages) expect(hex(hashPersonalMessage(message))).toBe(hashMessage(message))
  })

  it('returns a digest that later calls do not overwrite', () => {
    const first = hashPersonalMessage('first')
    const copy = hex(first)
    hashPersonalMessage('second')
    expect(hex(first)).toBe(copy)
  })
})
