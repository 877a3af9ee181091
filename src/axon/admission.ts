import { AxonRejection } from './rejection.js'

/** Gives a worker slot back; call exactly once. */
export type ReleaseSlot = () => void

interface Waiter {
  priority: number
  seq: number
  grant: (release: ReleaseSlot) => void
  refuse: (rejection: AxonRejection) => void
}

/**
 * Priority admission: at most `maxWorkers` handlers run; up to `maxQueue` requests wait, highest
 * priority first (FIFO among equals). When the queue is full, a newcomer with a higher priority
 * than the lowest waiter takes its place (that one gets 503); otherwise the newcomer gets 503.
 */
export class Admission {
  readonly #maxWorkers: number
  readonly #maxQueue: number
  /** Sorted: highest priority first, then arrival order. */
  readonly #queue: Waiter[] = []
  #running = 0
  #seq = 0

  constructor(maxWorkers: number, maxQueue: number) {
    this.#maxWorkers = Math.max(1, Math.floor(maxWorkers))
    this.#maxQueue = Math.max(0, Math.floor(maxQueue))
  }

  get running(): number {
    return this.#running
  }
  get queued(): number {
    return this.#queue.length
  }

  /**
   * A worker slot, at once when one is free, else after waiting in the queue. Rejects with 503
   * (queue full or displaced), 408 (waited `timeoutMs`) or when `request.signal` aborts (caller gone).
   */
  acquire(
    priority: number,
    timeoutMs: number,
    request: { readonly signal: AbortSignal },
  ): ReleaseSlot | Promise<ReleaseSlot> {
    if (this.#running < this.#maxWorkers && this.#queue.length === 0) return this.#take()
    const signal = request.signal // only a request that waits needs one
    if (signal.aborted)
      return Promise.reject(new AxonRejection(499, 'client_closed', 'Client closed request'))
    const safePriority = Number.isFinite(priority) ? priority : 0
    if (this.#queue.length >= this.#maxQueue) {
      const lowest = this.#queue[this.#queue.length - 1]
      if (!lowest || lowest.priority >= safePriority)
        return Promise.reject(
          new AxonRejection(503, 'queue_full', 'Service unavailable: request queue is full'),
        )
      this.#queue.pop()
      lowest.refuse(
        new AxonRejection(503, 'queue_full', 'Service unavailable: displaced by a higher priority'),
      )
    }
    return new Promise<ReleaseSlot>((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer)
        signal.removeEventListener('abort', onAbort)
      }
      const waiter: Waiter = {
        priority: safePriority,
        seq: this.#seq++,
        grant: (release) => {
          cleanup()
          resolve(release)
        },
        refuse: (rejection) => {
          cleanup()
          reject(rejection)
        },
      }
      const leave = (rejection: AxonRejection) => {
        const index = this.#queue.indexOf(waiter)
        if (index >= 0) this.#queue.splice(index, 1)
        waiter.refuse(rejection)
      }
      const timer = setTimeout(
        () =>
          leave(
            new AxonRejection(408, 'queue_timeout', `Request timeout: no worker free within ${timeoutMs} ms`),
          ),
        Math.max(0, timeoutMs),
      )
      const onAbort = () => leave(new AxonRejection(499, 'client_closed', 'Client closed request'))
      signal.addEventListener('abort', onAbort, { once: true })
      this.#insert(waiter)
    })
  }

  #insert(waiter: Waiter): void {
    // Binary search for the first waiter with a strictly lower priority.
    let low = 0
    let high = this.#queue.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if (this.#queue[mid]!.priority >= waiter.priority) low = mid + 1
      else high = mid
    }
    this.#queue.splice(low, 0, waiter)
  }

  #take(): ReleaseSlot {
    this.#running++
    let released = false
    return () => {
      if (released) return
      released = true
      this.#running--
      const next = this.#queue.shift()
      if (next) next.grant(this.#take())
    }
  }
}
