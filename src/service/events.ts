type Listener<T> = (payload: T) => void

/**
 * The typed events of a service. A throwing listener never breaks the emitter (its error goes to
 * `onListenerError`), and once the hub closes, `next()` rejects with `closedError()`, so nothing
 * waits forever.
 */
export class EventHub<Events extends Record<string, unknown>> {
  readonly #listeners = new Map<keyof Events, Set<Listener<never>>>()
  readonly #waiters = new Set<(err: Error) => void>()
  readonly #onListenerError: (err: unknown, event: PropertyKey) => void
  readonly #closedError: () => Error
  #closed = false

  constructor(
    onListenerError: (err: unknown, event: PropertyKey) => void,
    closedError: () => Error = () => new Error('The event hub is closed'),
  ) {
    this.#onListenerError = onListenerError
    this.#closedError = closedError
  }

  /** Subscribes; returns the unsubscribe function. */
  on<E extends keyof Events>(event: E, listener: Listener<Events[E]>): () => void {
    let set = this.#listeners.get(event)
    if (!set) {
      set = new Set()
      this.#listeners.set(event, set)
    }
    set.add(listener as Listener<never>)
    return () => {
      set.delete(listener as Listener<never>)
    }
  }

  /** Resolves with the next `event` whose payload passes `filter`. */
  next<E extends keyof Events>(event: E, filter?: (payload: Events[E]) => boolean): Promise<Events[E]> {
    if (this.#closed) return Promise.reject(this.#closedError())
    return new Promise((resolve, reject) => {
      const fail = (err: Error) => {
        off()
        reject(err)
      }
      const off = this.on(event, (payload) => {
        if (filter && !filter(payload)) return
        off()
        this.#waiters.delete(fail)
        resolve(payload)
      })
      this.#waiters.add(fail)
    })
  }

  emit<E extends keyof Events>(event: E, payload: Events[E]): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) {
      try {
        ;(listener as Listener<Events[E]>)(payload)
      } catch (err) {
        this.#onListenerError(err, event)
      }
    }
  }

  /** Drops every listener; waiting `next()` calls reject. */
  close(): void {
    this.#closed = true
    for (const fail of this.#waiters) fail(this.#closedError())
    this.#waiters.clear()
    this.#listeners.clear()
  }
}
