// Follows a Hetu chain into the dashboard's SQLite history: the Hetu contracts' events block by block,
// and a metagraph snapshot of every subnet at each of its epochs. Resumes at the stored cursor; a
// block hash that changed (reorg) rolls the history back to the last block still on the chain; a new
// genesis (a localnet started again) opens a new history; an RPC outage is retried until it ends.
import { type Abi, type Address, decodeEventLog, type Hex, numberToHex } from 'viem'
import { getBlock } from 'viem/actions'
import {
  GlobalStakingAbi,
  NeuronManagerAbi,
  SubnetAMMAbi,
  SubnetManagerAbi,
  WeightsAbi,
} from '../chain/abi/index.js'
import type { HetuClient } from '../chain/client/createHetuClient.js'
import { isEpochBlock } from '../consensus/index.js'
import type { Logger } from '../logging/index.js'
import type { MetagraphEpochOptions } from '../metagraph/epoch.js'
import { Metagraph } from '../metagraph/Metagraph.js'
import { metagraphRows } from '../metagraph/rows.js'
import { EventHub } from '../service/events.js'
import { Lifecycle, type ServiceState } from '../service/lifecycle.js'
import { DashboardStateError } from './errors.js'
import type { ChainRow, DashboardStore, EpochSnapshot, EventRow, PoolRow } from './store.js'

export interface IndexerOptions {
  client: HetuClient
  store: DashboardStore
  /** First block to index when this chain has no history yet (default: 0 on a local chain, else head − 10 000). */
  fromBlock?: number
  /** Pause between two polls of the head (default: a quarter block, 100..2 000 ms). */
  pollMs?: number
  /** Blocks per eth_getLogs while catching up (default 2 000). */
  chunkBlocks?: number
  /** Metagraph snapshots read at once while catching up (default 4). */
  snapshotConcurrency?: number
  /** How the snapshots' incentive, dividends and emission are computed (default: the localnet's rules). */
  epoch?: MetagraphEpochOptions
  logger?: Logger
}

/** Where the indexer is; sent to the browser as is. */
export interface IndexerStatus {
  chainId: number
  /** The history's id in the store (changes when a new chain is seen). */
  history: number | null
  /** Chain head at the last poll. */
  head: number | null
  /** Last block indexed. */
  indexed: number | null
  fromBlock: number | null
  rpc: 'up' | 'down'
  /** The last RPC error while it is down. */
  error: string | null
  reorgs: number
  /** Epochs whose state the node had pruned, so no metagraph snapshot was taken. */
  skippedSnapshots: number
}

export interface BlockNews {
  block: number
  head: number
  /** The last pool state of each subnet whose reserves changed in the range. */
  pools: PoolRow[]
  /** Subnets with neuron, stake or weights events in the range. */
  changed: number[]
}

/** A listener of {@link Indexer.on}. */
export type IndexerListener<T> = (payload: T) => void
/** What the indexer announces. */
export type IndexerEvents = {
  block: BlockNews
  epoch: { netuid: number; block: number }
  status: IndexerStatus
  /** The history was rolled back (reorg) or replaced (new chain): pages read everything again. */
  reset: { history: number; block: number; reason: 'reorg' | 'new-chain' }
}

interface SubnetRef {
  netuid: number
  pool: Address
  tempo: number
  active: boolean
}

/** Blocks from the head within which every block's hash is kept (finer reorg recovery). */
const RECENT = 64

export class Indexer {
  readonly #client: HetuClient
  readonly #store: DashboardStore
  readonly #options: IndexerOptions
  readonly #events: EventHub<IndexerEvents>
  readonly #life: Lifecycle<this>
  #chain: ChainRow | undefined
  #status: IndexerStatus
  #loop: Promise<void> | undefined
  #wake: (() => void) | undefined
  #backoffMs = 0
  /** The newest snapshot read of each subnet (the dashboard's pages start from it instead of a new read). */
  readonly #latest = new Map<number, Metagraph>()

  constructor(options: IndexerOptions) {
    this.#client = options.client
    this.#store = options.store
    this.#options = options
    this.#events = new EventHub((err, event) =>
      options.logger?.error({ err, event }, 'a dashboard listener threw; ignored'),
    )
    this.#life = new Lifecycle(this, {
      open: () => this.#open(),
      close: async () => {
        this.#wake?.()
        await this.#loop
      },
      refuse: (state) => new DashboardStateError('The indexer cannot start', state),
      stopped: () => this.#events.close(),
      shareStart: true,
    })
    this.#status = {
      chainId: options.client.chain.id,
      history: null,
      head: null,
      indexed: null,
      fromBlock: null,
      rpc: 'up',
      error: null,
      reorgs: 0,
      skippedSnapshots: 0,
    }
  }

  get status(): IndexerStatus {
    return { ...this.#status }
  }

  /** The newest epoch snapshot's metagraph of a subnet, if one was read since start. */
  latestMetagraph(netuid: number): Metagraph | undefined {
    return this.#latest.get(netuid)
  }

  /** The history being written (undefined before the first poll). */
  get history(): number | undefined {
    return this.#chain?.id
  }

  get state(): ServiceState {
    return this.#life.state
  }

  on<E extends keyof IndexerEvents>(event: E, listener: IndexerListener<IndexerEvents[E]>): () => void {
    return this.#events.on(event, listener)
  }

  #emit<E extends keyof IndexerEvents>(event: E, payload: IndexerEvents[E]): void {
    this.#events.emit(event, payload)
  }

  /** Starts following the chain; resolves after the first poll (caught up or not). Once only. */
  async start(): Promise<void> {
    await this.#life.start()
  }

  /** Stops following the chain (waits for the block range being written). Idempotent. */
  stop(): Promise<void> {
    return this.#life.stop()
  }

  async #open(): Promise<void> {
    let first!: () => void
    const polled = new Promise<void>((resolve) => {
      first = resolve
    })
    this.#loop = this.#run(first)
    await polled
  }

  /** Following the chain, or polled by hand before any start (not once stopping). */
  get #following(): boolean {
    return !this.#life.ending
  }

  /** One poll: new blocks indexed, reorgs and restarts handled. Throws on an RPC error. */
  async poll(): Promise<void> {
    const head = Number(await this.#client.getCurrentBlock())
    if (!this.#chain) await this.#attach(head)
    this.#status.head = head
    await this.#checkReorg(head)
    const chunk = this.#options.chunkBlocks ?? 2_000
    while (this.#chain!.cursor < head && this.#following) {
      const from = this.#chain!.cursor + 1
      const to = Math.min(head, from + chunk - 1)
      await this.#indexRange(from, to, head)
    }
  }

  async #run(first: () => void): Promise<void> {
    const pollMs =
      this.#options.pollMs ?? Math.min(2_000, Math.max(100, this.#client.hetu.network.blockTimeMs / 4))
    while (this.#following) {
      try {
        await this.poll()
        if (this.#status.rpc === 'down') {
          this.#status.rpc = 'up'
          this.#status.error = null
          this.#emit('status', this.status)
        }
        this.#backoffMs = 0
      } catch (err) {
        const message =
          err instanceof Error
            ? ((err as { shortMessage?: string }).shortMessage ?? err.message)
            : String(err)
        this.#backoffMs = Math.min(5_000, Math.max(250, this.#backoffMs * 2))
        if (this.#status.rpc === 'up' || this.#status.error !== message) {
          this.#status.rpc = 'down'
          this.#status.error = message.split('\n')[0]!
          this.#options.logger?.warn({ err: message }, 'dashboard indexer: chain unreachable, retrying')
          this.#emit('status', this.status)
        }
      }
      first()
      if (!this.#following) break
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.#backoffMs || pollMs)
        this.#wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
    }
  }

  /** Finds or opens the history of the chain the RPC serves now. */
  async #attach(head: number): Promise<void> {
    this.#latest.clear()
    const genesis = await getBlock(this.#client, { blockNumber: 0n })
    const network = this.#client.hetu.network
    const subnetManager = network.contracts.SubnetManager ?? '0x'
    const found = this.#store.findChain(network.chainId, genesis.hash!, subnetManager)
    const fromBlock = this.#options.fromBlock ?? (network.local ? 0 : Math.max(0, head - 10_000))
    this.#chain =
      found ??
      this.#store.createChain({
        chainId: network.chainId,
        genesis: genesis.hash!,
        subnetManager,
        rpcUrl: network.rpcUrl,
        fromBlock,
      })
    this.#status.history = this.#chain.id
    this.#status.fromBlock = this.#chain.fromBlock
    this.#status.indexed = this.#chain.cursor
    if (found) this.#options.logger?.info({ history: found.id, cursor: found.cursor }, 'dashboard: resuming')
  }

  /**
   * The last indexed block must still be on the chain. If its hash changed, walks back through the
   * stored hashes to the newest one the chain still has and rolls back to it; if even the genesis
   * changed, the RPC serves a new chain: a new history starts.
   */
  async #checkReorg(head: number): Promise<void> {
    const chain = this.#chain!
    const [latest] = this.#store.blockHashes(chain.id, Number.MAX_SAFE_INTEGER, 1)
    if (!latest || (await this.#hashAt(latest.number)) === latest.hash) return
    const genesis = await getBlock(this.#client, { blockNumber: 0n })
    if (genesis.hash !== chain.genesis) {
      this.#options.logger?.warn({ history: chain.id }, 'dashboard: the chain has a new genesis; new history')
      this.#chain = undefined
      await this.#attach(head)
      this.#emit('reset', { history: this.#chain!.id, block: this.#chain!.cursor, reason: 'new-chain' })
      return
    }
    let keep = chain.fromBlock - 1
    let below = latest.number - 1
    for (;;) {
      const stored = this.#store.blockHashes(chain.id, below, 32)
      if (stored.length === 0) break
      const hashes = await Promise.all(stored.map((b) => this.#hashAt(b.number)))
      const match = stored.findIndex((b, i) => hashes[i] === b.hash)
      if (match >= 0) {
        keep = stored[match]!.number
        break
      }
      below = stored.at(-1)!.number - 1
    }
    this.#latest.clear()
    this.#store.rollback(chain.id, keep)
    chain.cursor = Math.min(chain.cursor, keep)
    this.#status.indexed = chain.cursor
    this.#status.reorgs++
    this.#options.logger?.warn({ from: latest.number, to: keep }, 'dashboard: reorg, reading blocks again')
    this.#emit('reset', { history: chain.id, block: keep, reason: 'reorg' })
  }

  async #hashAt(number: number): Promise<string | null> {
    const block = (await this.#client.request({
      method: 'eth_getBlockByNumber',
      params: [numberToHex(number), false],
    })) as { hash: Hex } | null
    return block?.hash ?? null
  }

  async #subnets(block: number): Promise<SubnetRef[]> {
    const blockNumber = BigInt(block)
    const netuids = await this.#client.getSubnets({ blockNumber })
    return Promise.all(
      netuids.map(async (netuid) => {
        const [info, params] = await Promise.all([
          this.#client.getSubnetInfo({ netuid, blockNumber }),
          this.#client.getSubnetParams({ netuid, blockNumber }),
        ])
        return { netuid, pool: info.ammPool, tempo: params.tempo, active: info.isActive }
      }),
    )
  }

  async #indexRange(from: number, to: number, head: number): Promise<void> {
    const chain = this.#chain!
    const subnets = await this.#subnets(to)
    const contracts = this.#client.hetu.network.contracts
    const abiOf = new Map<string, { abi: Abi; netuid?: number }>()
    const add = (address: Address | undefined, abi: Abi, netuid?: number) => {
      if (address) abiOf.set(address.toLowerCase(), { abi, ...(netuid !== undefined && { netuid }) })
    }
    add(contracts.SubnetManager, SubnetManagerAbi as Abi)
    add(contracts.NeuronManager, NeuronManagerAbi as Abi)
    add(contracts.GlobalStaking, GlobalStakingAbi as Abi)
    add(contracts.Weights, WeightsAbi as Abi)
    for (const s of subnets) add(s.pool, SubnetAMMAbi as Abi, s.netuid)

    const recentFrom = Math.max(from, head - RECENT)
    const hashed = [...new Set([to, ...range(recentFrom, to)])]
    const [logs, blocks, snapshots] = await Promise.all([
      this.#client.request({
        method: 'eth_getLogs',
        params: [
          { address: [...abiOf.keys()] as Address[], fromBlock: numberToHex(from), toBlock: numberToHex(to) },
        ],
      }) as Promise<RpcLog[]>,
      Promise.all(
        hashed.map(async (number) => {
          const block = await getBlock(this.#client, { blockNumber: BigInt(number) })
          return { number, hash: block.hash!, time: Number(block.timestamp) }
        }),
      ),
      this.#snapshots(subnets, from, to),
    ])
    const events: EventRow[] = []
    const pool: PoolRow[] = []
    const changed = new Set<number>()
    for (const log of logs) {
      const source = abiOf.get(log.address.toLowerCase())
      if (!source || log.removed) continue
      const row = decode(log, source.abi, source.netuid)
      if (!row) continue
      events.push(row.event)
      if (row.pool) pool.push(row.pool)
      if (row.event.netuid !== null && CHANGES.has(row.event.name)) changed.add(row.event.netuid)
    }
    this.#store.writeRange(chain.id, { cursor: to, blocks, events, pool, snapshots })
    chain.cursor = to
    this.#status.indexed = to
    const lastPool = new Map<number, PoolRow>()
    for (const p of pool) lastPool.set(p.netuid, p)
    this.#emit('block', { block: to, head, pools: [...lastPool.values()], changed: [...changed] })
    for (const s of snapshots) this.#emit('epoch', { netuid: s.netuid, block: s.block })
  }

  /** A metagraph snapshot of each active subnet at each of its epoch blocks in [from, to]. */
  async #snapshots(subnets: SubnetRef[], from: number, to: number): Promise<EpochSnapshot[]> {
    const jobs: { netuid: number; block: number }[] = []
    for (const s of subnets) {
      if (!s.active) continue
      // The first epoch block at or after `from`: (b + netuid + 1) % (tempo + 1) === 0.
      const period = s.tempo + 1
      let b = from + ((((period - ((from + s.netuid + 1) % period)) % period) + period) % period)
      for (; b <= to; b += period)
        if (isEpochBlock(b, s.netuid, s.tempo)) jobs.push({ netuid: s.netuid, block: b })
    }
    const out: EpochSnapshot[] = []
    const concurrency = this.#options.snapshotConcurrency ?? 4
    let next = 0
    await Promise.all(
      Array.from({ length: Math.min(concurrency, jobs.length) }, async () => {
        while (next < jobs.length) {
          const job = jobs[next++]!
          const snapshot = await this.#snapshot(job.netuid, job.block)
          if (snapshot) out.push(snapshot)
        }
      }),
    )
    return out.sort((a, b) => a.block - b.block || a.netuid - b.netuid)
  }

  /** The subnet's metagraph at an epoch block; null when the subnet did not exist or was inactive then. */
  async #snapshot(netuid: number, block: number): Promise<EpochSnapshot | null> {
    let graph: Metagraph
    try {
      graph = await Metagraph.sync({
        client: this.#client,
        netuid,
        blockNumber: block,
        ...(this.#options.epoch && { epoch: this.#options.epoch }),
      })
    } catch (err) {
      if ((err as { code?: string }).code === 'SUBNET_NOT_FOUND') return null
      if (!stateUnavailable(err)) throw err
      // The node no longer keeps that block's state (anvil keeps 1 024, pruned nodes fewer): the epoch
      // goes without a snapshot; its events are still recorded.
      if (this.#status.skippedSnapshots++ === 0)
        this.#options.logger?.warn(
          { netuid, block },
          'dashboard: the node has pruned the state of old epochs; no snapshot for them',
        )
      return null
    }
    if (!graph.subnet.isActive) return null
    if ((this.#latest.get(netuid)?.block ?? -1n) < graph.block) this.#latest.set(netuid, graph)
    return {
      netuid,
      block,
      totalStake: graph.totalStake,
      alphaSupply: graph.rewardRate.alphaIssued,
      neurons: metagraphRows(graph),
      weights: graph.validators.flatMap((v) =>
        graph.weightsOf(v.uid).map((w) => ({ validator: v.hotkey, dest: w.hotkey, weight: w.weight })),
      ),
    }
  }
}

/** Events after which a subnet's metagraph changed. */
const CHANGES = new Set([
  'NeuronRegistered',
  'NeuronDeregistered',
  'ServiceUpdated',
  'StakeAllocationChanged',
  'SubnetAllocationChanged',
  'DeallocatedFromSubnet',
  'WeightsSet',
  'SubnetActivated',
  'SubnetHyperparamsUpdated',
])

interface RpcLog {
  address: Address
  data: Hex
  topics: [Hex, ...Hex[]]
  blockNumber: Hex
  logIndex: Hex
  transactionHash: Hex
  removed?: boolean
}

/** Whether a read failed because the node no longer has that block's state (pruned history). */
function stateUnavailable(err: unknown): boolean {
  const pattern =
    /BlockOutOfRange|missing trie node|state (is )?not available|state histor|pruned|header not found|is not available, lowest height/i
  for (
    let e = err as { message?: string; details?: string; cause?: unknown } | undefined;
    e;
    e = e.cause as typeof e
  )
    if (pattern.test(`${e.message ?? ''} ${e.details ?? ''}`)) return true
  return false
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i)
}

/** JSON with bigints as decimal strings. */
function toJson(value: unknown): string {
  return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v))
}

function decode(
  log: RpcLog,
  abi: Abi,
  poolNetuid: number | undefined,
): { event: EventRow; pool?: PoolRow } | null {
  let decoded: { eventName: string; args: Record<string, unknown> }
  try {
    decoded = decodeEventLog({ abi, data: log.data, topics: log.topics }) as unknown as typeof decoded
  } catch {
    return null
  }
  const args = (decoded.args ?? {}) as Record<string, unknown>
  const netuid =
    typeof args.netuid === 'number' || typeof args.netuid === 'bigint'
      ? Number(args.netuid)
      : (poolNetuid ?? null)
  const account = (args.account ?? args.user ?? args.validator ?? args.owner ?? null) as string | null
  const block = Number(BigInt(log.blockNumber))
  const logIndex = Number(BigInt(log.logIndex))
  const event: EventRow = {
    block,
    logIndex,
    tx: log.transactionHash,
    contract: log.address.toLowerCase(),
    name: decoded.eventName,
    netuid,
    account: account?.toLowerCase() ?? null,
    args: toJson(args),
  }
  if (decoded.eventName !== 'ReservesUpdated' || poolNetuid === undefined) return { event }
  const hetuReserve = args.subnetHetu as bigint
  const alphaReserve = args.subnetAlphaIn as bigint
  const price = alphaReserve === 0n ? 0 : Number((hetuReserve * 10n ** 18n) / alphaReserve) / 1e18
  return { event, pool: { netuid: poolNetuid, block, logIndex, hetuReserve, alphaReserve, price } }
}
