import type { Hex } from 'viem'
import { InvalidPrivateKeyError } from './errors.js'

// Order of the secp256k1 group: a private key is a scalar in [1, n-1].
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n

/**
 * Checks a private key and returns it as lower-case 0x hex. Accepts 64 hex characters with or without
 * 0x and surrounding whitespace (as pasted from MetaMask). Errors say what is wrong, never the value.
 *
 * @throws {InvalidPrivateKeyError}
 */
export function normalizePrivateKey(input: unknown, field = 'privateKey'): Hex {
  if (typeof input !== 'string')
    throw new InvalidPrivateKeyError({ field, reason: `expected a hex string, got ${typeof input}` })
  const hex = input.trim().replace(/^0x/i, '')
  if (!/^[0-9a-fA-F]*$/.test(hex))
    throw new InvalidPrivateKeyError({ field, reason: 'contains non-hex characters' })
  if (hex.length !== 64) {
    throw new InvalidPrivateKeyError({
      field,
      reason: `expected 64 hex characters (32 bytes), got ${hex.length}`,
    })
  }
  const scalar = BigInt(`0x${hex}`)
  if (scalar === 0n || scalar >= SECP256K1_N) {
    throw new InvalidPrivateKeyError({
      field,
      reason: 'not in the secp256k1 key range (zero or above the curve order)',
    })
  }
  return `0x${hex.toLowerCase()}`
}
