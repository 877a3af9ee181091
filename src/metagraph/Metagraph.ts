import type { Address } from 'viem'
import type { HetuBaseClient } from '../chain/client/types.js'
import { InvalidArgumentError } from '../chain/errors/amount.js'
import { rewardRateOf } from '../chain/reads.js'
import type { SubnetRewardRate } from '../chain/types/monitoring.js'
import type { SubnetHyperparams, SubnetInfo } from '../chain/types/subnet.js'
import { MAX_WEIGHT } from '../chain/types/weights.js'
import { axonOf } from './axon.js'
import { computeEpoch, type EpochViews, type MetagraphEpochOptions } from './epoch.js'
import { MetagraphClientMissingError, MetagraphNetworkMismatchError } from './errors.js'
import { type MetagraphJson, readStateFile, stateToJson, writeStateFile } from './file.js'
import { readMetagraphState } from './sync/readState.js'
import { type ResyncResult, resyncState } from './sync/resync.js'
import type { MetagraphAxon, MetagraphNeuron, MetagraphState } from './types.js'

/** Options kept by a metagraph for its resyncs and local epoch results. */
export interface MetagraphOptions {
  /** How I, D, C, R and E are computed (defaults: the localnet's rules). */
  epoch?: MetagraphEpochOptions
  /** Largest block gap `resync()` replays from events; beyond it, a full read (default 10 000). */
  maxResyncBlocks?: number | bigint
}

export interface MetagraphSyncParameters extends MetagraphOptions {
  client: HetuBaseClient
  netuid: number
  /** Read the subnet as of this block (default: the latest). */
  blockNumber?: bigint | number
}

export interface MetagraphLoadOptions extends MetagraphOptions {
  /** Client for later `resync()` calls (must be on the same network). */
  client?: HetuBaseClient
}

/** What the axon's blacklist and priority helpers need to know about a caller. */
export interface MetagraphStanding {
  uid: number
  isValidator: boolean
  stake: bigint
}

const DEFAULT_MAX_RESYNC_BLOCKS = 10_000n

type Views = Partial<{
  hotkeys: Address[]
  uidOf: Map<string, number>
  S: bigint[]
  totalStake: bigint
  stakeShare: Float64Array
  axons: MetagraphAxon[]
  neurons: MetagraphNeuron[]
  W: Float64Array[]
  epoch: EpochViews
}>

/**
 * A subnet's state as Bittensor's metagraph shows it: per-uid arrays (`uids`, `hotkeys`, `S`, `W`,
 * `I`, `D`, `C`, `axons`, …), neuron records, validators and miners. A uid is a neuron's position in
 * the chain's neuron list, so it changes when others leave (swap-and-pop: the last neuron takes the
 * leaver's uid).
 *
 * `Metagraph.sync` reads everything in two round trips whatever the size; `resync()` then replays the
 * contract events since the last block instead of reading everything again. Arrays are built on first
 * use and rebuilt after a resync that changed something; treat them as read-only.
 *
 * @example
 * const metagraph = await Metagraph.sync({ client, netuid: 1 })
 * const best = metagraph.miners.sort((a, b) => (b.stake > a.stake ? 1 : -1))[0]
 * await metagraph.resync()
 */
export class Metagraph {
  #state: MetagraphState
  #client: HetuBaseClient | undefined
  #options: MetagraphOptions
  #views: Views = {}
  #queue: Promise<unknown> = Promise.resolve()

  private constructor(state: MetagraphState, client: HetuBaseClient | undefined, options: MetagraphOptions) {
    this.#state = state
    this.#client = client
    this.#options = options
  }

  /** Reads the subnet's metagraph (two round trips; three without a Multicall3 address and no block given). */
  static async sync(parameters: MetagraphSyncParameters): Promise<Metagraph> {
    const { client, netuid, blockNumber, ...options } = parameters
    const state = await readMetagraphState(client, {
      netuid,
      ...(blockNumber !== undefined && { blockNumber: toBlockNumber(blockNumber) }),
    })
    return new Metagraph(state, client, options)
  }

  /** Reads a metagraph written by {@link Metagraph.save}; throws MetagraphFileError on a bad file. */
  static async load(path: string, options: MetagraphLoadOptions = {}): Promise<Metagraph> {
    const { client, ...rest } = options
    return new Metagraph(await readStateFile(path), client, rest)
  }

  /** Writes the metagraph as JSON (atomically). */
  async save(path: string): Promise<void> {
    await writeStateFile(path, this.#state)
  }

  /**
   * Catches up with the chain: applies the contract events since {@link block} (a few round trips,
   * independent of the subnet's size), or reads everything again when that is not possible (gap too
   * large, logs unavailable, chain behind) or `full` is asked. Calls are queued, never interleaved.
   */
  resync(options: { client?: HetuBaseClient; full?: boolean } = {}): Promise<ResyncResult> {
    const run = this.#queue.then(() => this.#resync(options))
    this.#queue = run.catch(() => undefined)
    return run
  }

  async #resync({ client, full }: { client?: HetuBaseClient; full?: boolean }): Promise<ResyncResult> {
    if (client) this.#client = client
    const chain = this.#client
    if (!chain) throw new MetagraphClientMissingError()
    this.#checkNetwork(chain)
    const fromBlock = this.#state.block
    if (full) {
      this.#update(await readMetagraphState(chain, { netuid: this.netuid }))
      return { mode: 'full', fromBlock, toBlock: this.#state.block, events: 0, reason: 'asked for' }
    }
    const maxBlockRange = BigInt(this.#options.maxResyncBlocks ?? DEFAULT_MAX_RESYNC_BLOCKS)
    const { state, result } = await resyncState(chain, this.#state, { maxBlockRange })
    if (result.mode !== 'unchanged') this.#update(state)
    return result
  }

  #checkNetwork(client: HetuBaseClient): void {
    const { chainId, contracts } = this.#state
    if (client.chain.id !== chainId)
      throw new MetagraphNetworkMismatchError('chain id', String(chainId), String(client.chain.id))
    const neuronManager = client.hetu.network.contracts.NeuronManager
    if (neuronManager?.toLowerCase() !== contracts.NeuronManager.toLowerCase())
      throw new MetagraphNetworkMismatchError('NeuronManager', contracts.NeuronManager, String(neuronManager))
  }

  #update(state: MetagraphState): void {
    this.#state = state
    this.#views = {}
  }

  // ── what was read ─────────────────────────────────────────────────────────────────────────────
  get netuid(): number {
    return this.#state.netuid
  }
  /** Block the metagraph reflects. */
  get block(): bigint {
    return this.#state.block
  }
  get chainId(): number {
    return this.#state.chainId
  }
  /** Number of neurons. */
  get n(): number {
    return this.#state.neurons.length
  }
  get subnet(): SubnetInfo {
    return this.#state.subnet
  }
  get params(): SubnetHyperparams {
    return this.#state.params
  }
  get alphaToken(): Address {
    return this.#state.contracts.alphaToken
  }
  /** The subnet's Alpha emission per block and epoch (docs/emission.md#coinbase) at {@link block}. */
  get rewardRate(): SubnetRewardRate {
    const { netuid, block, subnet, params, alphaSupply } = this.#state
    const emission = this.#options.epoch?.emission
    return rewardRateOf({
      netuid,
      block,
      isActive: subnet.isActive,
      tempo: this.#options.epoch?.tempo ?? params.tempo,
      alphaIssued: alphaSupply,
      ...(emission && { params: emission }),
    })
  }

  // ── per-uid arrays ────────────────────────────────────────────────────────────────────────────
  get uids(): number[] {
    return this.#state.neurons.map((_, uid) => uid)
  }
  get hotkeys(): Address[] {
    this.#views.hotkeys ??= this.#state.neurons.map((neuron) => neuron.account)
    return this.#views.hotkeys
  }
  /** Stake per uid (wei). */
  get S(): bigint[] {
    this.#views.S ??= this.#state.neurons.map((neuron) => neuron.stake)
    return this.#views.S
  }
  /** Sum of all stake (wei). */
  get totalStake(): bigint {
    this.#views.totalStake ??= this.S.reduce((sum, s) => sum + s, 0n)
    return this.#views.totalStake
  }
  /** Each uid's share of the total stake, 0..1. */
  get stakeShare(): Float64Array {
    if (!this.#views.stakeShare) {
      const total = this.totalStake
      // Scale in bigint first so shares of huge stakes keep their precision as floats.
      this.#views.stakeShare = Float64Array.from(this.S, (s) =>
        total === 0n ? 0 : Number((s * 10n ** 18n) / total) / 1e18,
      )
    }
    return this.#views.stakeShare
  }
  /** Role fixed at registration (Hetu has no stake-ranked permit). */
  get validatorPermit(): boolean[] {
    return this.#state.neurons.map((neuron) => neuron.isValidator)
  }
  get active(): boolean[] {
    return this.#state.neurons.map((neuron) => neuron.isActive)
  }
  get axons(): MetagraphAxon[] {
    this.#views.axons ??= this.#state.neurons.map((neuron) =>
      axonOf(neuron.account, neuron.axonEndpoint, neuron.axonPort),
    )
    return this.#views.axons
  }
  get registrationBlock(): bigint[] {
    return this.#state.neurons.map((neuron) => neuron.registrationBlock)
  }
  /** Unix time (seconds) of each neuron's last registration, service or stake update. */
  get lastUpdate(): bigint[] {
    return this.#state.neurons.map((neuron) => neuron.lastUpdate)
  }
  /** Balance of the subnet's Alpha per uid (wei). */
  get alphaBalance(): bigint[] {
    return this.#state.neurons.map((neuron) => neuron.alphaBalance)
  }

  /**
   * Weights by uid, `W[i][j]` = weight validator i gives neuron j on the 0..1 scale (the chain's
   * 0..1 000 000 divided by 1e6). Dense n × n, built on first use: for large subnets prefer
   * {@link weightsOf}. Weights to addresses that are not neurons are left out.
   */
  get W(): Float64Array[] {
    if (!this.#views.W) {
      const n = this.n
      const rows = Array.from({ length: n }, () => new Float64Array(n))
      for (let uid = 0; uid < n; uid++)
        for (const { uid: dest, weight } of this.weightsOf(uid))
          rows[uid]![dest] = Number(weight) / Number(MAX_WEIGHT)
      this.#views.W = rows
    }
    return this.#views.W
  }

  /** The weights validator `uid` set on chain, to current neurons (raw 0..1 000 000), in the order set. */
  weightsOf(uid: number): { uid: number; hotkey: Address; weight: bigint }[] {
    const neuron = this.#state.neurons[uid]
    if (!neuron) return []
    const vector = this.#state.weights.get(neuron.account.toLowerCase()) ?? []
    const out: { uid: number; hotkey: Address; weight: bigint }[] = []
    for (const { dest, weight } of vector) {
      const j = this.uidOf(dest)
      if (j !== undefined) out.push({ uid: j, hotkey: this.#state.neurons[j]!.account, weight })
    }
    return out
  }

  /** Incentive per uid (normalised), from a local epoch over the chain's weights and stakes. */
  get I(): Float64Array {
    return this.#epoch().I
  }
  /** Dividends per uid (normalised). */
  get D(): Float64Array {
    return this.#epoch().D
  }
  /** Consensus weight per uid. */
  get C(): Float64Array {
    return this.#epoch().C
  }
  /** Rank per uid (normalised, before the rho exponent). */
  get R(): Float64Array {
    return this.#epoch().R
  }
  /** Alpha the next epoch would pay per uid at the current emission rate (wei). */
  get E(): bigint[] {
    return this.#epoch().E
  }

  #epoch(): EpochViews {
    this.#views.epoch ??= computeEpoch(this.#state, this.#options.epoch)
    return this.#views.epoch
  }

  // ── records ───────────────────────────────────────────────────────────────────────────────────
  get neurons(): MetagraphNeuron[] {
    if (!this.#views.neurons) {
      const axons = this.axons
      this.#views.neurons = this.#state.neurons.map((neuron, uid) => ({
        uid,
        hotkey: neuron.account,
        isValidator: neuron.isValidator,
        active: neuron.isActive,
        stake: neuron.stake,
        registrationBlock: neuron.registrationBlock,
        lastUpdate: neuron.lastUpdate,
        axon: axons[uid]!,
        prometheus: { endpoint: neuron.prometheusEndpoint, port: neuron.prometheusPort },
        alphaBalance: neuron.alphaBalance,
      }))
    }
    return this.#views.neurons
  }
  get validators(): MetagraphNeuron[] {
    return this.neurons.filter((neuron) => neuron.isValidator)
  }
  get miners(): MetagraphNeuron[] {
    return this.neurons.filter((neuron) => !neuron.isValidator)
  }

  /** uid of a hotkey (any letter case), or undefined when it is not a neuron. */
  uidOf(hotkey: string): number | undefined {
    this.#views.uidOf ??= new Map(
      this.#state.neurons.map((neuron, uid) => [neuron.account.toLowerCase(), uid]),
    )
    return this.#views.uidOf.get(hotkey.toLowerCase())
  }

  /** A neuron by uid or hotkey. */
  neuron(uidOrHotkey: number | string): MetagraphNeuron | undefined {
    const uid = typeof uidOrHotkey === 'number' ? uidOrHotkey : this.uidOf(uidOrHotkey)
    return uid === undefined ? undefined : this.neurons[uid]
  }

  /**
   * Role and stake of a hotkey, for the axon's `onlyValidators` / `priorityByStake` helpers:
   * `lookup: metagraph.lookup` (bound, so it can be passed as is).
   */
  readonly lookup = (hotkey: string): MetagraphStanding | undefined => {
    const uid = this.uidOf(hotkey)
    if (uid === undefined) return undefined
    const neuron = this.#state.neurons[uid]!
    return { uid, isValidator: neuron.isValidator, stake: neuron.stake }
  }

  /** Plain JSON (amounts as decimal strings), the content `save()` writes. */
  toJSON(): MetagraphJson {
    return stateToJson(this.#state)
  }
}

function toBlockNumber(block: bigint | number): bigint {
  if (typeof block === 'number' && (!Number.isInteger(block) || block < 0))
    throw new InvalidArgumentError('blockNumber', `${block} is not a block number`)
  return BigInt(block)
}
