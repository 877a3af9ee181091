import { createDecipheriv, timingSafeEqual } from 'node:crypto'
import { keccak_256 } from '@noble/hashes/sha3.js'
import type { Hex } from 'viem'
import { privateKeyToAddress } from 'viem/accounts'
import { KeystoreCorruptedError, WrongPasswordError } from '../errors.js'
import { deriveKeystoreKey } from './kdf.js'
import { parseKeystore } from './parse.js'
import type { KeystoreV3 } from './types.js'

export interface DecryptKeystoreOptions {
  /** Path shown in errors (never the content). */
  file?: string
}

/**
 * Decrypts a V3 keystore (scrypt or pbkdf2, aes-128-ctr) written by geth, ethers, MetaMask, hetucli or
 * us, and returns the 32-byte private key.
 *
 * The password is tried as its UTF-8 bytes (geth, eth-account) and, when different, in NFKC form
 * (ethers normalizes), so a non-ASCII password works with files from either family.
 *
 * @throws {KeystoreCorruptedError} malformed file, unsupported cipher/KDF, or an `address` that does not match the key.
 * @throws {WrongPasswordError} the MAC does not match.
 */
export async function decryptKeystore(
  keystore: KeystoreV3 | string | Record<string, unknown>,
  password: string,
  options: DecryptKeystoreOptions = {},
): Promise<Hex> {
  const { file } = options
  const parsed = parseKeystore(keystore, file)
  const candidates = [password]
  const normalized = password.normalize('NFKC')
  if (normalized !== password) candidates.push(normalized)

  for (const candidate of candidates) {
    const derived = await deriveKeystoreKey(Buffer.from(candidate, 'utf8'), parsed.kdf)
    const mac = keystoreMac(derived, parsed.ciphertext)
    if (!timingSafeEqual(mac, parsed.mac)) continue

    const decipher = createDecipheriv('aes-128-ctr', derived.subarray(0, 16), parsed.iv)
    const plain = Buffer.concat([decipher.update(parsed.ciphertext), decipher.final()])
    derived.fill(0)
    // geth once stored keys with leading zero bytes stripped (30/31-byte ciphertexts): left-pad to 32.
    if (plain.length > 32)
      throw new KeystoreCorruptedError({ file, reason: `key is ${plain.length} bytes, expected 32` })
    const privateKey = `0x${plain.toString('hex').padStart(64, '0')}` as Hex
    plain.fill(0)

    let address: string
    try {
      address = privateKeyToAddress(privateKey).toLowerCase()
    } catch {
      throw new KeystoreCorruptedError({ file, reason: 'decrypted key is not a valid secp256k1 private key' })
    }
    if (parsed.address && parsed.address !== address) {
      throw new KeystoreCorruptedError({
        file,
        reason: 'its "address" field does not match the decrypted key',
      })
    }
    return privateKey
  }
  throw new WrongPasswordError({ file })
}

/** keccak256(derivedKey[16..32] ‖ ciphertext), the V3 MAC. */
export function keystoreMac(derivedKey: Uint8Array, ciphertext: Uint8Array): Buffer {
  const input = new Uint8Array(16 + ciphertext.length)
  input.set(derivedKey.subarray(16, 32), 0)
  input.set(ciphertext, 16)
  return Buffer.from(keccak_256(input))
}
