import { sha3Hex } from '../protocol/crypto/sha3.js'
import type { PreparedPayload } from '../protocol/request.js'
import { parseChunk, parseResponseFields, type SynapseBase } from '../protocol/synapse.js'
import {
  applyResponse,
  boundedMessage,
  type CallContext,
  mergeAxonHeaders,
  parseAnswerJson,
  prepareCall,
  readLimited,
  responseSignatureHolds,
  setStatus,
  unverifiedMessage,
} from './call.js'
import type { CallAbort } from './signals.js'
import { failureStatus, ResponseTooLargeError } from './status.js'
import type { ResolvedTarget } from './target.js'

/** One frame of an axon stream: a chunk's raw JSON text, the final synapse, or an error. */
export interface StreamFrame {
  kind: 'chunk' | 'synapse' | 'error'
  /** JSON text exactly as received (chunks are hashed as such). */
  data: string
}

/** An SSE event from its lines (`event:` and `data:` fields; comments and other fields ignored). */
function sseFrame(lines: readonly string[]): StreamFrame | undefined {
  let kind: StreamFrame['kind'] = 'chunk'
  const data: string[] = []
  for (const line of lines) {
    if (line === '' || line.startsWith(':')) continue
    const colon = line.indexOf(':')
    const field = colon === -1 ? line : line.slice(0, colon)
    let value = colon === -1 ? '' : line.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    if (field === 'event') kind = value === 'synapse' || value === 'error' ? value : 'chunk'
    else if (field === 'data') data.push(value)
  }
  return data.length === 0 ? undefined : { kind, data: data.join('\n') }
}

const NDJSON_PREFIXES = [
  ['chunk', '{"chunk":'],
  ['synapse', '{"synapse":'],
  ['error', '{"error":'],
] as const

function ndjsonFrame(line: string): StreamFrame | undefined {
  const trimmed = line.trim()
  if (trimmed === '') return undefined
  for (const [kind, prefix] of NDJSON_PREFIXES) {
    if (trimmed.startsWith(prefix) && trimmed.endsWith('}'))
      return { kind, data: trimmed.slice(prefix.length, -1) }
  }
  throw new SyntaxError('unexpected NDJSON line in stream')
}

/**
 * Splits a streamed body into frames; a frame larger than `maxFrameBytes` (UTF-16 units) is an
 * error. Linear in the body: each piece of text is scanned once for line ends, and a line arriving
 * in many pieces is joined once (re-scanning the whole pending frame on every chunk made one endless
 * frame cost seconds of CPU and hundreds of MB).
 */
export async function* readFrames(
  body: AsyncIterable<Buffer>,
  format: 'sse' | 'ndjson',
  maxFrameBytes: number,
): AsyncGenerator<StreamFrame> {
  const decoder = new TextDecoder()
  let pieces: string[] = [] // the line being received, in pieces
  let lines: string[] = [] // SSE: the complete lines of the event being received
  let frameSize = 0
  const endLine = (last: string): StreamFrame | undefined => {
    pieces.push(last)
    let line = pieces.length === 1 ? pieces[0]! : pieces.join('')
    pieces = []
    if (line.endsWith('\r')) line = line.slice(0, -1)
    if (format === 'ndjson') {
      frameSize = 0
      return ndjsonFrame(line)
    }
    if (line !== '') {
      lines.push(line)
      return undefined
    }
    const frame = sseFrame(lines)
    lines = []
    frameSize = 0
    return frame
  }
  const take = function* (text: string): Generator<StreamFrame> {
    let start = 0
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      frameSize += end - start
      if (frameSize > maxFrameBytes) break
      const frame = endLine(text.slice(start, end))
      start = end + 1
      if (frame) yield frame
    }
    if (start < text.length) {
      frameSize += text.length - start
      pieces.push(text.slice(start))
    }
    if (frameSize > maxFrameBytes)
      throw new ResponseTooLargeError(`stream frame larger than ${maxFrameBytes} bytes`)
  }
  for await (const chunk of body) yield* take(decoder.decode(chunk, { stream: true }))
  yield* take(decoder.decode())
  const last = endLine('')
  if (last) yield last
  if (format === 'sse' && lines.length > 0) {
    const unterminated = sseFrame(lines)
    if (unterminated) yield unterminated
  }
}

/**
 * One streaming call: yields each validated chunk, then (always, last) the filled synapse with
 * its status. Breaking out early cancels the request.
 */
export async function* performStreamCall<S extends SynapseBase>(
  context: CallContext,
  synapse: S,
  payload: PreparedPayload,
  target: ResolvedTarget,
  timeoutMs: number,
  abort: CallAbort,
  verify: boolean | 'if-signed',
  format: 'sse' | 'ndjson',
): AsyncGenerator<unknown, void, undefined> {
  const started = performance.now()
  const lane = context.lanes.acquire(target.origin)
  let result: S | undefined
  let settled = false
  try {
    const prepared = await prepareCall(context, synapse, payload, target, timeoutMs, lane.uuid)
    result = prepared.result
    const response = await context.agent.request({
      origin: target.origin,
      path: prepared.request.path,
      method: 'POST',
      headers: {
        ...prepared.request.headers,
        'content-type': 'application/json',
        accept: format === 'sse' ? 'text/event-stream' : 'application/x-ndjson',
      },
      body: prepared.request.body,
      signal: abort.signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    })
    if (response.statusCode !== 200) {
      const text = await readLimited(response.body, context.maxResponseBytes)
      await applyResponse(context, result, target, response.statusCode, response.headers, text, verify)
      settled = true
    } else {
      mergeAxonHeaders(result, response.headers)
      let digests = ''
      for await (const frame of readFrames(response.body, format, context.maxStreamFrameBytes)) {
        if (abort.overdue()) throw new Error(`call ${abort.cause}`)
        if (frame.kind === 'chunk') {
          digests += sha3Hex(frame.data)
          let chunk: unknown
          try {
            chunk = parseChunk(result.definition, parseAnswerJson(frame.data))
          } catch {
            setStatus(result, 422, 'Failed to parse response: invalid stream chunk')
            settled = true
            break
          }
          yield chunk
        } else if (frame.kind === 'error') {
          const { status, message } = parseAnswerJson(frame.data) as { status?: number; message?: string }
          result.axon.statusCode = typeof status === 'number' ? status : 500
          result.axon.statusMessage = typeof message === 'string' ? boundedMessage(message) : 'Stream failed'
          setStatus(result, result.axon.statusCode, result.axon.statusMessage)
          settled = true
          break
        } else {
          await applyFinalFrame(context, result, target, frame.data, digests, verify)
          settled = true
          break
        }
      }
      if (!settled) setStatus(result, 503, 'Service disconnected: stream ended before the final synapse')
      settled = true
    }
  } catch (error) {
    result ??= synapse.clone()
    const [status, message] = failureStatus(error, abort.cause, timeoutMs)
    setStatus(result, status, message)
    settled = true
  } finally {
    if (!settled) abort.abort() // the consumer stopped early: cancel the request
    lane.release()
    abort.dispose()
  }
  result.dendrite.processTime = (performance.now() - started) / 1000
  yield result
}

async function applyFinalFrame(
  context: CallContext,
  result: SynapseBase,
  target: ResolvedTarget,
  data: string,
  digests: string,
  verify: boolean | 'if-signed',
): Promise<void> {
  let final: { headers?: Record<string, string>; body?: Record<string, unknown> }
  try {
    final = parseAnswerJson(data) as typeof final
  } catch {
    setStatus(result, 422, 'Failed to parse response: invalid final synapse')
    return
  }
  if (!final.body || typeof final.body !== 'object' || !mergeAxonHeaders(result, final.headers ?? {})) {
    setStatus(result, 422, 'Failed to parse response: invalid final synapse')
    return
  }
  let values: Record<string, unknown>
  try {
    const fields: Record<string, unknown> = {}
    for (const field of result.definition.responseFields) {
      if (final.body[field] !== undefined) fields[field] = final.body[field]
    }
    values = parseResponseFields(result.definition, fields) as Record<string, unknown>
  } catch {
    setStatus(result, 422, 'Failed to parse response: invalid response fields')
    return
  }
  if (!(await responseSignatureHolds(context, result, target, values, verify, digests))) {
    setStatus(result, 422, unverifiedMessage(result))
    return
  }
  Object.assign(result, values)
  setStatus(result, 200, result.axon.statusMessage ?? 'Success')
}
