import { HetuError } from '../errors.js'
import type { AbortCause } from './signals.js'

/**
 * An answer (a response body, a stream frame, or a fan-out's answers together) was larger than the
 * dendrite accepts (`maxResponseBytes`, `maxFrameBytes`, `maxFanoutResponseBytes`); the call fails with
 * status 422.
 */
export class ResponseTooLargeError extends HetuError {
  override name = 'ResponseTooLargeError'
  constructor(shortMessage: string) {
    super('RESPONSE_TOO_LARGE', shortMessage)
  }
}

const UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'EADDRNOTAVAIL',
])
const DISCONNECTED = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE', 'UND_ERR_CLOSED', 'UND_ERR_DESTROYED'])

/**
 * Client-side status of a failed call, as the Python dendrite maps them (docs/protocol.md#status-codes): 408
 * timeout (or cancelled), 503 cannot connect / disconnected, 504 server timeout, 422 unusable response, 500
 * other client errors.
 */
export function failureStatus(
  error: unknown,
  cause: AbortCause | undefined,
  timeoutMs: number,
): [number, string] {
  if (cause === 'timeout') return [408, `Request timeout after ${timeoutMs / 1000} seconds`]
  if (cause === 'deadline') return [408, 'Request timeout: the fan-out deadline passed']
  if (cause === 'cancelled') return [408, 'Request cancelled']
  if (error instanceof ResponseTooLargeError) return [422, `Failed to parse response: ${error.message}`]
  const code = (error as { code?: string }).code
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return [503, 'Service unavailable: connect timeout']
  if (code !== undefined && UNAVAILABLE.has(code)) return [503, `Service unavailable (${code})`]
  if (code !== undefined && DISCONNECTED.has(code)) return [503, 'Service disconnected']
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT')
    return [504, 'Server timeout error']
  const message = error instanceof Error ? error.message : String(error)
  return [500, `Client error: ${message.slice(0, 200)}`]
}
