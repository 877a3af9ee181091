import type { Address, Hash } from 'viem'
import type { Aggregation, MinerResponse } from '../../consensus/aggregate/aggregateResults.js'
import type { ScoreWeights } from '../../consensus/scoring/scoreResponse.js'
import type { DendriteOptions } from '../../dendrite/types.js'
import type { HetuError } from '../../errors.js'
import type { Logger } from '../../logging/index.js'
import type { KeyOptions } from '../../protocol/signer.js'
import type { SynapseBase } from '../../protocol/synapse.js'
import type { NeuronClient, SubnetView } from '../subnetView.js'
import type { ConsensusInfo, GatewayOptions } from './gateway.js'
import type { SelectionOptions, SelectMinersFn } from './selectMiners.js'

/** What the task factory gets: the step number (from 1) and the block the step read. */
export interface TaskContext {
  step: number
  block: bigint
}

/** Options of `new Validator(...)`. */
export interface ValidatorOptions<S extends SynapseBase = SynapseBase> extends KeyOptions {
  /** Chain client (or the HetuSubnet facade); the validator signs with its own key, not the client's. */
  client: NeuronClient
  netuid: number
  /**
   * The request of each step, sent to every selected miner. `undefined`: no synthetic query this step
   * (a validator that scores its clients' requests only still sets weights from those scores).
   */
  task: (context: TaskContext) => S | undefined | Promise<S | undefined>
  /**
   * The comparable result of a successful answer (what consensus groups). Default: the answer's
   * response fields (`{ completion }` for the default Synapse). Throwing marks the answer as malformed.
   */
  result?: (answer: S) => unknown
  /** Stake to allocate when it registers (wei); default the subnet's validator threshold. */
  stake?: bigint
  /** Register when not registered yet (default true); false makes start() fail instead. */
  register?: boolean
  /**
   * The subnet's metagraph, to share one with other code; resynced at each step. Default: its own,
   * `Metagraph.sync({ client, netuid })` at start.
   */
  metagraph?: SubnetView
  /**
   * Answers must be signed by the hotkey of the miner found on chain (default true): an unsigned
   * or wrongly signed 200 is scored as a failure (422, "Failed to verify response: …"), so nobody can
   * answer in a miner's name. `false`, or a function returning false for some miners (Python-format
   * axons, whose 200s are unsigned), accepts their unsigned answers; a signature they do send must
   * still hold. Governs the dendrite's `verifyResponses` for the step's queries.
   */
  requireSignedAnswers?: boolean | ((hotkey: Address) => boolean)
  /** Options of the validator's Dendrite (its key is the validator's). */
  dendrite?: Omit<DendriteOptions, 'hotkey' | 'wallet'>
  query?: {
    /** Time allowed per miner, ms (default 12 000). Slower answers fail with 408. */
    timeoutMs?: number
    /** Time allowed for the whole fan-out, ms (default timeoutMs + 1 000). */
    deadlineMs?: number
    /** Calls in flight at once (default 64). */
    concurrency?: number
  }
  /** The default selection's settings, or your own function. */
  selection?: SelectionOptions | SelectMinersFn
  consensus?: {
    /** Share of the answers a result needs, in (0, 1] (default 2/3, the Python SDK's rule). */
    threshold?: number
    /**
     * `'exclude'` (default): consensus among the miners that answered, so offline or slow miners
     * (which score 0 anyway) cannot block it. `'abstain'`: the Python SDK's exact rule, where every
     * response counts in the denominator and a few failures leave everyone undecided.
     */
    failures?: 'abstain' | 'exclude'
    /** Identity of a result (default: canonical JSON). */
    key?: (result: unknown) => string
  }
  scoring?: {
    /** Importance of agreement, latency and availability (defaults 0.7 / 0.2 / 0.1). */
    weights?: Partial<ScoreWeights>
    /** Correctness credited when no consensus was reached (default 0.5). */
    undecidedCredit?: number
    /** Moving-average weight of each new step, in (0, 1] (default 0.1). */
    alpha?: number
    /** Score before a miner's first step (default 0). */
    initial?: number
  }
  /**
   * Blocks between two setWeights (at most one per this many blocks). Default: the subnet's
   * `weightsRateLimit` hyperparameter. The chain does not enforce it; the validator does.
   */
  weightsRateLimit?: number | bigint
  /** Set weights on chain (default true); false scores only (a dry run). */
  setWeights?: boolean
  /** Time between the starts of two steps in `run()`, ms. Default: the network's block time. */
  stepIntervalMs?: number
  /** Stop cleanly on SIGINT/SIGTERM (a second signal exits at once). Default false. */
  handleSignals?: boolean
  /**
   * After this long in one stage of a step (ms, default 5 000) the validator warns and emits
   * `stalled`, again every as long, so an RPC outage shows within seconds instead of after the
   * client's retries (timeout × attempts). Nothing is cancelled: the step goes on.
   */
  stallWarningMs?: number
  /**
   * A file that keeps the moving-average scores, the step count and the last weights block across
   * restarts (JSON, versioned, written atomically after every step, restored at start). Without it a
   * restarted validator scores from nothing and sets weights from one step's evidence.
   */
  stateFile?: string
  /**
   * Also answer clients: an Axon on the validator's hotkey (registered as its endpoint) that runs an
   * organic round per request and answers with the miners' consensus (see {@link GatewayOptions}).
   */
  serve?: GatewayOptions
  /** Default: `createLogger({ name: 'hetu:validator' })` (warnings and errors on stderr). */
  logger?: Logger
}

/** Why a step did not set weights. */
export type WeightsSkipReason = 'disabled' | 'rate-limited' | 'no-scores' | 'no-miners'

/** Milliseconds spent in each stage of a step. */
export interface StepTimings {
  resync: number
  select: number
  query: number
  aggregate: number
  score: number
  setWeights: number
  total: number
}

/** One validator step, stage by stage (the `step` event and `step()`'s result). */
export interface ValidatorStepReport<T = unknown> {
  step: number
  /** Block the neurons were read at. */
  block: bigint
  /** Active miners seen this step. */
  candidates: number
  /** Miners queried, by address. */
  selected: Address[]
  /** One per selected miner: its result (when it answered), status and round-trip time. */
  responses: MinerResponse<T>[]
  aggregation: Aggregation<T>
  /** This step's score per queried miner, in [0, 1]. */
  roundScores: Record<Address, number>
  /** Moving-average score per known miner after this step. */
  scores: Record<Address, number>
  /** The normalised weights (sum 1 000 000), positive entries sorted by address. */
  weights: { dest: Address; weight: number }[]
  /** The transaction when weights were set this step. */
  weightsSet: { hash: Hash; blockNumber: bigint } | undefined
  /** Why weights were not set (undefined when they were). */
  weightsSkipped: WeightsSkipReason | undefined
  /** First block at which the rate limit lets weights be set again. */
  nextWeightsBlock: bigint
  timings: StepTimings
}

/** What a Validator reports. */
export interface ValidatorEvents extends Record<string, unknown> {
  started: {
    address: Address
    netuid: number
    weightsRateLimit: bigint
    lastWeightsBlock: bigint | undefined
  }
  /** After every step. */
  step: ValidatorStepReport
  /** Weights set on chain. */
  weights: { step: number; hash: Hash; blockNumber: bigint; weights: { dest: Address; weight: number }[] }
  /** A step of `run()` failed; the loop goes on with the next one. */
  error: HetuError | Error
  /**
   * A step has been waiting on one stage for `stallWarningMs` (and again every `stallWarningMs`):
   * usually the RPC is slow or down (`resync`, `setWeights`), or the miners are (`query`).
   */
  stalled: { step: number; stage: StepStage; waitingMs: number }
  stopped: { signal: NodeJS.Signals | undefined }
  /** With `serve`: after each client request, how it ended. */
  organic: ConsensusInfo
}

/** The stages of a validator step, in order. */
export type StepStage = 'resync' | 'select' | 'query' | 'aggregate' | 'score' | 'setWeights'
