import { createHash } from 'node:crypto'

/** Hex SHA3-256 (FIPS 202, not Keccak) of the UTF-8 bytes of `text`, as Python's `hashlib.sha3_256`. */
export function sha3Hex(text: string): string {
  return createHash('sha3-256').update(text, 'utf8').digest('hex')
}
