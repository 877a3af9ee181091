import type { IncomingMessage } from 'node:http'
import { AxonRejection } from './rejection.js'

/**
 * Reads a request body of at most `limit` bytes within `timeoutMs` (the slow-body defence).
 * Rejects with 413 past the limit, 408 on timeout, 400 when the client aborts mid-body.
 */
export function readBody(req: IncomingMessage, limit: number, timeoutMs: number): Buffer | Promise<Buffer> {
  // Usual case: a small body arrived with the headers and is buffered already (every declared
  // byte, or the whole message). Take it at once, without a timer and listeners.
  const declared =
    req.headers['transfer-encoding'] === undefined ? Number(req.headers['content-length']) : Number.NaN
  if ((req.complete || req.readableLength === declared) && req.readableFlowing !== true) {
    const chunks: Buffer[] = []
    let size = 0
    for (let chunk = req.read() as Buffer | null; chunk !== null; chunk = req.read() as Buffer | null) {
      size += chunk.length
      chunks.push(chunk)
    }
    // Every byte of the body is here: the parser stops at the declared length.
    if (size > limit)
      throw new AxonRejection(413, 'too_large', `Payload too large: over ${limit} bytes`, true)
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const finish = (error?: AxonRejection) => {
      clearTimeout(timer)
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
      req.off('aborted', onAborted)
      if (error) {
        req.pause()
        reject(error)
      } else resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size))
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > limit)
        finish(new AxonRejection(413, 'too_large', `Payload too large: over ${limit} bytes`, true))
      else chunks.push(chunk)
    }
    const onEnd = () => finish()
    const onError = () => finish(new AxonRejection(400, 'bad_body', 'Request body could not be read', true))
    const onAborted = onError
    const timer = setTimeout(
      () =>
        finish(
          new AxonRejection(
            408,
            'slow_body',
            `Request timeout: body not received within ${timeoutMs} ms`,
            true,
          ),
        ),
      timeoutMs,
    )
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onError)
    req.on('aborted', onAborted)
  })
}
