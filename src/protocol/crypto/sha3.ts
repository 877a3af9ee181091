import * as crypto from 'node:crypto'

type OneShotHash = (algorithm: string, data: string, outputEncoding: 'hex') => string

// `crypto.hash` (Node ≥ 20.12) hashes in one native call, ~2x faster than a Hash object on the
// short strings of body hashes; older Node falls back to createHash.
const oneShot = (crypto as { hash?: OneShotHash }).hash

/** Hex SHA3-256 (FIPS 202, not Keccak) of the UTF-8 bytes of `text`, as Python's `hashlib.sha3_256`. */
export const sha3Hex: (text: string) => string = oneShot
  ? (text) => oneShot('sha3-256', text, 'hex')
  : (text) => crypto.createHash('sha3-256').update(text, 'utf8').digest('hex')
