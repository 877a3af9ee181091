import { hashMessage, recoverMessageAddress, verifyMessage } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterEach, describe, expect, it } from 'vitest'
import { keccak256, keccak256Js, keccakIsNative } from '../../src/protocol/crypto/keccak.js'
import {
  getSignatureBackend,
  jsSignatureBackend,
  nativeSignatureBackend,
  setSignatureBackend,
} from '../../src/protocol/crypto/secp256k1.js'
import {
  hashPersonalMessage,
  parseSignature,
  recoverMessageSigner,
  verifyMessageSignature,
} from '../../src/protocol/signature.js'
import { toMessageSigner } from '../../src/protocol/signer.js'
import { vectors } from './support.js'

const key = vectors.keys.dendrite.privateKey
const address = vectors.keys.dendrite.address

describe('EIP-191 signing and recovery', () => {
  const initial = getSignatureBackend()
  afterEach(() => {
    setSignatureBackend(initial)
  })

  it('uses the native bindings on this platform', () => {
    expect(nativeSignatureBackend).toBeDefined()
    expect(getSignatureBackend().name).toBe('native')
    expect(keccakIsNative).toBe(true)
  })

  it('hashes personal messages exactly as viem', () => {
    for (const message of ['', 'hello', 'ünïcode ✓', 'x'.repeat(1000)])
      expect(Buffer.from(hashPersonalMessage(message)).toString('hex')).toBe(hashMessage(message).slice(2))
    const data = Buffer.from('some bytes')
    expect(Buffer.from(keccak256(data))).toEqual(Buffer.from(keccak256Js(data)))
  })

  it.each(['native', 'js'] as const)(
    '%s backend: signatures interoperate with viem both ways',
    async (backend) => {
      setSignatureBackend(backend)
      const signer = toMessageSigner({ hotkey: key })
      expect(signer.address).toBe(address)
      const message = '1.0xabc.0xdef.uuid.hash'
      const signature = await signer.signMessage(message)
      expect(signature).toBe(await privateKeyToAccount(key).signMessage({ message }))
      expect(await verifyMessage({ address, message, signature })).toBe(true)
      expect(await recoverMessageSigner(message, signature)).toBe(address.toLowerCase())
      expect(await recoverMessageAddress({ message, signature })).toBe(address)
    },
  )

  it('native and JS backends recover the same signer', async () => {
    const message = 'compare backends'
    const signature = parseSignature(await toMessageSigner({ hotkey: key }).signMessage(message))!
    const digest = hashPersonalMessage(message)
    expect(await nativeSignatureBackend!.recoverAddress(digest, signature)).toBe(
      await jsSignatureBackend.recoverAddress(digest, signature),
    )
  })

  it('accepts v as 27/28 or 0/1 and refuses malformed signatures without throwing', async () => {
    const message = 'v forms'
    const signature = await toMessageSigner({ hotkey: key }).signMessage(message)
    const v = Number.parseInt(signature.slice(-2), 16)
    const zeroOne: `0x${string}` = `0x${signature.slice(2, -2)}0${v - 27}`
    expect(await verifyMessageSignature(message, zeroOne, address)).toBe(true)
    for (const bad of [
      '',
      '0x',
      '0x1234',
      `${signature.slice(0, -2)}05`,
      `0x${'00'.repeat(65)}`,
      `${signature}00`,
    ]) {
      expect(await recoverMessageSigner(message, bad)).toBeUndefined()
      expect(await verifyMessageSignature(message, bad, address)).toBe(false)
    }
  })

  it('detects a signature by another key than the claimed one', async () => {
    const other = toMessageSigner({ hotkey: vectors.keys.axon.privateKey })
    const signature = await other.signMessage('claimed')
    expect(await verifyMessageSignature('claimed', signature, address)).toBe(false)
    expect(await verifyMessageSignature('claimed', signature, other.address)).toBe(true)
    expect(await verifyMessageSignature('claimed-tampered', signature, other.address)).toBe(false)
  })

  it('checks a known signer as strictly as an unknown one (public-key fast path)', async () => {
    setSignatureBackend('native')
    const signer = toMessageSigner()
    const signature = await signer.signMessage('first')
    // First sight recovers and remembers the key; later ones verify against it.
    for (let round = 0; round < 2; round++) {
      expect(await verifyMessageSignature('first', signature, signer.address)).toBe(true)
      expect(await verifyMessageSignature('tampered', signature, signer.address)).toBe(false)
      expect(await verifyMessageSignature('first', `${signature.slice(0, -2)}05`, signer.address)).toBe(false)
      expect(await verifyMessageSignature('first', `0x${'ab'.repeat(65)}`, signer.address)).toBe(false)
      expect(await verifyMessageSignature('first', signature, address)).toBe(false)
    }
    // The same signature with s replaced by n - s (high s) still recovers the signer, as before.
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
    const bytes = parseSignature(signature)!
    const s = BigInt(`0x${Buffer.from(bytes.subarray(32, 64)).toString('hex')}`)
    const highS = Buffer.from(bytes)
    highS.set(Buffer.from((n - s).toString(16).padStart(64, '0'), 'hex'), 32)
    highS[64] = bytes[64] === 27 ? 28 : 27
    const highSHex = `0x${highS.toString('hex')}`
    expect(await verifyMessageSignature('first', highSHex, signer.address)).toBe(true)
    expect(await verifyMessageSignature('tampered', highSHex, signer.address)).toBe(false)
  })
})
