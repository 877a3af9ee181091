import {
  type Address,
  decodeErrorResult,
  type Hex,
  type Log,
  numberToHex,
  parseEther,
  parseEventLogs,
} from 'viem'
import { createLogger, type Logger } from '../../logging/index.js'
import { EventHub } from '../../service/events.js'
import { Lifecycle } from '../../service/lifecycle.js'
import { loadArtifact } from '../artifacts.js'
import { type HetuContracts, SYSTEM_ADDRESS } from '../deploy.js'
import { rpc, rpcBatch, rpcBatchSettled } from '../rpc.js'
import { EmissionBlockError, EmissionStoppedError } from './errors.js'
import {
  type EmissionInfo,
  type EmissionOptions,
  emissionInfo,
  type ResolvedEmissionOptions,
  resolveEmissionOptions,
} from './options.js'
import {
  type BlockPlan,
  type ChainState,
  initialChainState,
  type PlanSettings,
  planBlock,
} from './planBlock.js'
import { ChainRewoundError, type ReadContext, readBlock } from './reads.js'
import { SubnetRegistry } from './registry.js'
import type { BlockReport, EmissionTotals, EpochReport, SkippedSubnet } from './reports.js'
import {
  delegationCode,
  SYSTEM_BATCH_ADDRESS,
  SystemBatchAbi,
  type SystemGroup,
  type SystemTransaction,
  systemTransactions,
} from './systemCalls.js'
import { TotalsLedger } from './totals.js'

/** What the module reports as it goes. */
export interface EmissionEvents extends Record<string, unknown> {
  /** After each block is mined, with the outcome of its system transactions. */
  block: BlockReport
  /** Each subnet epoch, once its block is mined (also inside the block's report). */
  epoch: EpochReport
  /** A block that could not be processed (also logged). */
  error: EmissionBlockError
}

export interface StartEmissionParameters extends EmissionOptions {
  rpcUrl: string
  contracts: HetuContracts
  /** The chain's blockinflation module account (default {@link SYSTEM_ADDRESS}). */
  systemAddress?: Address
}

/**
 * The chain's part on the localnet: it produces the blocks and, in each one, does what Hetu's
 * blockinflation and stakework modules do in BeginBlock (docs/emission.md): block emission and subnet share,
 * HETU/Alpha injection into each emitting subnet's pool, owner cut, and at each subnet's epoch the
 * consensus over the validators' weights and the Alpha payout.
 */
export interface EmissionModule {
  readonly info: EmissionInfo
  /** Last block processed. */
  readonly lastBlock: bigint
  on<E extends keyof EmissionEvents>(event: E, listener: (payload: EmissionEvents[E]) => void): () => void
  /** The next `event` matching `filter`; rejects with EmissionStoppedError if the module stops first. */
  next<E extends keyof EmissionEvents>(
    event: E,
    filter?: (payload: EmissionEvents[E]) => boolean,
  ): Promise<EmissionEvents[E]>
  /**
   * Mines `blocks` blocks now (after any block in progress) and returns the reports of every block
   * processed meanwhile: blocks others mined first come too (`late`); a block that failed is missing
   * (see the `error` event).
   */
  mine(blocks?: number): Promise<BlockReport[]>
  /** Cumulative amounts since the module started. */
  totals(): EmissionTotals
  /** Stops mining, waits for the block in progress, restores automine as it was. Idempotent. */
  stop(): Promise<void>
  [Symbol.asyncDispose](): Promise<void>
}

/** One RPC round trip may take this long before the block is retried. */
const RPC_TIMEOUT_MS = 30_000
/** A block whose preparation failed this many times is mined without emission, so the chain goes on. */
const MAX_ATTEMPTS = 3
/** Blocks mined by others processed per tick at most (each tick then mines one block). */
const MAX_BLOCKS_PER_TICK = 256
/** Room for the system transactions next to users' (BeginBlock work is not gas-limited on the chain). */
const BLOCK_GAS_LIMIT = 1_000_000_000n
/** Native HETU the system address holds to wrap for injections (the chain mints it as needed). */
const SYSTEM_FLOAT = parseEther('1000000000')

/**
 * Takes over block production of the anvil at `rpcUrl` (automine and interval mining off) and starts
 * producing blocks every `blockTime` seconds, or only on `mine()` when `manual`.
 *
 * Why the module mines: under automine each of its own transactions would be a new block, whose
 * emission needs new transactions, and so on without end; with anvil's interval mining its
 * transactions would land in whichever block the timer picked, so results would depend on timing.
 * Mining itself, it puts each block's system work into that very block (as BeginBlock does), computed
 * from the state at the end of the previous block: results depend on the sequence of blocks only.
 *
 * The system address is impersonated, funded and delegated (EIP-7702) to the SystemBatch code, so a
 * block's work is one transaction from it: each subnet's injection or payout an atomic group that may
 * fail alone.
 */
export async function startEmission(parameters: StartEmissionParameters): Promise<EmissionModule> {
  const options = resolveEmissionOptions(parameters)
  const log = parameters.logger ?? createLogger({ name: 'hetu:emission' })
  const system = parameters.systemAddress ?? SYSTEM_ADDRESS
  const { rpcUrl } = parameters
  const [automine, balanceHex] = (await rpcBatch(rpcUrl, [
    { method: 'anvil_getAutomine' },
    { method: 'eth_getBalance', params: [system, 'latest'] },
  ])) as [boolean, Hex]
  await rpcBatch(rpcUrl, [
    { method: 'anvil_setCode', params: [SYSTEM_BATCH_ADDRESS, loadArtifact('SystemBatch').deployedBytecode] },
    { method: 'anvil_setCode', params: [system, delegationCode(SYSTEM_BATCH_ADDRESS)] },
    { method: 'anvil_impersonateAccount', params: [system] },
    { method: 'anvil_setBlockGasLimit', params: [numberToHex(BLOCK_GAS_LIMIT)] },
    ...(BigInt(balanceHex) < SYSTEM_FLOAT / 2n
      ? [{ method: 'anvil_setBalance', params: [system, numberToHex(SYSTEM_FLOAT)] }]
      : []),
    { method: 'evm_setIntervalMining', params: [0] },
    { method: 'evm_setAutomine', params: [false] },
  ])
  // The head only once nothing else mines: blocks from here on are the module's (or late).
  const headHex = await rpc<Hex>(rpcUrl, 'eth_blockNumber')
  const module = new LocalEmission(parameters, options, log, system, BigInt(headHex), automine)
  return module.start()
}

type Outcome = { status: 'landed' | 'failed' | 'unknown'; reason?: string | undefined }
type Receipt = { status: Hex; logs: Log[] }

/** A revert's reason string when it has one (Error(string)), else its selector/data. */
function revertReason(data: Hex): string {
  try {
    const decoded = decodeErrorResult({ abi: [], data })
    return decoded.args?.length ? String(decoded.args[0]) : decoded.errorName
  } catch {
    return data === '0x' ? 'reverted without a reason' : data
  }
}

class LocalEmission implements EmissionModule {
  readonly info: EmissionInfo
  readonly #rpcUrl: string
  readonly #options: ResolvedEmissionOptions
  readonly #log: Logger
  readonly #system: Address
  readonly #restoreAutomine: boolean
  readonly #hub: EventHub<EmissionEvents>
  readonly #life: Lifecycle<this>
  readonly #ledger = new TotalsLedger()
  readonly #read: ReadContext
  readonly #settings: PlanSettings
  #state: ChainState
  #lastBlock: bigint
  #queue: Promise<unknown> = Promise.resolve()
  #timer: NodeJS.Timeout | undefined
  #nextTickAt = 0
  #attempts = 0
  readonly #skipReasons = new Map<number, SkippedSubnet['reason']>()

  constructor(
    parameters: StartEmissionParameters,
    options: ResolvedEmissionOptions,
    log: Logger,
    system: Address,
    head: bigint,
    restoreAutomine: boolean,
  ) {
    this.#rpcUrl = parameters.rpcUrl
    this.#options = options
    this.#log = log
    this.#system = system
    this.#restoreAutomine = restoreAutomine
    this.#lastBlock = head
    this.#state = initialChainState(head, options.params)
    this.#hub = new EventHub(
      (err, event) => log.error({ err, event }, 'an emission listener threw; ignored'),
      () => new EmissionStoppedError(),
    )
    this.#life = new Lifecycle(this, {
      open: async () => {
        this.#nextTickAt = performance.now() + this.#options.blockTimeMs
        this.#schedule()
      },
      close: () => this.#close(),
      refuse: (state) => new Error(`The emission module cannot start: it is ${state}`),
    })
    this.info = emissionInfo(options)
    this.#read = {
      rpcUrl: parameters.rpcUrl,
      contracts: parameters.contracts,
      system,
      registry: new SubnetRegistry(),
      scannedTo: -1n,
      tempo: options.tempo,
      timeoutMs: RPC_TIMEOUT_MS,
    }
    this.#settings = {
      system,
      whetu: parameters.contracts.WHETU,
      tempo: options.tempo,
      payout: options.payout,
      dividends: options.dividends,
      params: options.params,
      epoch: options.epoch,
    }
  }

  get lastBlock(): bigint {
    return this.#lastBlock
  }

  start(): Promise<this> {
    return this.#life.start()
  }

  on<E extends keyof EmissionEvents>(event: E, listener: (payload: EmissionEvents[E]) => void): () => void {
    return this.#hub.on(event, listener)
  }

  next<E extends keyof EmissionEvents>(
    event: E,
    filter?: (payload: EmissionEvents[E]) => boolean,
  ): Promise<EmissionEvents[E]> {
    return this.#hub.next(event, filter)
  }

  totals(): EmissionTotals {
    return this.#ledger.snapshot(this.#state)
  }

  mine(blocks = 1): Promise<BlockReport[]> {
    if (this.#life.ending) return Promise.reject(new EmissionStoppedError())
    if (!Number.isInteger(blocks) || blocks < 1)
      return Promise.reject(new RangeError(`mine(blocks): a positive integer, got ${blocks}`))
    return this.#enqueue(async () => {
      const reports: BlockReport[] = []
      for (let i = 0; i < blocks && !this.#life.ending; i++) reports.push(...(await this.#tick()))
      return reports
    })
  }

  stop(): Promise<void> {
    return this.#life.stop()
  }

  async #close(): Promise<void> {
    clearTimeout(this.#timer)
    this.#timer = undefined
    await this.#queue
    this.#hub.close()
    if (this.#restoreAutomine)
      await rpc(this.#rpcUrl, 'evm_setAutomine', [true], { timeoutMs: 2_000 }).catch(() => undefined)
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop()
  }

  #enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(job)
    this.#queue = run.catch(() => undefined)
    return run
  }

  /** Interval mining: one tick per blockTime, measured from the previous tick's start; never two at once. */
  #schedule(): void {
    if (this.#life.ending || this.#options.manual) return
    const now = performance.now()
    const delay = Math.max(0, this.#nextTickAt - now)
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      this.#nextTickAt = Math.max(this.#nextTickAt + this.#options.blockTimeMs, performance.now())
      void this.#enqueue(() => this.#tick())
        .catch((err: unknown) => this.#log.error({ err }, 'emission tick failed'))
        .finally(() => this.#schedule())
    }, delay)
  }

  /**
   * Processes every block after the last one in order — blocks someone else mined first ("late"),
   * then the one this tick mines — sends their system transactions, mines, and records the outcome.
   * Never throws: a failure is logged, emitted as `error`, and the block is retried next tick.
   */
  async #tick(): Promise<BlockReport[]> {
    const plans: BlockPlan[] = []
    let state = this.#state
    let nonce = 0n
    // Injections planned in this tick are not in the chain yet when later blocks read the pools.
    const unlanded = new Map<number, { taoIn: bigint; alphaIn: bigint }>()
    for (let b = this.#lastBlock + 1n; plans.length < MAX_BLOCKS_PER_TICK; b++) {
      let read: Awaited<ReturnType<typeof readBlock>>
      let plan: BlockPlan
      try {
        read = await readBlock(this.#read, b)
      } catch (err) {
        if (err instanceof ChainRewoundError) return this.#rewound(err)
        if (plans.length > 0) break // mine what is ready; this block comes again next tick
        return this.#failed(b, 'reading the chain', err)
      }
      for (const subnet of read.inputs.subnets) {
        const pending = unlanded.get(subnet.record.netuid)
        if (pending && subnet.pool) {
          subnet.pool.taoIn += pending.taoIn
          subnet.pool.alphaIn += pending.alphaIn
        }
      }
      try {
        plan = planBlock(state, read.inputs, this.#settings)
      } catch (err) {
        if (plans.length > 0) break
        return this.#failed(b, 'computing the emission', err)
      }
      plan.report.late = b <= read.head
      for (const group of plan.groups) {
        if (group.kind !== 'injection') continue
        const s = plan.report.subnets.find((x) => x.netuid === group.netuid)!
        const u = unlanded.get(group.netuid) ?? { taoIn: 0n, alphaIn: 0n }
        unlanded.set(group.netuid, { taoIn: u.taoIn + s.taoIn, alphaIn: u.alphaIn + s.alphaIn })
      }
      plans.push(plan)
      state = plan.next
      nonce = read.nonce
      if (!plan.report.late) break
    }

    const groups = plans.flatMap((p) => p.groups)
    const transactions = systemTransactions(this.#system, groups, nonce)
    const hashes: Hex[] = []
    try {
      const sent = await rpcBatchSettled(
        this.#rpcUrl,
        transactions.map((t) => t.request),
        { timeoutMs: RPC_TIMEOUT_MS },
      )
      for (const s of sent) if (s.ok) hashes.push(s.result as Hex)
      const refused = sent.find((s) => !s.ok)
      if (refused && !refused.ok) throw refused.error
      await rpc(this.#rpcUrl, 'evm_mine', [], { timeoutMs: RPC_TIMEOUT_MS })
    } catch (err) {
      await this.#drop(hashes)
      return this.#failed(plans[0]!.report.block, 'sending the system transactions and mining', err)
    }
    // The block exists now: commit, then find out what landed. If the last plan was late, the block
    // just mined is itself processed (late) next tick.
    this.#state = state
    this.#lastBlock = plans[plans.length - 1]!.report.block
    this.#attempts = 0
    const outcomeOf = await this.#outcomes(transactions, hashes)
    for (const plan of plans) this.#finish(plan, (g) => outcomeOf.get(g) ?? { status: 'unknown' })
    return plans.map((p) => p.report)
  }

  #rewound(err: ChainRewoundError): BlockReport[] {
    this.#log.warn(
      { head: err.head, lastBlock: this.#lastBlock },
      'the chain went back (evm_revert/anvil_reset); emission goes on from its head with the state it had',
    )
    this.#lastBlock = err.head
    if (this.#read.scannedTo > err.head) this.#read.scannedTo = err.head
    return []
  }

  #finish(plan: BlockPlan, outcome: (group: SystemGroup) => Outcome): void {
    const { report } = plan
    const landed = (g: SystemGroup) => outcome(g).status === 'landed'
    for (const subnet of report.subnets) {
      const group = plan.groups.find((g) => g.kind === 'injection' && g.netuid === subnet.netuid)
      subnet.injected = group ? landed(group) : false
    }
    for (const epoch of report.epochs) {
      if (epoch.error) continue
      epoch.paid = plan.groups.filter((g) => g.kind === 'payout' && g.netuid === epoch.netuid).every(landed)
    }
    for (const group of plan.groups) {
      const o = outcome(group)
      if (o.status !== 'landed')
        this.#log.error(
          {
            block: report.block,
            netuid: group.netuid,
            kind: group.kind,
            outcome: o.status,
            reason: o.reason,
          },
          group.kind === 'injection'
            ? `the injection into subnet ${group.netuid}'s pool failed; its Alpha is not minted`
            : `part of subnet ${group.netuid}'s epoch payout failed; that Alpha is not minted`,
        )
    }
    for (const epoch of report.epochs)
      if (epoch.error)
        this.#log.error({ block: report.block, netuid: epoch.netuid, error: epoch.error }, 'epoch skipped')
    this.#noteSkipped(report)
    this.#ledger.record(report, plan.groups, landed)
    for (const epoch of report.epochs) this.#hub.emit('epoch', epoch)
    this.#hub.emit('block', report)
  }

  /** Warns once when a subnet starts being skipped, and says when it emits again. */
  #noteSkipped(report: BlockReport): void {
    for (const { netuid, reason } of report.skipped) {
      if (this.#skipReasons.get(netuid) === reason) continue
      this.#skipReasons.set(netuid, reason)
      this.#log.warn(
        { netuid, reason, block: report.block },
        reason === 'no-minter'
          ? `subnet ${netuid} gets no emission: its owner has not called SubnetManager.addSubnetMinter(${netuid}, ${this.#system})`
          : `subnet ${netuid} gets no emission: its pool did not answer getPoolInfo()`,
      )
    }
    for (const { netuid } of report.subnets) {
      if (!this.#skipReasons.delete(netuid)) continue
      this.#log.info({ netuid, block: report.block }, `subnet ${netuid} emits again`)
    }
  }

  /**
   * What became of each group: its transaction's receipt (missing = not mined, then dropped so it
   * never lands out of turn) and the GroupFailed logs SystemBatch wrote for groups that reverted.
   */
  async #outcomes(
    transactions: readonly SystemTransaction[],
    hashes: readonly Hex[],
  ): Promise<Map<SystemGroup, Outcome>> {
    const out = new Map<SystemGroup, Outcome>()
    if (hashes.length === 0) return out
    let receipts: (Receipt | null)[] | undefined
    for (let attempt = 0; attempt < 3 && !receipts; attempt++) {
      try {
        receipts = (await rpcBatch(
          this.#rpcUrl,
          hashes.map((h) => ({ method: 'eth_getTransactionReceipt', params: [h] })),
          { timeoutMs: RPC_TIMEOUT_MS },
        )) as (Receipt | null)[]
      } catch (err) {
        this.#log.warn({ err, attempt }, 'could not fetch the receipts of the system transactions')
      }
    }
    if (!receipts) return out // unknown
    const missing = hashes.filter((_, i) => receipts[i] === null)
    if (missing.length > 0) await this.#drop(missing)
    transactions.forEach((transaction, i) => {
      const receipt = receipts[i]
      const failed = new Map<number, string>()
      if (receipt?.status === '0x1') {
        for (const log of parseEventLogs({
          abi: SystemBatchAbi,
          logs: receipt.logs,
          eventName: 'GroupFailed',
        })) {
          if (log.address.toLowerCase() === this.#system.toLowerCase())
            failed.set(Number(log.args.index), revertReason(log.args.reason))
        }
      }
      transaction.groups.forEach((group, index) => {
        if (!receipt) out.set(group, { status: 'failed', reason: 'not mined' })
        else if (receipt.status !== '0x1')
          out.set(group, { status: 'failed', reason: 'transaction reverted' })
        else if (failed.has(index)) out.set(group, { status: 'failed', reason: failed.get(index) })
        else out.set(group, { status: 'landed' })
      })
    })
    return out
  }

  async #drop(hashes: readonly Hex[]): Promise<void> {
    if (hashes.length === 0) return
    await rpcBatchSettled(
      this.#rpcUrl,
      hashes.map((h) => ({ method: 'anvil_dropTransaction', params: [h] })),
      { timeoutMs: RPC_TIMEOUT_MS },
    ).catch(() => undefined)
  }

  /**
   * Logs and emits the failure. After {@link MAX_ATTEMPTS} failures in a row the block is given up:
   * mined (or, if someone else mined it, passed) without emission, so the localnet keeps going.
   */
  async #failed(block: bigint, step: string, err: unknown): Promise<BlockReport[]> {
    this.#attempts++
    const giveUp = this.#attempts >= MAX_ATTEMPTS
    const error = new EmissionBlockError(
      block,
      step,
      err,
      giveUp ? 'Given up after repeated failures: the block goes without emission.' : undefined,
    )
    this.#log.error({ err: error, attempt: this.#attempts }, error.shortMessage)
    this.#hub.emit('error', error)
    if (!giveUp) return []
    try {
      const head = BigInt(await rpc<Hex>(this.#rpcUrl, 'eth_blockNumber', [], { timeoutMs: RPC_TIMEOUT_MS }))
      if (head < block) await rpc(this.#rpcUrl, 'evm_mine', [], { timeoutMs: RPC_TIMEOUT_MS })
      this.#lastBlock = block
      this.#attempts = 0
    } catch {
      // The node itself is unreachable: keep retrying on later ticks.
    }
    return []
  }
}
