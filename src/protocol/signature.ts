import { keccak256 } from './crypto/keccak.js'
import { getSignatureBackend, publicKeyToAddress, recoveryId } from './crypto/secp256k1.js'

/** Fields of the message a dendrite signs for each request (docs/protocol.md#what-a-dendrite-signs). */
export interface RequestMessageParts {
  nonce: bigint
  dendriteHotkey: string
  /** The axon's EIP-55 checksummed address: a Python axon rebuilds the message with it. */
  axonHotkey: string
  /** The dendrite's uuid. */
  uuid: string
  bodyHash: string
}

/** `"{nonce}.{dendriteHotkey}.{axonHotkey}.{uuid}.{bodyHash}"`, the text a dendrite signs. */
export function requestMessage(parts: RequestMessageParts): string {
  return `${parts.nonce}.${parts.dendriteHotkey}.${parts.axonHotkey}.${parts.uuid}.${parts.bodyHash}`
}

/** Fields of the message an axon signs into its response. */
export interface ResponseMessageParts {
  /** The axon's own nonce (ns). */
  nonce: bigint
  dendriteHotkey: string
  axonHotkey: string
  /** The axon's uuid. */
  uuid: string
  /**
   * Hash of the response fields (and stream chunks). Omitted for error responses, which are then
   * signed exactly like the Python axon's: `"{nonce}.{dendrite}.{axon}.{uuid}"`.
   */
  responseHash?: string
}

/** The text an axon signs: the Python four-part message, plus the response hash on success. */
export function responseMessage(parts: ResponseMessageParts): string {
  const base = `${parts.nonce}.${parts.dendriteHotkey}.${parts.axonHotkey}.${parts.uuid}`
  return parts.responseHash === undefined ? base : `${base}.${parts.responseHash}`
}

const PERSONAL_PREFIX = '\x19Ethereum Signed Message:\n'
/**
 * Scratch space for the prefixed message: every request and response signature hashes one, and
 * keccak256 reads it synchronously, so one buffer serves all (longer messages get their own).
 */
const scratch = Buffer.alloc(1024)
scratch.write(PERSONAL_PREFIX, 'latin1')

/** EIP-191 personal-message digest: keccak256("\x19Ethereum Signed Message:\n" + len + message). */
export function hashPersonalMessage(message: string): Uint8Array {
  const length = Buffer.byteLength(message, 'utf8')
  const total = PERSONAL_PREFIX.length + 10 + length
  if (total > scratch.length) return keccak256(Buffer.from(`${PERSONAL_PREFIX}${length}${message}`, 'utf8'))
  let at = PERSONAL_PREFIX.length
  at += scratch.write(String(length), at, 'latin1')
  at += scratch.write(message, at, 'utf8')
  return keccak256(scratch.subarray(0, at))
}

const SIGNATURE_HEX = /^0x[0-9a-fA-F]{130}$/

/** Bytes of a `0x`-prefixed 65-byte signature, or undefined when the text is not one. */
export function parseSignature(signature: string | undefined): Uint8Array | undefined {
  if (signature === undefined || !SIGNATURE_HEX.test(signature)) return undefined
  return Buffer.from(signature.slice(2), 'hex')
}

/**
 * Lower-case address that signed `message` (EIP-191) with `signature`, or undefined when the
 * signature is malformed or unrecoverable.
 */
export async function recoverMessageSigner(message: string, signature: string | undefined) {
  const bytes = parseSignature(signature)
  if (!bytes) return undefined
  return getSignatureBackend().recoverAddress(hashPersonalMessage(message), bytes)
}

/**
 * Public keys of signers already verified by recovery, by lower-case address. Only a recovery
 * that yields the claimed address adds an entry, and an address has one public key, so entries
 * cannot be forged; bounded, oldest first out (a miss only costs a recovery).
 */
const knownPublicKeys = new Map<string, Uint8Array>()
const KNOWN_PUBLIC_KEYS_LIMIT = 4096

/** s > n/2: valid for recovery but refused by libsecp256k1's verify, so such signatures recover. */
const HALF_ORDER = Buffer.from('7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0', 'hex')
function hasHighS(signature: Uint8Array): boolean {
  return Buffer.compare(signature.subarray(32, 64), HALF_ORDER) > 0
}

/**
 * Whether `signature` over `message` was made by `address` (case-insensitive comparison).
 *
 * Every call checks the signature in full. For an address seen before, the native backend checks
 * it against the remembered public key (ECDSA verify, ~15% cheaper than recovering the key and
 * hashing it to an address again); the `v` byte must still be a valid recovery id.
 */
export async function verifyMessageSignature(
  message: string,
  signature: string | undefined,
  address: string,
): Promise<boolean> {
  return checkMessageSignature(message, signature, address)
}

/**
 * {@link verifyMessageSignature}, answered synchronously when the backend is (the native one):
 * the axon's hot path then needs no promise per request.
 */
export function checkMessageSignature(
  message: string,
  signature: string | undefined,
  address: string,
): boolean | Promise<boolean> {
  const bytes = parseSignature(signature)
  if (!bytes) return false
  const expected = address.toLowerCase()
  const digest = hashPersonalMessage(message)
  const backend = getSignatureBackend()
  const publicKeys = backend.publicKeys
  if (!publicKeys) {
    const recovered = backend.recoverAddress(digest, bytes)
    return recovered instanceof Promise
      ? recovered.then((signer) => signer === expected)
      : recovered === expected
  }
  if (recoveryId(bytes[64]) === undefined) return false
  const known = knownPublicKeys.get(expected)
  if (known && !hasHighS(bytes)) return publicKeys.verify(digest, bytes, known)
  const publicKey = publicKeys.recover(digest, bytes)
  if (!publicKey || publicKeyToAddress(publicKey) !== expected) return false
  if (!known) {
    if (knownPublicKeys.size >= KNOWN_PUBLIC_KEYS_LIMIT)
      knownPublicKeys.delete(knownPublicKeys.keys().next().value!)
    knownPublicKeys.set(expected, publicKey)
  }
  return true
}
