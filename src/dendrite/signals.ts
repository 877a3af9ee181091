/** Why a linked signal fired: the call's own timeout, the fan-out deadline, or the caller. */
export type AbortCause = 'timeout' | 'deadline' | 'cancelled'

/** An AbortSignal that fires on a timeout or on any parent signal, remembering which fired first. */
export class LinkedAbort {
  readonly #controller = new AbortController()
  readonly #timer: NodeJS.Timeout | undefined
  readonly #unlink: (() => void)[] = []
  #cause: AbortCause | undefined

  constructor(
    timeoutMs: number | undefined,
    parents: readonly (readonly [AbortSignal | undefined, AbortCause])[],
  ) {
    for (const [signal, cause] of parents) {
      if (!signal) continue
      if (signal.aborted) {
        this.#fire(cause)
        break
      }
      const onAbort = () => this.#fire(cause)
      signal.addEventListener('abort', onAbort, { once: true })
      this.#unlink.push(() => signal.removeEventListener('abort', onAbort))
    }
    if (timeoutMs !== undefined && !this.#cause)
      this.#timer = setTimeout(() => this.#fire('timeout'), Math.max(0, timeoutMs))
  }

  get signal(): AbortSignal {
    return this.#controller.signal
  }
  get cause(): AbortCause | undefined {
    return this.#cause
  }

  #fire(cause: AbortCause): void {
    if (this.#cause) return
    this.#cause = cause
    this.#controller.abort(new Error(`call ${cause}`))
  }

  /** Aborts now (the consumer went away): the cause is `cancelled` unless something fired first. */
  abort(): void {
    this.#fire('cancelled')
  }

  /** Stops the timer and detaches from the parents (call when the call is over). */
  dispose(): void {
    clearTimeout(this.#timer)
    for (const unlink of this.#unlink) unlink()
    this.#unlink.length = 0
  }
}
