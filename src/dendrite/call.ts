import type { Agent, Dispatcher } from 'undici'
import { headerNames, terminalInfoFromHeaders } from '../protocol/headers.js'
import type { NonceClock } from '../protocol/nonce.js'
import {
  type EncodedRequest,
  encodeRequestNow,
  type PreparedPayload,
  type RequestSender,
} from '../protocol/request.js'
import { computeResponseHash } from '../protocol/responseHash.js'
import { checkMessageSignature, responseMessage } from '../protocol/signature.js'
import { parseResponseFields, type SynapseBase } from '../protocol/synapse.js'
import type { TerminalInfo } from '../protocol/terminalInfo.js'
import type { Lane, UuidLanes } from './lanes.js'
import { type ByteBudget, type RawResponse, sendRequest } from './send.js'
import {
  type ClientSession,
  checkSessionAnswer,
  encodeSessionRequest,
  type SessionBook,
  SessionHandshakeError,
} from './session.js'
import type { CallAbort } from './signals.js'
import { failureStatus, ResponseTooLargeError } from './status.js'
import type { ResolvedTarget } from './target.js'

/** What every call needs from its dendrite. */
export interface CallContext {
  readonly agent: Agent
  readonly sender: RequestSender
  readonly clock: NonceClock
  readonly lanes: UuidLanes
  /** The session lane's sessions; undefined when the dendrite only signs. */
  readonly sessions: SessionBook | undefined
  readonly maxResponseBytes: number
  readonly maxStreamFrameBytes: number
}

/** Longest status message kept from an axon (an answer's message of 5 MiB was kept whole). */
const MAX_MESSAGE = 1024

/** `message`, cut to {@link MAX_MESSAGE} characters. */
export function boundedMessage(message: string): string {
  return message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message
}

/** Sets the dendrite-side status (Python copies it into `dendrite.status_code`). */
export function setStatus(synapse: SynapseBase, status: number, message: string): void {
  synapse.dendrite.statusCode = status
  synapse.dendrite.statusMessage = boundedMessage(message)
}

/** Deepest nesting parsed; an answer nested deeper is refused unparsed. */
const MAX_JSON_DEPTH = 128

/**
 * `JSON.parse`, refusing (SyntaxError) text nested deeper than {@link MAX_JSON_DEPTH}: 15 MB of `[`
 * took V8 3 s to build and refuse, while this scan is linear and cheap (small texts are not scanned).
 */
export function parseAnswerJson(text: string): unknown {
  if (text.length > 4096 && nestedDeeperThan(text, MAX_JSON_DEPTH))
    throw new SyntaxError(`JSON nested deeper than ${MAX_JSON_DEPTH}`)
  return JSON.parse(text)
}

function nestedDeeperThan(text: string, max: number): boolean {
  let depth = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === 0x22) {
      // A string: skip to its closing quote (brackets inside do not count).
      for (i++; i < text.length; i++) {
        const inner = text.charCodeAt(i)
        if (inner === 0x5c) i++
        else if (inner === 0x22) break
      }
    } else if (code === 0x5b || code === 0x7b) {
      if (++depth > max) return true
    } else if (code === 0x5d || code === 0x7d) depth--
  }
  return false
}

/** Reads a body up to `limit` bytes; destroys it and throws past the limit. */
export async function readLimited(
  body: Dispatcher.ResponseData['body'],
  limit: number,
  headers?: Record<string, string | string[] | undefined>,
): Promise<string> {
  const declared = Number(headers?.['content-length'])
  if (Number.isFinite(declared)) {
    if (declared > limit) {
      body.destroy()
      throw new ResponseTooLargeError(`response larger than ${limit} bytes`)
    }
    return body.text() // undici stops at the declared length
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    size += (chunk as Buffer).length
    if (size > limit) {
      body.destroy()
      throw new ResponseTooLargeError(`response larger than ${limit} bytes`)
    }
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks, size).toString('utf8')
}

/**
 * A signed request for `target`, and the copy of the synapse that will carry the answer.
 * Synchronous when the signer is (a raw key on the native backend).
 */
export function prepareCall<S extends SynapseBase>(
  context: CallContext,
  synapse: S,
  payload: PreparedPayload,
  target: ResolvedTarget,
  timeoutMs: number,
  uuid: string,
): PreparedCall<S> | Promise<PreparedCall<S>> {
  const request = encodeRequestNow(
    payload,
    context.sender,
    target,
    context.clock.next(),
    timeoutMs / 1000,
    uuid,
  )
  if (request instanceof Promise)
    return request.then((encoded) => answerCopy(synapse, payload, timeoutMs, encoded))
  return answerCopy(synapse, payload, timeoutMs, request)
}

/** A request ready to send and the synapse copy that will carry its answer. */
export interface PreparedCall<S extends SynapseBase> {
  result: S
  request: EncodedRequest
}

function answerCopy<S extends SynapseBase>(
  synapse: S,
  payload: PreparedPayload,
  timeoutMs: number,
  request: EncodedRequest,
): PreparedCall<S> {
  // The request's terminal infos are fresh per request and already encoded: the answer takes them.
  const result = synapse.cloneWith(request.dendrite, request.axon)
  result.timeoutMs = timeoutMs
  result.computedBodyHash = payload.bodyHash
  return { result, request }
}

/** Axon terminal info from response headers, merged over what the dendrite knew. */
export function mergeAxonHeaders(
  result: SynapseBase,
  headers: Record<string, string | string[] | undefined>,
) {
  try {
    const parsed = terminalInfoFromHeaders(headerNames.axonPrefix, headers)
    if (parsed.statusMessage !== undefined) parsed.statusMessage = boundedMessage(parsed.statusMessage)
    const axon = result.axon as Record<string, unknown>
    // Only what the answer's headers say: an absent header keeps what the dendrite knew (Python's
    // `exclude_none` update).
    for (const key in parsed) {
      const value = (parsed as Record<string, unknown>)[key]
      if (value !== undefined) axon[key] = value
    }
    return true
  } catch {
    return false
  }
}

/**
 * Whether the axon signed this answer with the target's key: five-part message over the response
 * hash (and stream chunk digests). Python axons do not sign 200s: `'if-signed'` lets those pass.
 */
export function responseSignatureHolds(
  context: CallContext,
  result: SynapseBase,
  target: ResolvedTarget,
  responseValues: Record<string, unknown>,
  mode: boolean | 'if-signed',
  chunkDigests?: string,
): boolean | Promise<boolean> {
  if (mode === false) return true
  const axon: TerminalInfo = result.axon
  if (!axon.signature) return mode === 'if-signed'
  if (axon.nonce === undefined || axon.uuid === undefined) return false
  const message = responseMessage({
    nonce: axon.nonce,
    dendriteHotkey: context.sender.signer.address,
    axonHotkey: target.hotkey,
    uuid: axon.uuid,
    responseHash: computeResponseHash(result.definition, responseValues, chunkDigests),
  })
  return checkMessageSignature(message, axon.signature, target.hotkey)
}

/** Why an answer failed verification: unsigned (where a signature is required) or signed by another key. */
export function unverifiedMessage(result: SynapseBase): string {
  return result.axon.signature
    ? 'Failed to verify response: not signed by the axon hotkey'
    : 'Failed to verify response: the answer is unsigned and a signature by the axon hotkey is required'
}

/** Fills `result` from a complete (non-streaming) HTTP answer; a promise only if verifying waits. */
export function applyResponse(
  context: CallContext,
  result: SynapseBase,
  target: ResolvedTarget,
  status: number,
  headers: Record<string, string | string[] | undefined>,
  text: string,
  verify: boolean | 'if-signed',
): void | Promise<void> {
  const headersOk = mergeAxonHeaders(result, headers)
  let json: unknown
  try {
    json = parseAnswerJson(text)
  } catch {
    json = undefined
  }
  if (status !== 200) {
    const message = boundedMessage(
      (typeof json === 'object' &&
      json !== null &&
      typeof (json as { message?: unknown }).message === 'string'
        ? (json as { message: string }).message
        : undefined) ??
        result.axon.statusMessage ??
        `HTTP ${status}`,
    )
    result.axon.statusCode = status
    result.axon.statusMessage = message
    setStatus(result, status, message)
    return
  }
  if (!headersOk || typeof json !== 'object' || json === null || Array.isArray(json)) {
    setStatus(result, 422, 'Failed to parse response: not a synapse JSON object')
    return
  }
  let values: Record<string, unknown>
  try {
    const fields: Record<string, unknown> = {}
    for (const field of result.definition.responseFields) {
      const value = (json as Record<string, unknown>)[field]
      if (value !== undefined) fields[field] = value
    }
    values = parseResponseFields(result.definition, fields) as Record<string, unknown>
  } catch (error) {
    setStatus(
      result,
      422,
      `Failed to parse response: ${(error as { details?: string }).details ?? 'invalid fields'}`,
    )
    return
  }
  const holds = responseSignatureHolds(context, result, target, values, verify)
  if (holds instanceof Promise) return holds.then((signed) => acceptValues(result, values, signed))
  acceptValues(result, values, holds)
}

function acceptValues(result: SynapseBase, values: Record<string, unknown>, signed: boolean): void {
  if (!signed) {
    setStatus(result, 422, unverifiedMessage(result))
    return
  }
  Object.assign(result, values)
  result.axon.statusCode ??= 200
  setStatus(result, 200, result.axon.statusMessage ?? 'Success')
}

/** {@link applyResponse} of a collected answer. */
const applyAnswer = (
  context: CallContext,
  result: SynapseBase,
  target: ResolvedTarget,
  response: RawResponse,
  verify: boolean | 'if-signed',
) => applyResponse(context, result, target, response.statusCode, response.headers, response.text, verify)

/** One non-streaming call; never throws: failures become a status on the returned synapse. */
export async function performCall<S extends SynapseBase>(
  context: CallContext,
  synapse: S,
  payload: PreparedPayload,
  target: ResolvedTarget,
  timeoutMs: number,
  abort: CallAbort,
  verify: boolean | 'if-signed',
  budget?: ByteBudget,
): Promise<S> {
  const started = performance.now()
  const lane = context.lanes.acquire(target.origin)
  let result: S | undefined
  try {
    if (context.sessions) {
      const call = { synapse, payload, target, timeoutMs, abort, lane, budget }
      result = await sessionCall(context, context.sessions, call)
      if (result) return result
    }
    const preparing = prepareCall(context, synapse, payload, target, timeoutMs, lane.uuid)
    const prepared = preparing instanceof Promise ? await preparing : preparing
    result = prepared.result
    const headers = prepared.request.headers
    headers['content-type'] = 'application/json'
    headers.accept = 'application/json'
    const response = await post(context, target, prepared.request, timeoutMs, abort, budget)
    // Past the deadline (its timer may not have fired on a busy loop): 408, nothing parsed.
    if (abort.overdue()) throw new Error(`call ${abort.cause}`)
    const applying = applyAnswer(context, result, target, response, verify)
    if (applying) await applying
  } catch (error) {
    result ??= synapse.clone()
    const [status, message] = failureStatus(error, abort.cause, timeoutMs)
    setStatus(result, status, message)
  } finally {
    lane.release()
    abort.dispose()
    if (result) result.dendrite.processTime = (performance.now() - started) / 1000
  }
  return result
}

/** One call's own parts, as the session lane takes them. */
interface SessionCall<S extends SynapseBase> {
  synapse: S
  payload: PreparedPayload
  target: ResolvedTarget
  timeoutMs: number
  abort: CallAbort
  lane: Lane
  budget: ByteBudget | undefined
}

/**
 * The call on the session lane when the target offers sessions (docs/session.md): undefined when
 * it must go signed instead (no session offered or opened, or a lane past the session's). A
 * session the axon refuses as unknown or expired (before any handler ran) is replaced by a new
 * one and the request sent once more.
 */
async function sessionCall<S extends SynapseBase>(
  context: CallContext,
  book: SessionBook,
  call: SessionCall<S>,
): Promise<S | undefined> {
  for (let attempt = 0; ; attempt++) {
    const choosing = book.choose(call.target, call.timeoutMs)
    const choice = choosing instanceof Promise ? await choosing : choosing
    if (choice === 'signed') return undefined
    if (choice instanceof SessionHandshakeError) {
      const failed = call.synapse.clone()
      setStatus(failed, 422, choice.shortMessage)
      return failed
    }
    if (call.lane.index >= choice.maxLanes) return undefined
    const result = await sessionAttempt(context, choice, call)
    if (result !== 'retry') return result
    book.drop(call.target, choice)
    if (attempt === 1) {
      const refused = call.synapse.clone()
      setStatus(refused, 401, 'Not Verified with error: the axon refused a new session at once')
      return refused
    }
  }
}

async function sessionAttempt<S extends SynapseBase>(
  context: CallContext,
  session: ClientSession,
  { synapse, payload, target, timeoutMs, abort, lane, budget }: SessionCall<S>,
): Promise<S | 'retry'> {
  const request = encodeSessionRequest(session, payload, lane.index, timeoutMs)
  const { sender } = context
  const result = synapse.cloneWith(
    { ip: sender.ip, version: sender.version, uuid: lane.uuid, hotkey: sender.signer.address },
    { ip: target.ip, port: target.port, hotkey: target.hotkey },
  )
  result.timeoutMs = timeoutMs
  const response = await post(context, target, request, timeoutMs, abort, budget)
  if (abort.overdue()) throw new Error(`call ${abort.cause}`)
  const checking = checkSessionAnswer(session, request, response, target.hotkey)
  const standing = checking instanceof Promise ? await checking : checking
  if (standing === 'retry') return 'retry'
  // The axon may no longer hold the session, but its unsigned word is not enough to send the
  // request again: the next call opens a new session.
  if (standing === 'stale') context.sessions?.drop(target, session)
  if (standing === 'forged') {
    setStatus(result, 422, 'Failed to verify response: the session MAC does not match')
    return result
  }
  const applying = applyAnswer(context, result, target, response, false)
  if (applying) await applying
  if (standing === 'valid' && response.statusCode === 200) {
    result.axon.hotkey = target.hotkey
    result.axon.statusCode = 200
    result.axon.statusMessage ??= 'Success'
  }
  return result
}

/** `POST`s a request to the target, its answer collected within the response limits. */
function post(
  context: CallContext,
  target: ResolvedTarget,
  request: { path: string; headers: Record<string, string>; body: string },
  timeoutMs: number,
  abort: CallAbort,
  budget: ByteBudget | undefined,
) {
  return sendRequest(
    context.agent,
    {
      origin: target.origin,
      path: request.path,
      method: 'POST',
      headers: request.headers,
      body: request.body,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    },
    context.maxResponseBytes,
    abort,
    budget,
  )
}
