// Which miners answer a client's request. Synthetic steps sample for measurement (selectMiners);
// client requests are routed for service: good miners first, but spread, and not to one that just
// failed. A weighted draw (not a top-k) is what spreads sequential requests over equal miners.
import type { Address } from 'viem'
import type { MinerResponse } from '../../consensus/aggregate/aggregateResults.js'
import { NeuronOptionError } from '../errors.js'
import { nonNegative } from '../options.js'
import type { MinerCandidate } from './selectMiners.js'

/** How the gateway picks the miners of one client request. */
export interface RoutingOptions {
  /** Miners asked per request (default 5; fewer when fewer are active). */
  miners?: number
  /** A miner that failed (no answer, error, timeout) is skipped this long while others remain (ms, default 30 000). */
  failureCooldownMs?: number
  /** Weight of stake relative to the largest (default 0.3), as in the step selection. */
  stakeWeight?: number
  /** Weight of the moving-average score (agreement with consensus, speed) (default 0.7). */
  performanceWeight?: number
  /** Random source in [0, 1) (default Math.random; pass a seeded one in tests). */
  random?: () => number
}

/** What the router knows of one miner. */
export interface MinerLoad {
  /** Client requests it is answering now. */
  inFlight: number
  /** Moving average of its answer time (ms); undefined before its first answer. */
  latencyMs: number | undefined
  /** When it last failed (ms, `performance.now()` clock). */
  failedAt: number | undefined
}

const LATENCY_SMOOTHING = 0.2

/**
 * Picks the miners of each client request and tracks their load, answer times and failures.
 * Priority = stake share and score as in the step selection, divided by (1 + load) and by
 * (1 + latency / timeout); the sample is a weighted draw without replacement by that priority.
 */
export class MinerRouter {
  readonly #count: number
  readonly #cooldownMs: number
  readonly #stakeWeight: number
  readonly #performanceWeight: number
  readonly #random: () => number
  readonly #miners = new Map<string, MinerLoad>()

  constructor(options: RoutingOptions = {}) {
    this.#count = options.miners ?? 5
    if (!Number.isInteger(this.#count) || this.#count < 1)
      throw new NeuronOptionError('serve.routing.miners', `must be a positive integer (got ${this.#count})`)
    this.#cooldownMs = nonNegative('serve.routing.failureCooldownMs', options.failureCooldownMs ?? 30_000)
    this.#stakeWeight = nonNegative('serve.routing.stakeWeight', options.stakeWeight ?? 0.3)
    this.#performanceWeight = nonNegative('serve.routing.performanceWeight', options.performanceWeight ?? 0.7)
    this.#random = options.random ?? Math.random
  }

  /** What is known of `hotkey` (a fresh record for a miner never routed to). */
  load(hotkey: Address): Readonly<MinerLoad> {
    return (
      this.#miners.get(hotkey.toLowerCase()) ?? { inFlight: 0, latencyMs: undefined, failedAt: undefined }
    )
  }

  /** The miners to ask, marked in flight until {@link MinerRouter.done}. Sorted by priority. */
  pick(candidates: readonly MinerCandidate[], timeoutMs: number, now = performance.now()): MinerCandidate[] {
    const recent = (c: MinerCandidate) => {
      const failedAt = this.load(c.neuron.hotkey).failedAt
      return failedAt !== undefined && now - failedAt < this.#cooldownMs
    }
    const healthy = candidates.filter((c) => !recent(c))
    // Every candidate failed recently: ask them anyway (a made-up "no miners" helps nobody).
    const pool = healthy.length > 0 ? healthy : [...candidates]
    let maxStake = 0n
    for (const c of pool) if (c.neuron.stake > maxStake) maxStake = c.neuron.stake
    const keyed = pool.map((candidate) => {
      const { inFlight, latencyMs } = this.load(candidate.neuron.hotkey)
      const stake = maxStake === 0n ? 0 : Number((candidate.neuron.stake * 1_000_000n) / maxStake) / 1e6
      const quality = this.#stakeWeight * stake + this.#performanceWeight * (candidate.score ?? 1)
      const priority = (quality + 1e-6) / (1 + inFlight) / (1 + (latencyMs ?? 0) / Math.max(1, timeoutMs))
      // Efraimidis–Spirakis: the k largest u^(1/w) are a weighted sample without replacement.
      return { candidate, key: Math.log(Math.max(this.#random(), Number.MIN_VALUE)) / priority }
    })
    keyed.sort((a, b) => b.key - a.key)
    const chosen = keyed.slice(0, this.#count).map((k) => k.candidate)
    for (const c of chosen) this.#entry(c.neuron.hotkey).inFlight++
    return chosen
  }

  /** The request is over without an outcome (cut short): the miners are no longer in flight. */
  release(asked: readonly Address[]): void {
    for (const hotkey of asked) {
      const entry = this.#entry(hotkey)
      entry.inFlight = Math.max(0, entry.inFlight - 1)
    }
  }

  /** The request is over: each asked miner's outcome updates its load, latency and failure time. */
  done(
    responses: readonly MinerResponse<unknown>[],
    asked: readonly Address[],
    now = performance.now(),
  ): void {
    this.release(asked)
    const byMiner = new Map(responses.map((r) => [r.miner?.toLowerCase(), r]))
    for (const hotkey of asked) {
      const entry = this.#entry(hotkey)
      const response = byMiner.get(hotkey.toLowerCase())
      entry.failedAt = response?.statusCode === 200 ? undefined : now
      if (response?.latencyMs !== undefined)
        entry.latencyMs =
          entry.latencyMs === undefined
            ? response.latencyMs
            : entry.latencyMs + LATENCY_SMOOTHING * (response.latencyMs - entry.latencyMs)
    }
  }

  #entry(hotkey: Address): MinerLoad {
    const key = hotkey.toLowerCase()
    let entry = this.#miners.get(key)
    if (!entry) {
      entry = { inFlight: 0, latencyMs: undefined, failedAt: undefined }
      this.#miners.set(key, entry)
    }
    return entry
  }
}
