import { keccak256 } from './crypto/keccak.js'
import { getSignatureBackend } from './crypto/secp256k1.js'

/** Fields of the message a dendrite signs for each request (spec 5.3). */
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

/** EIP-191 personal-message digest: keccak256("\x19Ethereum Signed Message:\n" + len + message). */
export function hashPersonalMessage(message: string): Uint8Array {
  const length = Buffer.byteLength(message, 'utf8')
  return keccak256(Buffer.from(`\x19Ethereum Signed Message:\n${length}${message}`, 'utf8'))
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

/** Whether `signature` over `message` was made by `address` (case-insensitive comparison). */
export async function verifyMessageSignature(
  message: string,
  signature: string | undefined,
  address: string,
): Promise<boolean> {
  const signer = await recoverMessageSigner(message, signature)
  return signer !== undefined && signer === address.toLowerCase()
}
