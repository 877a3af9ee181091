import { createCipheriv, randomBytes, randomUUID } from 'node:crypto'
import type { Hex } from 'viem'
import { privateKeyToAddress } from 'viem/accounts'
import { InvalidScryptParamsError } from '../errors.js'
import { normalizePrivateKey } from '../privateKey.js'
import { keystoreMac } from './decrypt.js'
import { deriveKeystoreKey } from './kdf.js'
import { scryptParamsProblem } from './parse.js'
import type { KeystoreV3, ScryptParams } from './types.js'

/** geth's "standard" scrypt cost (also MetaMask's and eth-account's default): ~0.5-1 s, 256 MiB. */
export const DEFAULT_SCRYPT: Required<ScryptParams> = { n: 262_144, r: 8, p: 1 }

export interface EncryptKeystoreOptions {
  /** scrypt cost; lower `n` (e.g. 4096, geth's "light") only for tests or throwaway keys. */
  scrypt?: ScryptParams
  /** Fixed salt (32 bytes) / iv (16 bytes) / id: for reproducing test vectors only. Random by default. */
  salt?: Uint8Array
  iv?: Uint8Array
  id?: string
}

/**
 * Encrypts a private key into a V3 keystore (scrypt, aes-128-ctr, keccak256 MAC) that geth, ethers and
 * MetaMask import. The password is used as its UTF-8 bytes, as geth does.
 *
 * @throws {InvalidPrivateKeyError} the key is not 32 bytes of hex or not a valid secp256k1 key.
 */
export async function encryptKeystore(
  privateKey: Hex | string,
  password: string,
  options: EncryptKeystoreOptions = {},
): Promise<KeystoreV3> {
  const key = normalizePrivateKey(privateKey)
  const { n, r, p } = { ...DEFAULT_SCRYPT, ...options.scrypt }
  // Never write a keystore that decryptKeystore would refuse.
  if (scryptParamsProblem(n, r, p)) throw new InvalidScryptParamsError({ n, r, p })
  const salt = Buffer.from(options.salt ?? randomBytes(32))
  const iv = Buffer.from(options.iv ?? randomBytes(16))
  const derived = await deriveKeystoreKey(Buffer.from(password, 'utf8'), {
    kind: 'scrypt',
    n,
    r,
    p,
    dklen: 32,
    salt,
  })
  const cipher = createCipheriv('aes-128-ctr', derived.subarray(0, 16), iv)
  const plain = Buffer.from(key.slice(2), 'hex')
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()])
  const mac = keystoreMac(derived, ciphertext)
  derived.fill(0)
  plain.fill(0)
  return {
    address: privateKeyToAddress(key).slice(2).toLowerCase(),
    crypto: {
      cipher: 'aes-128-ctr',
      cipherparams: { iv: iv.toString('hex') },
      ciphertext: ciphertext.toString('hex'),
      kdf: 'scrypt',
      kdfparams: { dklen: 32, n, r, p, salt: salt.toString('hex') },
      mac: mac.toString('hex'),
    },
    id: options.id ?? randomUUID(),
    version: 3,
  }
}
