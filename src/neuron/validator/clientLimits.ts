// Per-client limits of a validator gateway, by verified hotkey: a token bucket for the request rate
// (checked before a worker is taken) and a cap on requests in flight (checked when one starts).
import { ForwardError } from '../../axon/rejection.js'
import { NeuronOptionError } from '../errors.js'

/** How much one client (hotkey) may ask of a gateway. */
export interface ClientLimitOptions {
  /** Requests of one client handled at once (default 4); more get 429. */
  concurrency?: number
  /** Sustained requests per second per client (default 20); beyond its burst, 429. */
  ratePerSecond?: number
  /** Requests a client may send at once after being idle (default 2 × ratePerSecond). */
  burst?: number
}

/** Most clients tracked; the idle ones (full bucket, nothing in flight) go first when it is reached. */
const MAX_TRACKED = 10_000

interface ClientState {
  tokens: number
  refilledAt: number
  inFlight: number
}

export class ClientLimits {
  readonly #concurrency: number
  readonly #rate: number
  readonly #burst: number
  readonly #clients = new Map<string, ClientState>()

  constructor(options: ClientLimitOptions = {}) {
    this.#concurrency = options.concurrency ?? 4
    this.#rate = options.ratePerSecond ?? 20
    this.#burst = options.burst ?? this.#rate * 2
    if (!Number.isInteger(this.#concurrency) || this.#concurrency < 1)
      throw new NeuronOptionError(
        'serve.perClient.concurrency',
        `must be a positive integer (got ${this.#concurrency})`,
      )
    if (!(this.#rate > 0) || !Number.isFinite(this.#rate))
      throw new NeuronOptionError(
        'serve.perClient.ratePerSecond',
        `must be a positive number (got ${this.#rate})`,
      )
    if (!(this.#burst >= 1) || !Number.isFinite(this.#burst))
      throw new NeuronOptionError('serve.perClient.burst', `must be ≥ 1 (got ${this.#burst})`)
  }

  /** Takes one token of `hotkey`'s bucket, or throws 429 (before the request takes a worker). */
  admit(hotkey: string | undefined, now = performance.now()): void {
    const client = this.#state(hotkey ?? '', now)
    client.tokens = Math.min(this.#burst, client.tokens + ((now - client.refilledAt) / 1000) * this.#rate)
    client.refilledAt = now
    if (client.tokens < 1)
      throw new ForwardError(
        429,
        `rate-limited: more than ${this.#rate} requests a second from this client (burst ${this.#burst}); retry later`,
      )
    client.tokens -= 1
  }

  /** Runs one request of `hotkey` within its in-flight cap (429 beyond it). */
  async run<T>(hotkey: string | undefined, work: () => Promise<T>): Promise<T> {
    const client = this.#state(hotkey ?? '', performance.now())
    if (client.inFlight >= this.#concurrency)
      throw new ForwardError(
        429,
        `rate-limited: ${this.#concurrency} requests of this client are already running`,
      )
    client.inFlight++
    try {
      return await work()
    } finally {
      client.inFlight--
    }
  }

  /** Requests of `hotkey` running now (the gateway serves clients with fewer first). */
  inFlight(hotkey: string | undefined): number {
    return this.#clients.get(hotkey ?? '')?.inFlight ?? 0
  }

  #state(key: string, now: number): ClientState {
    let client = this.#clients.get(key)
    if (!client) {
      if (this.#clients.size >= MAX_TRACKED) this.#forgetIdle(now)
      client = { tokens: this.#burst, refilledAt: now, inFlight: 0 }
      this.#clients.set(key, client)
    }
    return client
  }

  #forgetIdle(now: number): void {
    for (const [key, c] of this.#clients)
      if (c.inFlight === 0 && c.tokens + ((now - c.refilledAt) / 1000) * this.#rate >= this.#burst)
        this.#clients.delete(key)
    // Still full (a flood of busy clients): drop the oldest entries; they start again with a full bucket.
    for (const key of this.#clients.keys()) {
      if (this.#clients.size < MAX_TRACKED) break
      if (this.#clients.get(key)!.inFlight === 0) this.#clients.delete(key)
    }
  }
}
