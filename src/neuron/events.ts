type Listener<T> = (payload: T) => void

/**
 * The few typed events a Miner or Validator emits. A throwing listener never breaks the loop: its error
 * goes to `onListenerError` (the neuron's logger).
 */
export class NeuronEvents<Events extends Record<string, unknown>> {
  readonly #listeners = new Map<keyof Events, Set<Listener<never>>>()
  readonly #onListenerError: (err: unknown, event: PropertyKey) => void

  constructor(onListenerError: (err: unknown, event: PropertyKey) => void) {
    this.#onListenerError = onListenerError
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

  emit<E extends keyof Events>(event: E, payload: Events[E]): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) {
      try {
        ;(listener as Listener<Events[E]>)(payload)
      } catch (err) {
        this.#onListenerError(err, event)
      }
    }
  }

  listenerCount(event: keyof Events): number {
    return this.#listeners.get(event)?.size ?? 0
  }

  clear(): void {
    this.#listeners.clear()
  }
}
