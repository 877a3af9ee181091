import type { Address, Hash } from 'viem'
import { Axon, type HandlerFor } from '../../axon/axon.js'
import type { AttachOptions, AxonOptions, ForwardFn } from '../../axon/types.js'
import type { HetuClient } from '../../chain/client/createHetuClient.js'
import { createLogger, type Logger } from '../../logging/index.js'
import { Metagraph } from '../../metagraph/Metagraph.js'
import type { KeyOptions } from '../../protocol/signer.js'
import type { AnySynapseClass, Synapse } from '../../protocol/synapse.js'
import { EventHub } from '../../service/events.js'
import { Lifecycle, type ServiceState } from '../../service/lifecycle.js'
import { endpointOf, type ServiceEndpoint, sameEndpoint } from '../endpoint.js'
import { NeuronOptionError, NeuronStateError } from '../errors.js'
import { type NeuronKey, resolveNeuronKey } from '../key.js'
import { ensureRegistered, type NeuronRegistration } from '../registration.js'
import { clientOf, type NeuronClient } from '../subnetView.js'
import {
  allowFunctionBlacklist,
  bothBlacklists,
  type MinerAllow,
  ValidatorAllowlist,
  type ValidatorAllowOptions,
  type ValidatorView,
} from './allow.js'

/** Options of `new Miner(...)`. */
export interface MinerOptions extends KeyOptions {
  /** Chain client (or the HetuSubnet facade); the miner signs with its own key, not the client's. */
  client: NeuronClient
  netuid: number
  /** Stake to allocate when it registers (wei); default the subnet's miner threshold. */
  stake?: bigint
  /** Register when not registered yet (default true); false makes start() fail instead. */
  register?: boolean
  /**
   * Who may call the miner's axon, checked from the headers before the signature or the body (403):
   * `'validators'` (default) the registered validators of `netuid`, `'any'` every signer, or your
   * own function of the claimed hotkey. An `axon.blacklist` runs after it.
   */
  allow?: MinerAllow
  /** With `allow: 'validators'`: least stake, refresh and resync intervals. */
  validators?: ValidatorAllowOptions
  /**
   * The subnet's metagraph, to share one (a Validator's, a dashboard's); the miner resyncs it every
   * `validators.refreshMs`. Default: its own, `Metagraph.sync({ client, netuid })` at start.
   */
  metagraph?: ValidatorView
  /** Options of the miner's Axon (its key is the miner's). Default: 0.0.0.0:8091, metrics on a free port. */
  axon?: Omit<AxonOptions, 'hotkey' | 'wallet'>
  /**
   * Where the miner tells validators to reach it. Default: the axon's `info()` (its external ip/port)
   * and its metrics port. Give a function to follow a changing public address.
   */
  announce?: () => Partial<ServiceEndpoint> | Promise<Partial<ServiceEndpoint>>
  /** How often the announced endpoint is compared with the chain's (ms); 0 = only at start. Default 60 000. */
  endpointCheckIntervalMs?: number
  /** Stop cleanly on SIGINT/SIGTERM (a second signal exits at once). Default false. */
  handleSignals?: boolean
  /** Default: `createLogger({ name: 'hetu:miner' })` (warnings and errors on stderr). */
  logger?: Logger
}

/** What a Miner reports. */
export interface MinerEvents extends Record<string, unknown> {
  /** Serving and registered. */
  started: { registration: NeuronRegistration; endpoint: ServiceEndpoint }
  /** The chain's endpoint was updated (updateNeuronService). */
  endpoint: { previous: ServiceEndpoint; endpoint: ServiceEndpoint; hash: Hash; blockNumber: bigint }
  /** A background endpoint check failed; the miner keeps serving and tries again next time. */
  error: unknown
  stopped: { signal: NodeJS.Signals | undefined }
}

/**
 * The Python SDK README's miner: registers on the subnet if needed (with the stake chosen), serves the
 * forward functions given through an Axon signed with its hotkey, and keeps the endpoint validators read on
 * chain up to date (updateNeuronService when its ip or ports change).
 *
 * @example
 * await using miner = await new Miner({ client, netuid, hotkey, axon: { port: 8091 } })
 *   .attach((synapse) => ({ completion: compute(synapse.completion) }))
 *   .start()
 */
export class Miner {
  readonly axon: Axon
  readonly netuid: number
  readonly #client: HetuClient
  readonly #key: NeuronKey
  readonly #options: MinerOptions
  readonly #log: Logger
  readonly #events: EventHub<MinerEvents>
  readonly #life: Lifecycle<this>
  readonly #allowlist: ValidatorAllowlist | undefined
  #registration: NeuronRegistration | undefined
  #onChain: ServiceEndpoint | undefined
  #timer: NodeJS.Timeout | undefined
  #sync: Promise<unknown> = Promise.resolve()

  constructor(options: MinerOptions) {
    const interval = options.endpointCheckIntervalMs ?? 60_000
    if (!Number.isFinite(interval) || interval < 0)
      throw new NeuronOptionError('endpointCheckIntervalMs', `must be a number ≥ 0 (got ${interval})`)
    this.#options = options
    this.netuid = options.netuid
    this.#client = clientOf(options.client)
    this.#key = resolveNeuronKey(options, this.#client)
    this.#log = options.logger ?? createLogger({ name: 'hetu:miner' })
    this.#events = new EventHub((err, event) =>
      this.#log.error({ err, event }, 'a miner event listener threw; ignored'),
    )
    this.#life = new Lifecycle(this, {
      open: () => this.#open(),
      close: () => this.#close(),
      refuse: (state) =>
        new NeuronStateError('The miner cannot start', state, 'Create a new Miner to serve again.'),
      stopped: (signal, idle) => {
        if (idle) return
        this.#events.emit('stopped', { signal })
        this.#events.close()
      },
      handleSignals: options.handleSignals,
    })
    const allow = options.allow ?? 'validators'
    let blacklist = options.axon?.blacklist
    if (allow === 'validators') {
      const { netuid } = options
      const client = this.#client
      this.#allowlist = new ValidatorAllowlist(
        async () => options.metagraph ?? (await Metagraph.sync({ client, netuid })),
        (account) => client.getNeuronInfo({ netuid, account: account as Address }),
        options.validators ?? {},
        this.#log,
      )
      blacklist = bothBlacklists(this.#allowlist.blacklist, blacklist)
    } else if (typeof allow === 'function') {
      blacklist = bothBlacklists(allowFunctionBlacklist(allow), blacklist)
    } else if (allow !== 'any') {
      throw new NeuronOptionError('allow', `must be 'any', 'validators' or a function (got ${String(allow)})`)
    }
    this.axon = new Axon({ ...options.axon, ...this.#key.protocol, ...(blacklist && { blacklist }) })
  }

  /** The miner's address: its hotkey, its neuron on chain and the signer of its answers. */
  get address(): Address {
    return this.#key.account.address
  }

  get state(): ServiceState {
    return this.#life.state
  }

  /** With `allow: 'validators'` (the default): who is admitted, and what finding out cost. */
  get allowlist(): ValidatorAllowlist | undefined {
    return this.#allowlist
  }

  /** How it was registered (after start). */
  get registration(): NeuronRegistration | undefined {
    return this.#registration
  }

  /** The endpoint the chain holds for it, as last read or written. */
  get endpoint(): ServiceEndpoint | undefined {
    return this.#onChain
  }

  /** Serves the default Synapse (`completion`) with `forward`, like the Python SDK's `axon.attach(fn)`. */
  attach(forward: ForwardFn<typeof Synapse>, options?: AttachOptions<typeof Synapse>): this
  /** Serves `synapse` with `forward` (and optional blacklist/priority/verify hooks). */
  attach<C extends AnySynapseClass>(synapse: C, forward: HandlerFor<C>, options?: AttachOptions<C>): this
  attach(...args: unknown[]): this {
    ;(this.axon.attach as (...a: unknown[]) => unknown)(...args)
    return this
  }

  on<E extends keyof MinerEvents>(event: E, listener: (payload: MinerEvents[E]) => void): () => void {
    return this.#events.on(event, listener)
  }

  /**
   * Binds the axon, registers if needed (with the axon's endpoint) or corrects the endpoint on chain,
   * then keeps checking it. On failure everything started is stopped again and the error is thrown.
   */
  start(): Promise<this> {
    return this.#life.start()
  }

  async #open(): Promise<void> {
    try {
      // Who may call is known before the port opens.
      await this.#allowlist?.start()
      await this.axon.start()
      const endpoint = await this.#announced()
      const registration = await ensureRegistered(this.#client, {
        netuid: this.netuid,
        account: this.#key.account,
        role: 'miner',
        register: this.#options.register ?? true,
        stake: this.#options.stake,
        endpoint,
      })
      this.#registration = registration
      this.#onChain = endpointOf(registration.neuron)
      if (!sameEndpoint(this.#onChain, endpoint)) await this.#update(endpoint)
      // stop() came while starting: it stops the axon once this returns.
      if (this.state !== 'starting') return
      this.#events.emit('started', { registration, endpoint })
    } catch (err) {
      this.#allowlist?.stop()
      await this.axon.stop()
      throw err
    }
    const interval = this.#options.endpointCheckIntervalMs ?? 60_000
    if (interval > 0) {
      this.#timer = setInterval(() => {
        this.syncEndpoint().catch((err: unknown) => {
          this.#log.warn({ err }, 'endpoint check failed; retrying at the next interval')
          this.#events.emit('error', err)
        })
      }, interval)
      this.#timer.unref()
    }
  }

  /**
   * Compares the endpoint it announces with the one on chain and updates the chain when they differ.
   * Resolves true when it sent an update. Calls run one at a time.
   */
  syncEndpoint(): Promise<boolean> {
    if (this.state !== 'started' && this.state !== 'starting')
      return Promise.reject(
        new NeuronStateError('The miner cannot update its endpoint', this.state, 'Start it first.'),
      )
    const run = this.#sync.then(async () => {
      const [endpoint, neuron] = await Promise.all([
        this.#announced(),
        this.#client.getNeuronInfo({ netuid: this.netuid, account: this.address }),
      ])
      if (!neuron) {
        this.#log.warn({ netuid: this.netuid }, 'the miner is no longer registered on the subnet')
        return false
      }
      this.#onChain = endpointOf(neuron)
      if (sameEndpoint(this.#onChain, endpoint)) return false
      await this.#update(endpoint)
      return true
    })
    this.#sync = run.catch(() => {})
    return run
  }

  async #update(endpoint: ServiceEndpoint): Promise<void> {
    const previous = this.#onChain ?? endpoint
    const tx = await this.#client.updateNeuronService({
      netuid: this.netuid,
      account: this.#key.account,
      axonEndpoint: endpoint.ip,
      axonPort: endpoint.port,
      prometheusEndpoint: endpoint.prometheusIp,
      prometheusPort: endpoint.prometheusPort,
    })
    this.#onChain = endpoint
    this.#log.info({ previous, endpoint, tx: tx.hash }, 'endpoint updated on chain')
    this.#events.emit('endpoint', { previous, endpoint, hash: tx.hash, blockNumber: tx.blockNumber })
  }

  async #announced(): Promise<ServiceEndpoint> {
    const info = this.axon.info()
    const announced = (await this.#options.announce?.()) ?? {}
    const metrics = this.axon.prometheusPort
    const ip = announced.ip ?? info.ip
    return {
      ip,
      port: announced.port ?? info.port,
      prometheusIp: announced.prometheusIp ?? (metrics === undefined ? '' : ip),
      prometheusPort: announced.prometheusPort ?? metrics ?? 0,
    }
  }

  /** Stops checking the endpoint and stops the axon gracefully (requests in progress finish). Idempotent. */
  stop(): Promise<void> {
    return this.#life.stop()
  }

  async #close(): Promise<void> {
    clearInterval(this.#timer)
    await this.#sync
    this.#allowlist?.stop()
    await this.axon.stop()
  }

  /** Resolves once the miner has stopped (by stop(), a signal, or a failed start). */
  whenStopped(): Promise<void> {
    return this.#life.whenStopped()
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop()
  }

  toString(): string {
    return `Miner(${this.address}, subnet ${this.netuid}, ${this.state}, ${this.axon.url})`
  }
}
