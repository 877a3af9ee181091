import { createRequire } from 'node:module'
import { bytesToHex, type Hex, recoverAddress } from 'viem'
import { privateKeyToAddress, sign } from 'viem/accounts'
import { SignerError } from '../errors.js'
import { keccak256 } from './keccak.js'

/** Signs digests and recovers signers; one implementation per backend. */
export interface SignatureBackend {
  /** `native` = libsecp256k1 binding (the `secp256k1` package), `js` = noble through viem. */
  readonly name: 'native' | 'js'
  /** 65-byte `r‖s‖v` signature (v = 27 or 28, low s) of a 32-byte digest. */
  sign(digest: Uint8Array, privateKey: Uint8Array): Uint8Array | Promise<Uint8Array>
  /** Lower-case `0x` address whose key produced `signature` over `digest`; undefined if none. */
  recoverAddress(digest: Uint8Array, signature: Uint8Array): string | undefined | Promise<string | undefined>
  /** Lower-case `0x` address of a private key; throws on an invalid key. */
  addressOf(privateKey: Uint8Array): string
  /**
   * Optional fast path for a signer seen before: the 65-byte uncompressed public key behind
   * `signature`, and a check of a 64-byte `r‖s` signature against a known public key (cheaper
   * than recovering it again). Both synchronous; undefined/false when invalid.
   */
  publicKeys?: {
    recover(digest: Uint8Array, signature: Uint8Array): Uint8Array | undefined
    verify(digest: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean
  }
}

interface NativeSecp256k1 {
  privateKeyVerify(key: Uint8Array): boolean
  publicKeyCreate(key: Uint8Array, compressed: boolean): Uint8Array
  ecdsaSign(
    digest: Uint8Array,
    key: Uint8Array,
    options?: object,
    output?: Uint8Array,
  ): { signature: Uint8Array; recid: number }
  ecdsaRecover(signature: Uint8Array, recid: number, digest: Uint8Array, compressed: boolean): Uint8Array
  ecdsaVerify(signature: Uint8Array, digest: Uint8Array, publicKey: Uint8Array): boolean
}

/** Recovery id (0/1) of the `v` byte of a signature (27/28 or 0/1), undefined for anything else. */
export function recoveryId(v: number | undefined): number | undefined {
  if (v === 27 || v === 28) return v - 27
  if (v === 0 || v === 1) return v
  return undefined
}

/** Lower-case `0x` address of a 65-byte uncompressed public key. */
export function publicKeyToAddress(uncompressed: Uint8Array): string {
  return `0x${Buffer.from(keccak256(uncompressed.subarray(1))).toString('hex', 12)}`
}

function loadNative(): SignatureBackend | undefined {
  let lib: NativeSecp256k1
  try {
    // `secp256k1/bindings.js` throws when the binding is missing (plain `secp256k1` falls back to elliptic).
    lib = createRequire(import.meta.url)('secp256k1/bindings.js') as NativeSecp256k1
  } catch {
    return undefined
  }
  const recoverPublicKey = (digest: Uint8Array, signature: Uint8Array) => {
    const recid = recoveryId(signature[64])
    if (signature.length !== 65 || recid === undefined) return undefined
    try {
      return lib.ecdsaRecover(signature.subarray(0, 64), recid, digest, false)
    } catch {
      return undefined
    }
  }
  return {
    name: 'native',
    sign(digest, privateKey) {
      // r‖s written straight into the 65-byte result: no second buffer and copy per signature.
      const out = new Uint8Array(65)
      out[64] = 27 + lib.ecdsaSign(digest, privateKey, {}, out.subarray(0, 64)).recid
      return out
    },
    recoverAddress(digest, signature) {
      const publicKey = recoverPublicKey(digest, signature)
      return publicKey && publicKeyToAddress(publicKey)
    },
    publicKeys: {
      recover: recoverPublicKey,
      verify(digest, signature, publicKey) {
        try {
          return lib.ecdsaVerify(signature.subarray(0, 64), digest, publicKey)
        } catch {
          return false // unparsable r or s
        }
      },
    },
    addressOf(privateKey) {
      if (!lib.privateKeyVerify(privateKey)) throw new RangeError('invalid secp256k1 private key')
      return publicKeyToAddress(lib.publicKeyCreate(privateKey, false))
    },
  }
}

/** Pure-JS backend (noble, through viem): works everywhere, ~20-30x slower than the binding. */
export const jsSignatureBackend: SignatureBackend = {
  name: 'js',
  async sign(digest, privateKey) {
    return sign({ hash: bytesToHex(digest), privateKey: bytesToHex(privateKey), to: 'bytes' })
  },
  async recoverAddress(digest, signature) {
    if (signature.length !== 65 || recoveryId(signature[64]) === undefined) return undefined
    try {
      return (await recoverAddress({ hash: bytesToHex(digest), signature })).toLowerCase()
    } catch {
      return undefined
    }
  },
  addressOf(privateKey) {
    return privateKeyToAddress(bytesToHex(privateKey) as Hex).toLowerCase()
  },
}

/** libsecp256k1 backend, or undefined when the native binding is not available on this platform. */
export const nativeSignatureBackend: SignatureBackend | undefined = loadNative()

let current: SignatureBackend = nativeSignatureBackend ?? jsSignatureBackend

/** The backend used by axons, dendrites and signers created from raw private keys. */
export function getSignatureBackend(): SignatureBackend {
  return current
}

/**
 * Chooses the signature backend process-wide (`'native'` throws when the binding is missing).
 * Returns the previous one, so tests and benchmarks can restore it.
 */
export function setSignatureBackend(backend: 'native' | 'js' | SignatureBackend): SignatureBackend {
  const previous = current
  if (backend === 'js') current = jsSignatureBackend
  else if (backend === 'native') {
    if (!nativeSignatureBackend)
      throw new SignerError(
        'The native secp256k1 binding is not available',
        "Install the prebuilt `secp256k1` package for this platform, or use setSignatureBackend('js').",
      )
    current = nativeSignatureBackend
  } else current = backend
  return previous
}
