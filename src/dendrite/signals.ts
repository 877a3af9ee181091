/** Why a call was aborted: its own timeout, the fan-out deadline, or the caller's signal. */
export type AbortCause = 'timeout' | 'deadline' | 'cancelled'

/**
 * The deadline and cancellation of one fan-out. Calls register with it instead of each adding a
 * listener to a shared AbortSignal: Node's EventTarget checks duplicates on every add, which made
 * a 256-axon fan-out spend most of its client time in `addEventListener`.
 */
export class AbortScope {
  readonly #calls = new Set<CallAbort>()
  readonly #timer: NodeJS.Timeout | undefined
  readonly #parent: AbortSignal | undefined
  readonly #onParentAbort = () => this.#fire('cancelled')
  readonly #endsAt: number
  #cause: 'deadline' | 'cancelled' | undefined

  constructor(deadlineMs: number | undefined, parent?: AbortSignal) {
    this.#parent = parent
    this.#endsAt = deadlineMs === undefined ? Number.POSITIVE_INFINITY : performance.now() + deadlineMs
    if (parent?.aborted) this.#cause = 'cancelled'
    else {
      parent?.addEventListener('abort', this.#onParentAbort, { once: true })
      if (deadlineMs !== undefined)
        this.#timer = setTimeout(() => this.#fire('deadline'), Math.max(0, deadlineMs))
    }
  }

  /** Set once the deadline passed or the caller cancelled. */
  get cause(): 'deadline' | 'cancelled' | undefined {
    return this.#cause
  }

  /**
   * Whether the deadline passed or the caller cancelled, also when the timer could not fire yet
   * (a busy event loop): calls ask before costly work (parsing an answer).
   */
  overdue(): boolean {
    if (!this.#cause && performance.now() >= this.#endsAt) this.#fire('deadline')
    return this.#cause !== undefined
  }

  #fire(cause: 'deadline' | 'cancelled'): void {
    if (this.#cause) return
    this.#cause = cause
    for (const call of this.#calls) call.fire(cause)
  }

  /** @internal */
  register(call: CallAbort): void {
    if (this.#cause) call.fire(this.#cause)
    else this.#calls.add(call)
  }

  /** @internal */
  unregister(call: CallAbort): void {
    this.#calls.delete(call)
  }

  dispose(): void {
    clearTimeout(this.#timer)
    this.#parent?.removeEventListener('abort', this.#onParentAbort)
    this.#calls.clear()
  }
}

/**
 * The cancellation of one call: its own timeout, or its scope's deadline / cancellation. A plain
 * call only registers {@link CallAbort.onFire}; the AbortSignal (an AbortController and its
 * listeners, measurable per request) is made only for those that ask for it (streams).
 */
export class CallAbort {
  #controller: AbortController | undefined
  readonly #scope: AbortScope | undefined
  #timer: NodeJS.Timeout | undefined
  #cause: AbortCause | undefined
  readonly #endsAt: number
  /** Called once when the call is aborted (set before starting the request). */
  onFire: ((reason: Error) => void) | undefined

  constructor(timeoutMs: number | undefined, scope?: AbortScope) {
    this.#scope = scope
    this.#endsAt = timeoutMs === undefined ? Number.POSITIVE_INFINITY : performance.now() + timeoutMs
    if (timeoutMs !== undefined) this.#timer = setTimeout(() => this.fire('timeout'), Math.max(0, timeoutMs))
    scope?.register(this)
  }

  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController()
      if (this.#cause) this.#controller.abort(new Error(`call ${this.#cause}`))
    }
    return this.#controller.signal
  }
  get cause(): AbortCause | undefined {
    return this.#cause
  }

  /** @internal Aborts with `cause` unless something fired first. */
  fire(cause: AbortCause): void {
    if (this.#cause) return
    this.#cause = cause
    clearTimeout(this.#timer)
    const reason = new Error(`call ${cause}`)
    this.#controller?.abort(reason)
    this.onFire?.(reason)
  }

  /**
   * Whether the call is over its timeout or its scope's deadline (or cancelled), also when no timer
   * could fire yet because the event loop was busy: checked before parsing an answer.
   */
  overdue(): boolean {
    if (this.#cause) return true
    if (performance.now() >= this.#endsAt) this.fire('timeout')
    else if (this.#scope?.overdue()) this.fire(this.#scope.cause!)
    return this.#cause !== undefined
  }

  /** Aborts now (the consumer went away). */
  abort(): void {
    this.fire('cancelled')
  }

  /** Stops the timer and leaves the scope (call when the call is over). */
  dispose(): void {
    clearTimeout(this.#timer)
    this.#scope?.unregister(this)
  }
}
