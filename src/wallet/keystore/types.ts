/** KDF parameters of a scrypt keystore (Web3 Secret Storage). */
export interface ScryptKdfParams {
  dklen: number
  n: number
  r: number
  p: number
  /** Hex, no 0x. */
  salt: string
}

/** KDF parameters of a PBKDF2 keystore; only HMAC-SHA256 is defined by the spec. */
export interface Pbkdf2KdfParams {
  dklen: number
  c: number
  prf: 'hmac-sha256'
  /** Hex, no 0x. */
  salt: string
}

export type KeystoreCrypto = {
  cipher: 'aes-128-ctr'
  cipherparams: { iv: string }
  ciphertext: string
  mac: string
} & ({ kdf: 'scrypt'; kdfparams: ScryptKdfParams } | { kdf: 'pbkdf2'; kdfparams: Pbkdf2KdfParams })

/**
 * An Ethereum V3 keystore ("Web3 Secret Storage") as geth, ethers and MetaMask write it. Hex fields carry
 * no 0x; `address` is the lower-case address without 0x, as geth writes it. Other tools add fields
 * (`x-ethers`, `name`), which are kept on read and ignored.
 */
export interface KeystoreV3 {
  version: 3
  id: string
  address?: string
  crypto: KeystoreCrypto
  [extra: string]: unknown
}

/** Scrypt cost parameters for new keystores. */
export interface ScryptParams {
  /** CPU/memory cost, a power of two. Default 262144 (2^18), as geth's standard. */
  n?: number
  /** Block size. Default 8. */
  r?: number
  /** Parallelism. Default 1. */
  p?: number
}
