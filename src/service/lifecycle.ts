import { stopOnSignals } from './signals.js'

/** Where a service is in its life; it only moves forward (a stopped service is not started again). */
export type ServiceState = 'idle' | 'starting' | 'started' | 'stopping' | 'stopped'

/** What one service does at each point of its {@link Lifecycle}. */
export interface LifecycleHooks {
  /** Opens what the service needs. When it throws, it has closed what it opened: close() never runs. */
  open(): Promise<void>
  /** Closes what open() opened; once, after open() succeeded, when stop() is called. */
  close(): Promise<void>
  /** The error start() rejects with when the service cannot start (it is not idle). */
  refuse(state: ServiceState): Error
  /** Once started (not when stop() came during the start). */
  started?(): void
  /** Last, once stopped; `idle` when stop() came before any start. */
  stopped?(signal: NodeJS.Signals | undefined, idle: boolean): void
  /** start() after a first start gets that start's promise instead of refuse() (default false). */
  shareStart?: boolean
  /** While started, stop on SIGINT/SIGTERM; a second signal exits at once. */
  handleSignals?: boolean
}

/**
 * The life of a service (an Axon, a Miner, a Validator, the localnet emission): one start, one stop,
 * both idempotent. stop() during start() waits for the start, then closes what it opened;
 * a failed start ends the service (`whenStopped()` resolves).
 */
export class Lifecycle<T> {
  readonly #owner: T
  readonly #hooks: LifecycleHooks
  #state: ServiceState = 'idle'
  #starting: Promise<T> | undefined
  #opened = false
  #stopping: Promise<void> | undefined
  #removeSignals: (() => void) | undefined
  readonly #stopped: Promise<void>
  #resolveStopped!: () => void

  constructor(owner: T, hooks: LifecycleHooks) {
    this.#owner = owner
    this.#hooks = hooks
    this.#stopped = new Promise((resolve) => {
      this.#resolveStopped = resolve
    })
  }

  get state(): ServiceState {
    return this.#state
  }

  /** stop() was called (or a start failed): stopping or stopped. */
  get ending(): boolean {
    return this.#state === 'stopping' || this.#state === 'stopped'
  }

  /** Resolves with the owner once open() succeeded. */
  start(): Promise<T> {
    if (this.#starting && this.#hooks.shareStart) return this.#starting
    if (this.#state !== 'idle') return Promise.reject(this.#hooks.refuse(this.#state))
    this.#state = 'starting'
    this.#starting = this.#start()
    return this.#starting
  }

  async #start(): Promise<T> {
    try {
      await this.#hooks.open()
    } catch (err) {
      if (this.#state === 'starting') {
        this.#state = 'stopped'
        this.#resolveStopped()
      }
      throw err
    }
    this.#opened = true
    // stop() came during the start: it closes what was opened once this returns.
    if (this.#state !== 'starting') return this.#owner
    if (this.#hooks.handleSignals) this.#removeSignals = stopOnSignals((signal) => this.stop(signal))
    this.#state = 'started'
    this.#hooks.started?.()
    return this.#owner
  }

  /** Idempotent: every call gets the first call's promise. */
  stop(signal?: NodeJS.Signals): Promise<void> {
    this.#stopping ??= this.#stop(signal)
    return this.#stopping
  }

  async #stop(signal: NodeJS.Signals | undefined): Promise<void> {
    const idle = this.#state === 'idle'
    this.#state = 'stopping'
    if (!idle) {
      await this.#starting?.catch(() => {})
      if (this.#opened) await this.#hooks.close()
      this.#removeSignals?.()
    }
    this.#state = 'stopped'
    this.#hooks.stopped?.(signal, idle)
    this.#resolveStopped()
  }

  /** Resolves once stopped (by stop(), a signal, or a failed start). */
  whenStopped(): Promise<void> {
    return this.#stopped
  }
}
