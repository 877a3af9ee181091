/**
 * The session lane (docs/session.md): a dendrite and an axon of this SDK authenticate once with a
 * signed handshake and an X25519 key agreement, then each request and answer carries an HMAC-SHA256
 * under a key of its direction instead of a secp256k1 signature. Pure: messages, hashes, keys, MACs.
 */
import * as nodeCrypto from 'node:crypto'
import {
  createHash,
  createHmac,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto'
import { inspect } from 'node:util'
import { HetuError } from '../errors.js'
import { isAddressLike } from './address.js'
import { type MessageSigner, signMessageNow } from './signer.js'

export const SESSION_VERSION = 1
/** The handshake's route: not a synapse name (a synapse name has no `-`), so it cannot collide. */
export const SESSION_PATH = '/hetu-session'
/** Header names of session-lane requests and answers. */
export const sessionHeaderNames = {
  /**
   * On a request: `{session id} {lane} {counter} {MAC}` ({@link sessionRequestHeader}), one
   * header for the four (each header costs both sides parsing).
   */
  session: 'hetu-session',
  /** On an answer: its HMAC-SHA256 under the answer key (64 lower-case hex digits). */
  mac: 'hetu-mac',
  /** On a refusal of the session itself (not MAC'd): `unknown`, `expired`, `counter`, `lane`. */
  refused: 'hetu-session-refused',
  /**
   * On an `unknown` or `expired` refusal: the axon hotkey's EIP-191 signature of
   * {@link refusalMessage}, the proof a dendrite needs before it sends the request again.
   */
  refusalSignature: 'hetu-session-refused-signature',
} as const

/** What a request's `hetu-session` header says. */
export interface SessionRequestHeader {
  /** The session id (32 hex digits). */
  id: string
  /** The dendrite lane, 0 … maxLanes-1. */
  lane: number
  /** Strictly increasing per (session, lane), from 1. */
  counter: number
  /** The request's HMAC-SHA256 under the request key ({@link requestMac}), 64 hex digits. */
  mac: string
}

/** A request's `hetu-session` header: id, lane, counter and MAC, separated by one space. */
export const sessionRequestHeader = (id: string, lane: number, counter: number, mac: string) =>
  `${id} ${lane} ${counter} ${mac}`

/**
 * Each part in its one spelling: lower-case hex, decimals without leading zeros (the lane at most
 * 4 digits, the counter 15: a safe integer), so the texts are those the MAC covers.
 */
const SESSION_REQUEST = /^([0-9a-f]{32}) (0|[1-9]\d{0,3}) ([1-9]\d{0,14}) ([0-9a-f]{64})$/

/** A request's `hetu-session` header, or undefined when it is not exactly that form (or sent twice). */
export function parseSessionRequestHeader(value: unknown): SessionRequestHeader | undefined {
  if (typeof value !== 'string') return undefined
  const parts = SESSION_REQUEST.exec(value)
  if (!parts) return undefined
  return { id: parts[1]!, lane: Number(parts[2]), counter: Number(parts[3]), mac: parts[4]! }
}

/** Why an axon refused a session-lane request before checking its MAC. */
export type SessionRefusal = 'unknown' | 'expired' | 'counter' | 'lane'

/** A handshake or session-lane message that does not parse. */
export class SessionMessageError extends HetuError {
  override name = 'SessionMessageError'
  constructor(detail: string) {
    super('SESSION_MESSAGE', `Malformed session message: ${detail}`, {
      hint: 'Session handshakes are made by this SDK (docs/session.md); check that both sides speak version 1.',
    })
  }
}

/** What a dendrite sends to open a session (`POST /hetu-session`, JSON). */
export interface SessionInit {
  version: number
  /** The dendrite's hotkey (EIP-55), which signs. */
  dendrite: string
  /** The axon hotkey the dendrite means to talk to (from the metagraph). */
  axon: string
  /** 32 random bytes, hex. */
  nonce: string
  /** Wall clock, ms since the epoch: the axon refuses a handshake outside its freshness window. */
  timestamp: number
  /** The dendrite's ephemeral X25519 public key, 32 bytes hex. */
  key: string
  /** EIP-191 signature by `dendrite` of {@link initMessage}. */
  signature: string
}

/** The axon's answer: its half of the key agreement and the session's limits, signed. */
export interface SessionAccept {
  version: number
  /** 16 random bytes, hex: names the session on every request. */
  session: string
  /** 32 random bytes, hex. */
  nonce: string
  /** The axon's ephemeral X25519 public key, 32 bytes hex. */
  key: string
  /** How long the session lives from the handshake, ms. */
  lifetimeMs: number
  /** Requests the session carries in all (every lane together). */
  maxRequests: number
  /** Lanes (concurrent calls) the session carries; lane numbers 0 … maxLanes-1. */
  maxLanes: number
  /** EIP-191 signature by the axon hotkey of {@link acceptMessage}. */
  signature: string
}

const HEX32 = /^[0-9a-f]{64}$/
const HEX16 = /^[0-9a-f]{32}$/
const SIGNATURE = /^0x[0-9a-fA-F]{130}$/

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

/** Hash of everything the dendrite's init says (domain `hetu-session-v1/init`). */
export function initHash(init: Omit<SessionInit, 'signature'>): string {
  return sha256Hex(
    [
      'hetu-session-v1/init',
      init.version,
      init.dendrite.toLowerCase(),
      init.axon.toLowerCase(),
      init.nonce,
      init.timestamp,
      init.key,
    ].join('\n'),
  )
}

/** The text the dendrite signs (EIP-191): no request or answer message of the signed lane has this form. */
export const initMessage = (hash: string) => `hetu-session-v1/init ${hash}`

/**
 * Hash of the accept (domain `hetu-session-v1/accept`), covering the init's hash and the axon's
 * hotkey: the transcript both keys are bound to.
 */
export function acceptHash(
  init: string,
  axonHotkey: string,
  accept: Omit<SessionAccept, 'signature'>,
): string {
  return sha256Hex(
    [
      'hetu-session-v1/accept',
      init,
      axonHotkey.toLowerCase(),
      accept.version,
      accept.session,
      accept.nonce,
      accept.key,
      accept.lifetimeMs,
      accept.maxRequests,
      accept.maxLanes,
    ].join('\n'),
  )
}

export const acceptMessage = (hash: string) => `hetu-session-v1/accept ${hash}`

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const positiveInt = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0

/** The init from its JSON text; throws {@link SessionMessageError}. */
export function parseInit(text: string): SessionInit {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new SessionMessageError('init is not JSON')
  }
  if (!isObject(value)) throw new SessionMessageError('init is not an object')
  const { version, dendrite, axon, nonce, timestamp, key, signature } = value
  if (version !== SESSION_VERSION) throw new SessionMessageError(`unsupported version ${String(version)}`)
  if (!isAddressLike(dendrite) || !isAddressLike(axon)) throw new SessionMessageError('hotkeys')
  if (typeof nonce !== 'string' || !HEX32.test(nonce)) throw new SessionMessageError('nonce')
  if (!positiveInt(timestamp)) throw new SessionMessageError('timestamp')
  if (typeof key !== 'string' || !HEX32.test(key)) throw new SessionMessageError('key')
  if (typeof signature !== 'string' || !SIGNATURE.test(signature)) throw new SessionMessageError('signature')
  return { version, dendrite, axon, nonce, timestamp, key, signature }
}

/** The accept from its JSON text; throws {@link SessionMessageError}. */
export function parseAccept(text: string): SessionAccept {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new SessionMessageError('accept is not JSON')
  }
  if (!isObject(value)) throw new SessionMessageError('accept is not an object')
  const { version, session, nonce, key, lifetimeMs, maxRequests, maxLanes, signature } = value
  if (version !== SESSION_VERSION) throw new SessionMessageError(`unsupported version ${String(version)}`)
  if (typeof session !== 'string' || !HEX16.test(session)) throw new SessionMessageError('session id')
  if (typeof nonce !== 'string' || !HEX32.test(nonce)) throw new SessionMessageError('nonce')
  if (typeof key !== 'string' || !HEX32.test(key)) throw new SessionMessageError('key')
  if (!positiveInt(lifetimeMs) || !positiveInt(maxRequests) || !positiveInt(maxLanes))
    throw new SessionMessageError('limits')
  if (typeof signature !== 'string' || !SIGNATURE.test(signature)) throw new SessionMessageError('signature')
  return { version, session, nonce, key, lifetimeMs, maxRequests, maxLanes, signature }
}

/** An ephemeral X25519 key pair: the private key stays in memory for one handshake. */
export interface EphemeralKey {
  privateKey: KeyObject
  /** Raw public key, 32 bytes hex. */
  publicHex: string
}

/** DER prefix of an X25519 SubjectPublicKeyInfo; the raw key is the 32 bytes after it. */
const X25519_SPKI = Buffer.from('302a300506032b656e032100', 'hex')

export function ephemeralKey(): EphemeralKey {
  const { privateKey, publicKey } = generateKeyPairSync('x25519')
  const der = publicKey.export({ format: 'der', type: 'spki' })
  return { privateKey, publicHex: der.subarray(X25519_SPKI.length).toString('hex') }
}

export const randomHex = (bytes: number) => randomBytes(bytes).toString('hex')

/** A dendrite's signed init, ready to send, and what it keeps to finish the handshake. */
export interface PreparedInit {
  /** The ephemeral key pair whose public half the init carries. */
  own: EphemeralKey
  unsigned: Omit<SessionInit, 'signature'>
  /** {@link initHash} of `unsigned`: the accept's transcript covers it. */
  hash: string
  /** The JSON body of `POST /hetu-session`. */
  body: string
}

/**
 * A fresh init for `axonHotkey`, signed by `signer` (a new ephemeral key, nonce and timestamp).
 * `dendrite` is the hotkey the init claims: the signer's own, unless a test makes a false claim.
 */
export async function prepareInit(
  signer: MessageSigner,
  axonHotkey: string,
  dendrite = signer.address,
): Promise<PreparedInit> {
  const own = ephemeralKey()
  const unsigned = {
    version: SESSION_VERSION,
    dendrite,
    axon: axonHotkey,
    nonce: randomHex(32),
    timestamp: Date.now(),
    key: own.publicHex,
  }
  const hash = initHash(unsigned)
  const signature = await signMessageNow(signer, initMessage(hash))
  return { own, unsigned, hash, body: JSON.stringify({ ...unsigned, signature }) }
}

/** `crypto.hash` (Node ≥ 20.12): one-shot, without a Hash object per call. */
const oneShotHash = (nodeCrypto as { hash?: OneShotHash }).hash
type OneShotHash = (algorithm: string, data: string | Buffer, encoding: 'base64' | 'hex') => string

/**
 * One direction's HMAC-SHA256 key: the 64 ASCII hex digits of its 32 derived bytes (one SHA-256
 * block, used as is). The key stays in private fields: logging, inspecting or serialising a
 * session shows `[MacKey]`, never the key.
 *
 * HMAC is computed from its definition, H(K⊕opad ‖ H(K⊕ipad ‖ m)), with two one-shot hashes:
 * under load, making a Node `Hmac` object (an OpenSSL MAC context) per message was the session
 * lane's largest single cost. With hex digits as the key, K⊕ipad is ASCII text, so a text message
 * is hashed as one string with no copy into a buffer.
 */
export class MacKey {
  /** K: 64 ASCII bytes. */
  readonly #key: Buffer
  /** K ⊕ ipad, as text (ASCII) and as bytes. */
  readonly #innerPadText: string
  readonly #inner: Buffer
  /** K ⊕ opad (64 bytes), then room for the inner digest (32). */
  readonly #outer: Buffer

  constructor(raw: Buffer) {
    if (raw.length !== 32) throw new RangeError('a session MAC key is 32 bytes')
    this.#key = Buffer.from(raw.toString('hex'), 'latin1')
    this.#inner = Buffer.alloc(64)
    this.#outer = Buffer.alloc(96)
    for (let i = 0; i < 64; i++) {
      this.#inner[i] = this.#key[i]! ^ 0x36
      this.#outer[i] = this.#key[i]! ^ 0x5c
    }
    this.#innerPadText = this.#inner.toString('latin1')
  }

  /** HMAC-SHA256 of `head` ‖ `body` (text as UTF-8), hex. */
  hmacHex(head: string, body: string | Buffer): string {
    if (!oneShotHash) return createHmac('sha256', this.#key).update(head).update(body).digest('hex')
    // Text (every MAC the SDK makes) is hashed as one string; bytes are joined to the padded key.
    const inner =
      typeof body === 'string'
        ? oneShotHash('sha256', this.#innerPadText + head + body, 'base64')
        : oneShotHash('sha256', Buffer.concat([this.#inner, Buffer.from(head), body]), 'base64')
    this.#outer.write(inner, 64, 'base64')
    return oneShotHash('sha256', this.#outer, 'hex')
  }

  toJSON(): string {
    return '[MacKey]'
  }

  [inspect.custom](): string {
    return '[MacKey]'
  }
}

/** The two directional keys of a session: request (dendrite → axon) and answer (axon → dendrite). */
export interface SessionKeys {
  requestKey: MacKey
  answerKey: MacKey
}

/**
 * X25519 of our private key and the peer's public key, then HKDF-SHA256 with salt = dendrite nonce ‖
 * axon nonce and info = the accept hash (the transcript): 64 bytes, the request key then the answer
 * key. Throws on a peer key that gives no shared secret (a low-order point).
 */
export function deriveSessionKeys(
  own: KeyObject,
  peerHex: string,
  dendriteNonce: string,
  axonNonce: string,
  transcript: string,
): SessionKeys {
  const peer = createPublicKey({
    key: Buffer.concat([X25519_SPKI, Buffer.from(peerHex, 'hex')]),
    format: 'der',
    type: 'spki',
  })
  const secret = diffieHellman({ privateKey: own, publicKey: peer })
  const salt = Buffer.from(dendriteNonce + axonNonce, 'hex')
  const info = Buffer.from(`hetu-session-v1/keys ${transcript}`, 'utf8')
  const okm = Buffer.from(hkdfSync('sha256', secret, salt, info, 64))
  const keys = { requestKey: new MacKey(okm.subarray(0, 32)), answerKey: new MacKey(okm.subarray(32, 64)) }
  okm.fill(0)
  return keys
}

/**
 * The dendrite's keys of a session: its init's ephemeral key and nonce with the axon's accept, under
 * `transcript` ({@link acceptHash} of the two). Throws as {@link deriveSessionKeys} does.
 */
export function dendriteSessionKeys(
  init: PreparedInit,
  accept: SessionAccept,
  transcript: string,
): SessionKeys {
  return deriveSessionKeys(init.own.privateKey, accept.key, init.unsigned.nonce, accept.nonce, transcript)
}

/**
 * A request's MAC: HMAC-SHA256(requestKey, "hetu-session-v1/request\n{lane}\n{counter}\n{name}\n{timeout}\n" ‖ body).
 * The body itself is MAC'd (one pass, no separate hash).
 */
export function requestMac(
  key: MacKey,
  lane: number,
  counter: number,
  name: string,
  timeout: string,
  body: string | Buffer,
): string {
  return key.hmacHex(`hetu-session-v1/request\n${lane}\n${counter}\n${name}\n${timeout}\n`, body)
}

/** An answer's MAC: HMAC-SHA256(answerKey, "hetu-session-v1/answer\n{lane}\n{counter}\n{status}\n" ‖ body). */
export function answerMac(
  key: MacKey,
  lane: number,
  counter: number,
  status: number,
  body: string | Buffer,
): string {
  return key.hmacHex(`hetu-session-v1/answer\n${lane}\n${counter}\n${status}\n`, body)
}

/**
 * What an axon signs when it refuses a request because it holds no such session (or no longer):
 * the refusal, the session id, lane and counter it answers. Only then does a dendrite send the
 * request again on a new session: a refusal forged on the path, after the request reached the
 * handler, would otherwise make the handler run twice.
 */
export const refusalMessage = (
  reason: 'unknown' | 'expired',
  session: string,
  lane: number,
  counter: number,
) => `hetu-session-v1/refused ${reason} ${session} ${lane} ${counter}`

/**
 * Whether `sent` (from the wire) is `expected` (64 lower-case hex digits): every character is
 * compared whatever the first difference, so the time taken does not tell how much of a guess
 * was right. (Without decoding both to buffers for timingSafeEqual, which cost as much as the MAC.)
 */
export function macEquals(sent: unknown, expected: string): boolean {
  if (typeof sent !== 'string' || sent.length !== 64 || expected.length !== 64) return false
  let difference = 0
  for (let i = 0; i < 64; i++) difference |= sent.charCodeAt(i) ^ expected.charCodeAt(i)
  return difference === 0
}
