import type { IncomingMessage } from 'node:http'
import { AxonRejection } from './rejection.js'

const tooLarge = (limit: number) =>
  new AxonRejection(413, 'too_large', `Payload too large: over ${limit} bytes`)

/** A body still arriving: when it must be complete, and how to fail it. */
interface PendingRead {
  deadline: number
  fail: (error: AxonRejection) => void
}

/**
 * Reads request bodies of at most `limit` bytes within `timeoutMs` (the slow-body defence).
 * Rejects with 413 past the limit, 408 on timeout, 400 when the client aborts mid-body.
 *
 * One sweep per reader enforces the timeout of every body still arriving, instead of a timer per
 * request: it ticks every quarter of the timeout (at most 500 ms) while reads are pending (so a
 * slow body fails within 500 ms after its timeout) and stops when none are.
 */
export class BodyReader {
  readonly #limit: number
  readonly #timeoutMs: number
  readonly #pending = new Set<PendingRead>()
  #sweep: ReturnType<typeof setInterval> | undefined

  constructor(limit: number, timeoutMs: number) {
    this.#limit = limit
    this.#timeoutMs = timeoutMs
  }

  /**
   * The body, at once when it arrived with the headers, else a promise of it. The axon asks a
   * microtask after the request event, when the parser has pushed what came with the headers: a
   * body not whole by then waits for more packets.
   */
  read(req: IncomingMessage): Buffer | Promise<Buffer> {
    return this.#readBuffered(req) ?? this.#readArriving(req)
  }

  /** The whole body when every byte of it is buffered already (then without listeners). */
  #readBuffered(req: IncomingMessage): Buffer | undefined {
    const limit = this.#limit
    const declared =
      req.headers['transfer-encoding'] === undefined ? Number(req.headers['content-length']) : Number.NaN
    if ((!req.complete && req.readableLength !== declared) || req.readableFlowing === true) return undefined
    const chunks: Buffer[] = []
    let size = 0
    for (let chunk = req.read() as Buffer | null; chunk !== null; chunk = req.read() as Buffer | null) {
      size += chunk.length
      chunks.push(chunk)
    }
    // Every byte of the body is here: the parser stops at the declared length.
    if (size > limit) throw tooLarge(limit)
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)
  }

  /** A body still arriving: collected by listeners, failed by the sweep past its deadline. */
  #readArriving(req: IncomingMessage): Promise<Buffer> {
    const limit = this.#limit
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = []
      let size = 0
      const finish = (error?: AxonRejection) => {
        this.#pending.delete(entry)
        req.off('data', onData)
        req.off('end', onEnd)
        req.off('error', onError)
        req.off('aborted', onError)
        if (error) {
          req.pause()
          reject(error)
        } else resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size))
      }
      const entry: PendingRead = { deadline: Date.now() + this.#timeoutMs, fail: finish }
      const onData = (chunk: Buffer) => {
        size += chunk.length
        if (size > limit) finish(tooLarge(limit))
        else chunks.push(chunk)
      }
      const onEnd = () => finish()
      const onError = () => finish(new AxonRejection(400, 'bad_body', 'Request body could not be read'))
      req.on('data', onData)
      req.on('end', onEnd)
      req.on('error', onError)
      req.on('aborted', onError)
      this.#pending.add(entry)
      this.#sweep ??= setInterval(
        () => this.#expire(),
        Math.max(10, Math.min(500, this.#timeoutMs / 4)),
      ).unref()
    })
  }

  /** Fails the reads past their deadline; stops ticking when none are left. */
  #expire(): void {
    const now = Date.now()
    for (const entry of this.#pending)
      if (entry.deadline <= now)
        entry.fail(
          new AxonRejection(
            408,
            'slow_body',
            `Request timeout: body not received within ${this.#timeoutMs} ms`,
          ),
        )
    if (this.#pending.size === 0) {
      clearInterval(this.#sweep)
      this.#sweep = undefined
    }
  }
}
