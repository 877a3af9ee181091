import type { Agent } from 'undici'
import { HetuError } from '../errors.js'
import { pythonFloatRepr } from '../protocol/pythonRepr.js'
import type { PreparedPayload } from '../protocol/request.js'
import {
  acceptHash,
  acceptMessage,
  answerMac,
  dendriteSessionKeys,
  macEquals,
  parseAccept,
  prepareInit,
  refusalMessage,
  requestMac,
  SESSION_PATH,
  SESSION_VERSION,
  type SessionKeys,
  sessionHeaderNames,
  sessionRequestHeader,
} from '../protocol/session.js'
import { checkMessageSignature } from '../protocol/signature.js'
import type { MessageSigner } from '../protocol/signer.js'
import { type RawResponse, sendRequest } from './send.js'
import { CallAbort } from './signals.js'
import type { ResolvedTarget } from './target.js'

/**
 * A session handshake that proved something wrong: the answer was not signed by the axon hotkey
 * the dendrite meant to call (another key, or no valid signature). The call fails with 422 and its
 * request is not sent.
 */
export class SessionHandshakeError extends HetuError {
  override name = 'SessionHandshakeError'
  constructor(detail: string) {
    super('SESSION_HANDSHAKE', `Session handshake failed: ${detail}`, {
      hint: 'The axon at this address did not prove the hotkey you called it by: check the metagraph entry (ip, port, hotkey).',
    })
  }
}

/** One session as the dendrite holds it: its keys, limits and each lane's last counter. */
export interface ClientSession {
  readonly id: string
  readonly keys: SessionKeys
  /** `Date.now()` from which the dendrite stops using it (a little before the axon would). */
  readonly renewAt: number
  readonly maxRequests: number
  readonly maxLanes: number
  requests: number
  /** Last counter sent on each lane. */
  readonly counters: number[]
}

type Entry =
  | { state: 'signed'; until: number }
  | { state: 'refused'; error: SessionHandshakeError; until: number }
  | { state: 'pending'; promise: Promise<SessionChoice> }
  | { state: 'open'; session: ClientSession }

/** What a call to a target uses: a session, the signed lane, or nothing (the axon failed to prove its hotkey). */
export type SessionChoice = ClientSession | 'signed' | SessionHandshakeError

/** Without a session offer, how long the signed lane is used before asking again, ms. */
const NOT_OFFERED_MS = 300_000
/** After a failed handshake (refused, full, unreachable), ms. */
const FAILED_MS = 30_000
/** After an axon failed to prove its hotkey: calls fail without being sent, ms. */
const IMPOSTOR_MS = 10_000
/** Targets remembered at most (a validator talks to a subnet's axons). */
const MAX_ENTRIES = 16_384
/** Largest discovery document or accept read. */
const MAX_ANSWER_BYTES = 1024 * 1024
/** Margin before the axon's expiry at which the dendrite renews (at most; a tenth of shorter lifetimes), ms. */
const RENEW_MARGIN_MS = 5_000

/**
 * The dendrite's sessions, one per target (origin and hotkey), opened on first use where the axon
 * offers them in `GET /` (docs/session.md). Concurrent calls share one handshake.
 */
export class SessionBook {
  readonly #entries = new Map<string, Entry>()

  constructor(
    readonly agent: Agent,
    readonly signer: MessageSigner,
  ) {}

  /** The session to use for `target`, at once when there is one, else a promise of the choice. */
  choose(target: ResolvedTarget, timeoutMs: number): SessionChoice | Promise<SessionChoice> {
    const key = `${target.origin} ${target.hotkey}`
    const entry = this.#entries.get(key)
    if (entry) {
      switch (entry.state) {
        case 'open': {
          const session = entry.session
          if (Date.now() < session.renewAt && session.requests < session.maxRequests) return session
          break
        }
        case 'pending':
          return entry.promise
        case 'signed':
          if (Date.now() < entry.until) return 'signed'
          break
        case 'refused':
          if (Date.now() < entry.until) return entry.error
          break
      }
    }
    const promise = this.#open(target, Math.min(timeoutMs, 10_000)).then(
      (choice) => {
        if (this.#entries.get(key)?.state === 'pending') this.#set(key, entryOf(choice))
        return choice === 'failed' ? 'signed' : choice
      },
      () => {
        this.#set(key, { state: 'signed', until: Date.now() + FAILED_MS })
        return 'signed' as const
      },
    )
    this.#set(key, { state: 'pending', promise })
    return promise
  }

  /** Forgets `session` (the axon refused it as unknown or expired); the next call opens another. */
  drop(target: ResolvedTarget, session: ClientSession): void {
    const key = `${target.origin} ${target.hotkey}`
    const entry = this.#entries.get(key)
    if (entry?.state === 'open' && entry.session === session) this.#entries.delete(key)
  }

  #set(key: string, entry: Entry): void {
    this.#entries.delete(key)
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!)
    this.#entries.set(key, entry)
  }

  /** Asks `GET /` whether sessions are offered, then opens one ('failed': offered, but refused). */
  async #open(target: ResolvedTarget, timeoutMs: number): Promise<SessionChoice | 'failed'> {
    const discovery = await this.#send(target, 'GET', '/', undefined, timeoutMs)
    if (discovery.statusCode !== 200) return 'signed'
    let offered = false
    try {
      const session = (JSON.parse(discovery.text) as { session?: { version?: unknown } }).session
      offered = session?.version === SESSION_VERSION
    } catch {
      offered = false
    }
    if (!offered) return 'signed'
    return this.#handshake(target, timeoutMs)
  }

  async #handshake(target: ResolvedTarget, timeoutMs: number): Promise<SessionChoice | 'failed'> {
    const init = await prepareInit(this.signer, target.hotkey)
    const answer = await this.#send(target, 'POST', SESSION_PATH, init.body, timeoutMs)
    // Refused (the table is full, the axon is stopping, …): signed for now, asked again soon.
    if (answer.statusCode !== 200) return 'failed'
    let accept: ReturnType<typeof parseAccept>
    try {
      accept = parseAccept(answer.text)
    } catch (error) {
      return new SessionHandshakeError((error as HetuError).shortMessage)
    }
    const transcript = acceptHash(init.hash, target.hotkey, accept)
    const signed = await checkMessageSignature(acceptMessage(transcript), accept.signature, target.hotkey)
    if (!signed) return new SessionHandshakeError(`the answer is not signed by ${target.hotkey}`)
    let keys: SessionKeys
    try {
      keys = dendriteSessionKeys(init, accept, transcript)
    } catch {
      return new SessionHandshakeError('the axon sent an unusable key')
    }
    return {
      id: accept.session,
      keys,
      // Renews before the axon expires it: 5 s early, or a tenth of a short lifetime.
      renewAt: Date.now() + accept.lifetimeMs - Math.min(RENEW_MARGIN_MS, Math.floor(accept.lifetimeMs / 10)),
      maxRequests: accept.maxRequests,
      maxLanes: accept.maxLanes,
      requests: 0,
      counters: [],
    }
  }

  #send(
    target: ResolvedTarget,
    method: 'GET' | 'POST',
    path: string,
    body: string | undefined,
    timeoutMs: number,
  ): Promise<RawResponse> {
    const abort = new CallAbort(timeoutMs)
    return sendRequest(
      this.agent,
      {
        origin: target.origin,
        path,
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      },
      MAX_ANSWER_BYTES,
      abort,
    ).finally(() => abort.dispose())
  }
}

function entryOf(choice: SessionChoice | 'failed'): Entry {
  if (choice === 'signed') return { state: 'signed', until: Date.now() + NOT_OFFERED_MS }
  if (choice === 'failed') return { state: 'signed', until: Date.now() + FAILED_MS }
  if (choice instanceof SessionHandshakeError)
    return { state: 'refused', error: choice, until: Date.now() + IMPOSTOR_MS }
  return { state: 'open', session: choice }
}

/** A session-lane request: the fields as the body, MAC'd under the request key with lane and counter. */
export interface SessionRequest {
  path: string
  headers: Record<string, string>
  body: string
  lane: number
  counter: number
}

/** The `timeout` header of the last timeout asked: a dendrite's calls mostly share one. */
let lastTimeout = { ms: Number.NaN, text: '' }

function timeoutText(ms: number): string {
  if (ms !== lastTimeout.ms) lastTimeout = { ms, text: pythonFloatRepr(ms / 1000) }
  return lastTimeout.text
}

export function encodeSessionRequest(
  session: ClientSession,
  payload: PreparedPayload,
  lane: number,
  timeoutMs: number,
): SessionRequest {
  const counter = (session.counters[lane] ?? 0) + 1
  session.counters[lane] = counter
  session.requests++
  const name = payload.definition.name
  const timeout = timeoutText(timeoutMs)
  const body = payload.fieldsJson
  const mac = requestMac(session.keys.requestKey, lane, counter, name, timeout, body)
  // No `accept`: the session lane answers JSON only (a streaming synapse is drained into one answer).
  return {
    path: `/${name}`,
    headers: {
      'content-type': 'application/json',
      timeout,
      [sessionHeaderNames.session]: sessionRequestHeader(session.id, lane, counter, mac),
    },
    body,
    lane,
    counter,
  }
}

export type SessionStanding = 'retry' | 'stale' | 'valid' | 'unauthenticated' | 'forged'

/**
 * How a session-lane answer stands: `retry` (the axon no longer holds the session, and says so
 * signed by its hotkey over this request's session, lane and counter: refused before any handler,
 * so safe to send again on a new one), `stale` (the same refusal unsigned: the session is dropped but
 * the request not sent again, as the refusal may be forged on the path after the handler ran),
 * `valid` (MAC'd with the answer key over this request's lane and counter), `unauthenticated` (an
 * error without a MAC, as a signed-lane error can be unsigned), or `forged`.
 */
export function checkSessionAnswer(
  session: ClientSession,
  request: SessionRequest,
  response: RawResponse,
  axonHotkey: string,
): SessionStanding | Promise<SessionStanding> {
  const mac = response.headers[sessionHeaderNames.mac]
  if (mac === undefined) {
    if (response.statusCode === 200) return 'forged'
    const refused = response.headers[sessionHeaderNames.refused]
    if (response.statusCode !== 401 || (refused !== 'unknown' && refused !== 'expired'))
      return 'unauthenticated'
    const signature = response.headers[sessionHeaderNames.refusalSignature]
    if (typeof signature !== 'string') return 'stale'
    const message = refusalMessage(refused, session.id, request.lane, request.counter)
    // Synchronous on the native backend; a promise with the pure-JS one.
    const signed = checkMessageSignature(message, signature, axonHotkey)
    return signed instanceof Promise
      ? signed.then((ok) => (ok ? 'retry' : 'stale'))
      : signed
        ? 'retry'
        : 'stale'
  }
  const expected = answerMac(
    session.keys.answerKey,
    request.lane,
    request.counter,
    response.statusCode,
    response.text,
  )
  return macEquals(mac, expected) ? 'valid' : 'forged'
}
