import type { Logger } from '../../logging/index.js'
import { EmissionStoppedError } from './errors.js'

type Listener<T> = (payload: T) => void

/**
 * A small typed event hub: listeners never break the emitter (their errors are logged), and `next()`
 * promises reject with {@link EmissionStoppedError} when the hub closes, so nothing waits forever.
 */
export class EventHub<Events extends Record<string, unknown>> {
  readonly #listeners = new Map<keyof Events, Set<Listener<never>>>()
  readonly #waiters = new Set<{ reject(err: Error): void }>()
  #closed = false

  constructor(private readonly log: Logger) {}

  on<E extends keyof Events>(event: E, listener: Listener<Events[E]>): () => void {
    let set = this.#listeners.get(event)
    if (!set) {
      set = new Set()
      this.#listeners.set(event, set)
    }
    set.add(listener as Listener<never>)
    return () => set.delete(listener as Listener<never>)
  }

  /** Resolves with the next `event` whose payload passes `filter`. */
  next<E extends keyof Events>(event: E, filter?: (payload: Events[E]) => boolean): Promise<Events[E]> {
    if (this.#closed) return Promise.reject(new EmissionStoppedError())
    return new Promise((resolve, reject) => {
      const waiter = {
        reject: (err: Error) => {
          off()
          reject(err)
        },
      }
      const off = this.on(event, (payload) => {
        if (filter && !filter(payload)) return
        off()
        this.#waiters.delete(waiter)
        resolve(payload)
      })
      this.#waiters.add(waiter)
    })
  }

  emit<E extends keyof Events>(event: E, payload: Events[E]): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) {
      try {
        ;(listener as Listener<Events[E]>)(payload)
      } catch (err) {
        this.log.error({ err, event }, 'an emission listener threw; ignored')
      }
    }
  }

  close(): void {
    this.#closed = true
    for (const waiter of this.#waiters) waiter.reject(new EmissionStoppedError())
    this.#waiters.clear()
    this.#listeners.clear()
  }
}
