import type { BlacklistFn, BlacklistRequest, BlacklistResult } from '../../axon/types.js'
import type { Logger } from '../../logging/index.js'
import type { MetagraphNeuron } from '../../metagraph/types.js'
import { isAddressLike } from '../../protocol/address.js'
import { NeuronOptionError } from '../errors.js'

/**
 * Who may call a Miner's axon. `'validators'` (default): the registered validators of its subnet
 * (with at least `minStake`), as its metagraph shows them; `'any'`: every signer; a function: your
 * own rule, given the dendrite hotkey the request claims (its signature is checked right after).
 */
export type MinerAllow =
  | 'any'
  | 'validators'
  | ((hotkey: string | undefined, request: BlacklistRequest) => boolean | Promise<boolean>)

/** The part of a {@link Metagraph} the validator allowlist reads (a Metagraph fits as is). */
export interface ValidatorView {
  readonly netuid: number
  /** Registered validators as of the last (re)sync. */
  readonly validators: readonly MetagraphNeuron[]
  /** Brings `validators` up to the chain's head. */
  resync(): Promise<unknown>
}

/** Settings of `allow: 'validators'`. */
export interface ValidatorAllowOptions {
  /** Least stake allocated to the subnet (wei) a validator needs to be admitted. Default 0. */
  minStake?: bigint
  /** How often the validators are read again (metagraph resync, ms). Default 12 000. */
  refreshMs?: number
  /**
   * A signer not among the validators is looked up on chain (one `getNeuronInfo`: a validator that
   * registered since the last refresh gets in at once), at most once per this many ms for the same
   * key. Default 3 000.
   */
  unknownRetryMs?: number
  /**
   * Lookups of unknown signers per second, all keys together (bursts of 4 s worth), so a flood of
   * random keys costs the chain at most this many calls a second and never a resync. Default 2.
   */
  unknownLookupsPerSecond?: number
  /** Longest time a request from an unknown signer waits for its lookup before 403 (ms). Default 2 000. */
  unknownWaitMs?: number
}

/** What a lookup of one signer finds on chain: its neuron on the subnet, or null. */
export type ValidatorLookup = (hotkey: string) => Promise<{ isValidator: boolean; stake: bigint } | null>

/** Most unknown keys remembered as refused at once (then the table starts over). */
const MAX_REFUSED_KEYS = 10_000

/**
 * The registered validators of one subnet, as an axon blacklist. A known validator is admitted at
 * once (synchronously). An unknown signer is looked up on chain (its own key at most once per
 * `unknownRetryMs`, all keys together at most `unknownLookupsPerSecond`), then refused with 403 and a
 * reason unless it is a validator with enough stake. The set is rebuilt from a metagraph resync
 * every `refreshMs`; a failed resync or lookup keeps what is known (and is logged), so an RPC outage
 * never opens the axon.
 */
export class ValidatorAllowlist {
  readonly #view: () => Promise<ValidatorView>
  readonly #lookup: ValidatorLookup
  readonly #log: Logger
  readonly #minStake: bigint
  readonly #refreshMs: number
  readonly #retryMs: number
  readonly #waitMs: number
  readonly #perMs: number
  readonly #burst: number
  #tokens: number
  #tokensAt = performance.now()
  #metagraph: ValidatorView | undefined
  #allowed = new Set<string>()
  /** Unknown keys refused, until when (performance.now()). */
  readonly #refused = new Map<string, number>()
  readonly #pending = new Map<string, Promise<void>>()
  /** Validators looked up whose stake is below minStake (for the reason given). */
  readonly #lowStake = new Set<string>()
  #timer: NodeJS.Timeout | undefined
  #resyncing: Promise<void> | undefined
  #lookups = 0
  #resyncs = 0

  constructor(
    view: () => Promise<ValidatorView>,
    lookup: ValidatorLookup,
    options: ValidatorAllowOptions,
    log: Logger,
  ) {
    this.#view = view
    this.#lookup = lookup
    this.#log = log
    this.#minStake = options.minStake ?? 0n
    if (this.#minStake < 0n) throw new NeuronOptionError('validators.minStake', 'must be ≥ 0')
    this.#refreshMs = positive('validators.refreshMs', options.refreshMs ?? 12_000)
    this.#retryMs = positive('validators.unknownRetryMs', options.unknownRetryMs ?? 3_000)
    this.#waitMs = positive('validators.unknownWaitMs', options.unknownWaitMs ?? 2_000)
    const rate = positive('validators.unknownLookupsPerSecond', options.unknownLookupsPerSecond ?? 2)
    this.#perMs = rate / 1000
    this.#burst = Math.max(1, Math.ceil(rate * 4))
    this.#tokens = this.#burst
  }

  /** Reads the validators (throws when the chain cannot be read), then keeps them fresh. */
  async start(): Promise<void> {
    this.#metagraph = await this.#view()
    this.#rebuild()
    this.#timer = setInterval(() => void this.refresh(), this.#refreshMs)
    this.#timer.unref()
  }

  stop(): void {
    clearInterval(this.#timer)
  }

  /** Validators admitted now, on-chain lookups of unknown signers and metagraph resyncs so far. */
  get stats(): { admitted: number; lookups: number; resyncs: number } {
    return { admitted: this.#allowed.size, lookups: this.#lookups, resyncs: this.#resyncs }
  }

  /** Resyncs the metagraph and rebuilds the set; one at a time, never throws. */
  refresh(): Promise<void> {
    const metagraph = this.#metagraph
    if (!metagraph) return Promise.resolve()
    if (this.#resyncing) return this.#resyncing
    this.#resyncs++
    this.#resyncing = metagraph
      .resync()
      .then(
        () => this.#rebuild(),
        (err: unknown) => this.#log.warn({ err }, 'could not resync the validators; keeping the last known'),
      )
      .finally(() => {
        this.#resyncing = undefined
      })
    return this.#resyncing
  }

  #rebuild(): void {
    const allowed = new Set<string>()
    for (const n of this.#metagraph!.validators)
      if (n.isValidator && n.stake >= this.#minStake) allowed.add(n.hotkey.toLowerCase())
    this.#allowed = allowed
    this.#refused.clear()
  }

  /** The axon blacklist. */
  readonly blacklist: BlacklistFn = (request) => {
    const hotkey = request.hotkey
    if (!hotkey || !isAddressLike(hotkey))
      return [true, `no dendrite hotkey (this miner admits only the validators of subnet ${this.#netuid})`]
    const key = hotkey.toLowerCase()
    if (this.#allowed.has(key)) return false
    const refusedUntil = this.#refused.get(key)
    if (refusedUntil !== undefined && performance.now() < refusedUntil) return this.#verdict(key)
    const pending = this.#pending.get(key) ?? (this.#takeToken() ? this.#lookUp(hotkey, key) : undefined)
    if (!pending) return this.#notValidator()
    let timer: NodeJS.Timeout | undefined
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.#waitMs)
    })
    return Promise.race([pending, waited]).then(() => {
      clearTimeout(timer)
      return this.#allowed.has(key) ? false : this.#verdict(key)
    })
  }

  #takeToken(): boolean {
    const now = performance.now()
    this.#tokens = Math.min(this.#burst, this.#tokens + (now - this.#tokensAt) * this.#perMs)
    this.#tokensAt = now
    if (this.#tokens < 1) return false
    this.#tokens -= 1
    return true
  }

  #lookUp(hotkey: string, key: string): Promise<void> {
    this.#lookups++
    const found = this.#lookup(hotkey)
      .then(
        (neuron) => {
          if (neuron?.isValidator && neuron.stake >= this.#minStake) {
            this.#allowed.add(key)
            return
          }
          if (neuron?.isValidator) this.#lowStake.add(key)
          this.#remember(key)
        },
        (err: unknown) => {
          this.#log.warn({ err }, 'could not look up an unknown caller; refusing it')
          this.#remember(key)
        },
      )
      .finally(() => this.#pending.delete(key))
    this.#pending.set(key, found)
    return found
  }

  #remember(key: string): void {
    if (this.#refused.size >= MAX_REFUSED_KEYS) {
      this.#refused.clear()
      this.#lowStake.clear()
    }
    this.#refused.set(key, performance.now() + this.#retryMs)
  }

  get #netuid(): number | string {
    return this.#metagraph?.netuid ?? '?'
  }

  #verdict(key: string): BlacklistResult {
    const small =
      this.#lowStake.has(key) ||
      this.#metagraph?.validators.some((n) => n.isValidator && n.hotkey.toLowerCase() === key)
    if (small) return [true, `validator stake below this miner's minimum of ${this.#minStake} wei`]
    return this.#notValidator()
  }

  #notValidator(): BlacklistResult {
    return [true, `not a registered validator of subnet ${this.#netuid} (this miner admits only those)`]
  }
}

/** The blacklist of a custom `allow` function: false (or a throw, by the axon) refuses with 403. */
export function allowFunctionBlacklist(
  allow: Extract<MinerAllow, (...args: never[]) => unknown>,
): BlacklistFn {
  const verdict = (allowed: boolean): BlacklistResult =>
    allowed ? false : [true, "not admitted by the miner's allow function"]
  return (request) => {
    const allowed = allow(request.hotkey, request)
    return allowed instanceof Promise ? allowed.then(verdict) : verdict(allowed)
  }
}

/** Both blacklists in turn (the first refusal wins); a promise only if one of them waits. */
export function bothBlacklists(first: BlacklistFn, second: BlacklistFn | undefined): BlacklistFn {
  if (!second) return first
  return (request) => {
    const verdict = first(request)
    const then = (result: BlacklistResult) => (refused(result) ? result : second(request))
    return verdict instanceof Promise ? verdict.then(then) : then(verdict)
  }
}

function refused(result: BlacklistResult): boolean {
  return typeof result === 'boolean' ? result : result[0]
}

function positive(option: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0)
    throw new NeuronOptionError(option, `must be a positive number of ms (got ${value})`)
  return value
}
