import { setMaxListeners } from 'node:events'
import type { Address } from 'viem'
import { getContractEvents } from 'viem/actions'
import { WeightsAbi } from '../../chain/abi/index.js'
import type { HetuClient } from '../../chain/client/createHetuClient.js'
import {
  type Aggregation,
  aggregateResults,
  type MinerResponse,
} from '../../consensus/aggregate/aggregateResults.js'
import { Dendrite } from '../../dendrite/dendrite.js'
import { createLogger, type Logger } from '../../logging/index.js'
import { Metagraph } from '../../metagraph/Metagraph.js'
import type { SynapseBase } from '../../protocol/synapse.js'
import { EventHub } from '../../service/events.js'
import { Lifecycle, type ServiceState } from '../../service/lifecycle.js'
import { endpointOf, sameEndpoint } from '../endpoint.js'
import { NeuronOptionError, NeuronStateError, ValidatorStoppedError } from '../errors.js'
import { type NeuronKey, resolveNeuronKey } from '../key.js'
import { nonNegative, positive } from '../options.js'
import { ensureRegistered, type NeuronRegistration } from '../registration.js'
import { activeMiners, clientOf, type SubnetView } from '../subnetView.js'
import { type ConsensusInfo, type OrganicRound, ValidatorGateway } from './gateway.js'
import { MinerRouter } from './minerRouter.js'
import type { MinerCandidate } from './selectMiners.js'
import { queryStage, scoreStage, selectStage, toResponses, weightsStage } from './stages.js'
import { readValidatorState, writeValidatorState } from './stateFile.js'
import type {
  StepStage,
  ValidatorEvents,
  ValidatorOptions,
  ValidatorStepReport,
  WeightsSkipReason,
} from './types.js'
import { weightsRateLimit } from './weightsRateLimit.js'

/**
 * The Python SDK's validator loop (docs/python-sdk.md#collaboration-flow).
 * Each step: resync the subnet's neurons → select miners (stake and measured
 * performance, bounded sample) → query them through the dendrite (deadline, concurrency limit) →
 * aggregate the answers with the consensus rule (threshold 2/3 by default) → score agreement, latency
 * and availability (moving average) → normalise to weights (0..1 000 000) → setWeights on chain, at most
 * once per rate limit. `step()` runs one step; `run()` loops until `stop()`.
 *
 * @example
 * await using validator = await new Validator({
 *   client, netuid, hotkey,
 *   task: () => new Synapse({ completion: 'add 15 25' }),
 * }).start()
 * validator.on('step', (report) => console.log(report.weights))
 * await validator.run() // until stop() or, with handleSignals, Ctrl-C
 */
export class Validator<S extends SynapseBase = SynapseBase> {
  readonly netuid: number
  readonly #client: HetuClient
  readonly #key: NeuronKey
  readonly #options: ValidatorOptions<S>
  readonly #log: Logger
  readonly #events: EventHub<ValidatorEvents>
  readonly #life: Lifecycle<this>
  readonly #abort = new AbortController()
  readonly #timeoutMs: number
  readonly #deadlineMs: number
  readonly #concurrency: number
  readonly #stepIntervalMs: number
  readonly #stallWarningMs: number
  readonly #requireSigned: (hotkey: string) => boolean
  #dendrite: Dendrite | undefined
  #view: SubnetView | undefined
  #registration: NeuronRegistration | undefined
  #rateLimit = 0n
  #lastWeightsBlock: bigint | undefined
  #scores: Record<Address, number> = {}
  #steps = 0
  #queue: Promise<unknown> = Promise.resolve()
  #running: Promise<void> | undefined
  /** Routes client requests (with `serve`): load, answer times and recent failures per miner. */
  readonly #router: MinerRouter | undefined
  readonly #gateway: ValidatorGateway | undefined
  readonly #organicWeight: number

  constructor(options: ValidatorOptions<S>) {
    if (typeof options.task !== 'function')
      throw new NeuronOptionError('task', 'must be a function returning the synapse of each step')
    this.#options = options
    this.netuid = options.netuid
    this.#client = clientOf(options.client)
    this.#key = resolveNeuronKey(options, this.#client)
    this.#log = options.logger ?? createLogger({ name: 'hetu:validator' })
    this.#events = new EventHub((err, event) =>
      this.#log.error({ err, event }, 'a validator event listener threw; ignored'),
    )
    this.#life = new Lifecycle(this, {
      open: () => this.#open(),
      close: () => this.#close(),
      refuse: (state) =>
        new NeuronStateError('The validator cannot start', state, 'Create a new Validator to run again.'),
      started: () =>
        this.#events.emit('started', {
          address: this.address,
          netuid: this.netuid,
          weightsRateLimit: this.#rateLimit,
          lastWeightsBlock: this.#lastWeightsBlock,
        }),
      stopped: (signal) => {
        this.#events.emit('stopped', { signal })
        this.#events.close()
      },
      // step(), run() and clients' requests start it if needed: they share the one start.
      shareStart: true,
      handleSignals: options.handleSignals,
    })
    this.#timeoutMs = positive('query.timeoutMs', options.query?.timeoutMs ?? 12_000)
    this.#deadlineMs = positive('query.deadlineMs', options.query?.deadlineMs ?? this.#timeoutMs + 1_000)
    this.#concurrency = positive('query.concurrency', options.query?.concurrency ?? 64)
    // Every call in flight listens to the stop signal (then lets go): that is not a leak.
    setMaxListeners(this.#concurrency + 16, this.#abort.signal)
    const required = options.requireSignedAnswers ?? true
    if (typeof required !== 'boolean' && typeof required !== 'function')
      throw new NeuronOptionError('requireSignedAnswers', 'must be true, false or a function of the hotkey')
    this.#requireSigned =
      typeof required === 'function' ? (hotkey) => required(hotkey as Address) === true : () => required
    this.#stallWarningMs = positive('stallWarningMs', options.stallWarningMs ?? 5_000)
    this.#stepIntervalMs = nonNegative(
      'stepIntervalMs',
      options.stepIntervalMs ?? this.#client.hetu.network.blockTimeMs,
    )
    if (options.weightsRateLimit !== undefined) {
      const limit = BigInt(options.weightsRateLimit)
      if (limit < 0n) throw new NeuronOptionError('weightsRateLimit', `must be ≥ 0 blocks (got ${limit})`)
      this.#rateLimit = limit
    }
    this.#organicWeight = nonNegative('serve.organicWeight', options.serve?.organicWeight ?? 1)
    if (options.serve) this.#router = new MinerRouter(options.serve.routing)
    if (options.serve)
      this.#gateway = new ValidatorGateway(
        options.serve,
        this.#key.protocol,
        (synapse, budget) => this.#organicRound(synapse as S, budget),
        (info: ConsensusInfo) => this.#events.emit('organic', info),
      )
  }

  /** With `serve`: the Axon clients send their tasks to (undefined otherwise). */
  get gateway(): ValidatorGateway | undefined {
    return this.#gateway
  }

  /** The validator's address: its hotkey, its neuron on chain and the signer of its requests. */
  get address(): Address {
    return this.#key.account.address
  }
  get state(): ServiceState {
    return this.#life.state
  }
  get registration(): NeuronRegistration | undefined {
    return this.#registration
  }
  /** The subnet as of the last step (its Metagraph unless another view was given). */
  get metagraph(): SubnetView | undefined {
    return this.#view
  }
  /** Moving-average score per miner (a copy). */
  get scores(): Record<Address, number> {
    return { ...this.#scores }
  }
  /** Blocks between two setWeights. */
  get weightsRateLimit(): bigint {
    return this.#rateLimit
  }
  /** Block of its last setWeights (seen on chain at start, then its own), if any. */
  get lastWeightsBlock(): bigint | undefined {
    return this.#lastWeightsBlock
  }
  /** Steps run so far. */
  get steps(): number {
    return this.#steps
  }

  on<E extends keyof ValidatorEvents>(event: E, listener: (payload: ValidatorEvents[E]) => void): () => void {
    return this.#events.on(event, listener)
  }

  /**
   * Registers if needed, opens the dendrite, reads the subnet (and its weightsRateLimit unless given)
   * and when it last set weights, so a restart keeps the rate limit. Called by step()/run() if needed.
   */
  start(): Promise<this> {
    return this.#life.start()
  }

  async #open(): Promise<void> {
    const { netuid } = this
    try {
      // A wrong or corrupt state file stops the start before anything is staked or registered.
      const saved = this.#options.stateFile
        ? await readValidatorState(this.#options.stateFile, this.#stateKey())
        : undefined
      // The gateway's port is known before it is registered, so clients find it on chain.
      await this.#gateway?.axon.start()
      const info = this.#gateway?.axon.info()
      const endpoint = {
        ip: info?.ip ?? '',
        port: info?.port ?? 0,
        prometheusIp: '',
        prometheusPort: 0,
      }
      const [params, registration] = await Promise.all([
        this.#client.getSubnetParams({ netuid }),
        ensureRegistered(this.#client, {
          netuid,
          account: this.#key.account,
          role: 'validator',
          register: this.#options.register ?? true,
          stake: this.#options.stake,
          endpoint,
        }),
      ])
      this.#registration = registration
      if (this.#gateway && !sameEndpoint(endpointOf(registration.neuron), endpoint))
        await this.#client.updateNeuronService({
          netuid,
          account: this.#key.account,
          axonEndpoint: endpoint.ip,
          axonPort: endpoint.port,
          prometheusEndpoint: '',
          prometheusPort: 0,
        })
      if (this.#options.weightsRateLimit === undefined) this.#rateLimit = params.weightsRateLimit
      this.#view = this.#options.metagraph ?? (await Metagraph.sync({ client: this.#client, netuid }))
      const seen = await this.#findLastWeightsBlock(this.#view.block)
      if (saved) {
        this.#scores = saved.scores
        this.#steps = saved.steps
        this.#log.info(
          { file: this.#options.stateFile, miners: Object.keys(saved.scores).length, steps: saved.steps },
          'validator state restored',
        )
      }
      // The later of what the chain shows and what was saved (a WeightsSet older than one rate-limit
      // window is not looked up, but the file remembers it).
      this.#lastWeightsBlock = latest(seen, saved?.lastWeightsBlock)
      this.#dendrite = new Dendrite({ ...this.#options.dendrite, ...this.#key.protocol })
    } catch (err) {
      await this.#gateway?.axon.stop()
      throw err
    }
  }

  /** Its last WeightsSet within one rate-limit window of the head (undefined if none or unreadable). */
  async #findLastWeightsBlock(head: bigint): Promise<bigint | undefined> {
    const address = this.#client.hetu.network.contracts.Weights
    if (!address || this.#rateLimit === 0n) return undefined
    try {
      const events = await getContractEvents(this.#client, {
        address,
        abi: WeightsAbi,
        eventName: 'WeightsSet',
        args: { netuid: this.netuid, validator: this.address },
        fromBlock: head > this.#rateLimit ? head - this.#rateLimit : 0n,
        toBlock: head,
      })
      return events.at(-1)?.blockNumber ?? undefined
    } catch (err) {
      this.#log.warn({ err }, 'could not read past WeightsSet events; the rate limit starts now')
      return undefined
    }
  }

  /** Runs one step (after any step in progress) and resolves with its report. */
  step(): Promise<ValidatorStepReport> {
    const run = this.#queue.then(async () => {
      await this.start()
      if (this.state !== 'started')
        throw new NeuronStateError('The validator cannot step', this.state, 'Create a new Validator.')
      return this.#runStep()
    })
    this.#queue = run.catch(() => {})
    return run
  }

  async #runStep(): Promise<ValidatorStepReport> {
    const view = this.#view!
    const dendrite = this.#dendrite!
    const options = this.#options
    const step = ++this.#steps
    const times = [performance.now()]
    const stages: StepStage[] = ['resync', 'select', 'query', 'aggregate', 'score', 'setWeights']
    const watchdog = this.#watch(
      step,
      () => stages[times.length - 1]!,
      () => times.at(-1)!,
    )
    const mark = () => times.push(performance.now())
    try {
      return await this.#stepStages(step, view, dendrite, options, times, mark)
    } finally {
      clearInterval(watchdog)
    }
  }

  /** Warns and emits `stalled` while one stage of a step waits longer than stallWarningMs. */
  #watch(step: number, stage: () => StepStage, since: () => number): NodeJS.Timeout {
    const every = this.#stallWarningMs
    let warned = -1
    const timer = setInterval(
      () => {
        const waitingMs = Math.round(performance.now() - since())
        const current = stage()
        if (waitingMs < every || warned === Math.floor(waitingMs / every)) return
        warned = Math.floor(waitingMs / every)
        this.#log.warn(
          { step, stage: current, waitingMs },
          current === 'query'
            ? 'validator step waiting on the miners'
            : 'validator step waiting on the chain (RPC slow or down?)',
        )
        this.#events.emit('stalled', { step, stage: current, waitingMs })
      },
      Math.min(1_000, every / 4),
    )
    timer.unref()
    return timer
  }

  async #stepStages(
    step: number,
    view: SubnetView,
    dendrite: Dendrite,
    options: ValidatorOptions<S>,
    times: number[],
    mark: () => void,
  ): Promise<ValidatorStepReport> {
    await view.resync()
    const block = view.block
    const miners = activeMiners(view.miners, this.address)
    mark()
    const synapse = await options.task({ step, block })
    const selected =
      synapse === undefined ? [] : await selectStage(miners, this.#scores, options.selection, { step, block })
    mark()
    const answers = await queryStage(dendrite, selected, synapse as S, {
      timeoutMs: this.#timeoutMs,
      deadlineMs: this.#deadlineMs,
      concurrency: this.#concurrency,
      signal: this.#abort.signal,
      requireSigned: this.#requireSigned,
    })
    // Answers cut short by stop() say nothing about the miners: score nothing.
    if (this.#abort.signal.aborted) throw new ValidatorStoppedError()
    mark()
    const { responses, aggregation } = this.#aggregate(selected, answers)
    mark()
    const { round, scores } = this.#score(responses, aggregation, miners, this.#timeoutMs, 1)
    const weights = weightsStage(scores)
    mark()

    let weightsSet: ValidatorStepReport['weightsSet']
    let weightsSkipped: WeightsSkipReason | undefined
    const limit = weightsRateLimit(block, this.#lastWeightsBlock, this.#rateLimit)
    if (options.setWeights === false) weightsSkipped = 'disabled'
    else if (miners.length === 0) weightsSkipped = 'no-miners'
    else if (weights.length === 0) weightsSkipped = 'no-scores'
    else if (!limit.allowed) weightsSkipped = 'rate-limited'
    else {
      const tx = await this.#client.setWeights({ netuid: this.netuid, weights, account: this.#key.account })
      this.#lastWeightsBlock = tx.blockNumber
      weightsSet = { hash: tx.hash, blockNumber: tx.blockNumber }
      this.#events.emit('weights', { step, hash: tx.hash, blockNumber: tx.blockNumber, weights })
    }
    mark()

    const span = (i: number) => times[i + 1]! - times[i]!
    const report: ValidatorStepReport = {
      step,
      block,
      candidates: miners.length,
      selected: selected.map((c) => c.neuron.hotkey),
      responses,
      aggregation,
      roundScores: round,
      scores: { ...scores },
      weights,
      weightsSet,
      weightsSkipped,
      nextWeightsBlock:
        this.#lastWeightsBlock === undefined ? block : this.#lastWeightsBlock + this.#rateLimit,
      timings: {
        resync: span(0),
        select: span(1),
        query: span(2),
        aggregate: span(3),
        score: span(4),
        setWeights: span(5),
        total: times.at(-1)! - times[0]!,
      },
    }
    this.#log.debug(
      {
        step,
        block,
        selected: report.selected.length,
        consensus: aggregation.outcome,
        weightsSet: weightsSet?.hash,
        weightsSkipped,
        ms: Math.round(report.timings.total),
      },
      'validator step',
    )
    if (this.#options.stateFile) await this.#saveState()
    this.#events.emit('step', report)
    return report
  }

  /** aggregate: the answers as consensus sees them, grouped at the threshold. */
  #aggregate(
    selected: readonly MinerCandidate[],
    answers: readonly S[],
  ): { responses: MinerResponse<unknown>[]; aggregation: Aggregation<unknown> } {
    const options = this.#options
    const extract = options.result ?? ((answer: S) => answer.responseValues())
    const responses = toResponses(selected, answers, extract)
    const aggregation = aggregateResults(responses, {
      ...(options.consensus?.threshold !== undefined && { threshold: options.consensus.threshold }),
      failures: options.consensus?.failures ?? 'exclude',
      ...(options.consensus?.key !== undefined && { key: options.consensus.key }),
    })
    return { responses, aggregation }
  }

  /** score: one round into the moving average; `weight` scales its alpha (organic rounds). */
  #score(
    responses: readonly MinerResponse<unknown>[],
    aggregation: Aggregation<unknown>,
    miners: readonly { hotkey: Address }[],
    timeoutMs: number,
    weight: number,
  ) {
    const scoring = this.#options.scoring
    const alpha = Math.min(1, (scoring?.alpha ?? 0.1) * weight)
    const result = scoreStage(responses, aggregation, this.#scores, new Set(miners.map((m) => m.hotkey)), {
      timeoutMs,
      ...scoring,
      alpha,
    })
    this.#scores = result.scores
    return result
  }

  /**
   * A client's request (the gateway): the candidates (narrowed by a custom `selection`), the router's
   * pick (load, answer times, recent failures), the query within the client's deadline, the same
   * consensus, and the same scoring at `serve.organicWeight`. Only the miners' answers reach the scores.
   */
  async #organicRound(
    synapse: S,
    budget: { deadlineMs: number; signal: AbortSignal },
  ): Promise<OrganicRound> {
    await this.start()
    const view = this.#view!
    const miners = activeMiners(view.miners, this.address)
    const selection = this.#options.selection
    const candidates = await selectStage(
      miners,
      this.#scores,
      typeof selection === 'function' ? selection : 'all',
      {
        step: this.#steps,
        block: view.block,
      },
    )
    const timeoutMs = Math.min(this.#timeoutMs, budget.deadlineMs)
    const router = this.#router!
    const selected = router.pick(candidates, timeoutMs)
    const asked = selected.map((c) => c.neuron.hotkey)
    const signal = AbortSignal.any([this.#abort.signal, budget.signal])
    let responses: MinerResponse<unknown>[] = []
    try {
      const answers = await queryStage(this.#dendrite!, selected, synapse, {
        timeoutMs,
        deadlineMs: budget.deadlineMs,
        concurrency: this.#concurrency,
        signal,
        requireSigned: this.#requireSigned,
      })
      const aggregated = this.#aggregate(selected, answers)
      responses = aggregated.responses
      // A round cut short by the client or stop() says nothing about the miners.
      if (!signal.aborted && this.#organicWeight > 0 && selected.length > 0)
        this.#score(responses, aggregated.aggregation, miners, timeoutMs, this.#organicWeight)
      return { asked, answers, aggregation: aggregated.aggregation }
    } finally {
      // Cut short (or thrown): the miners are free again, but nothing was learnt of them.
      if (signal.aborted || responses.length === 0) router.release(asked)
      else router.done(responses, asked)
    }
  }

  #stateKey() {
    return { chainId: this.#client.chain.id, netuid: this.netuid, validator: this.address }
  }

  /** After each step: a failed save is logged, never fatal (the next step saves again). */
  async #saveState(): Promise<void> {
    try {
      await writeValidatorState(this.#options.stateFile!, {
        ...this.#stateKey(),
        scores: this.#scores,
        lastWeightsBlock: this.#lastWeightsBlock,
        steps: this.#steps,
      })
    } catch (err) {
      this.#log.warn({ err, file: this.#options.stateFile }, 'could not save the validator state')
    }
  }

  /**
   * Steps every `stepIntervalMs` (from the start of one step to the next) until stopped; a failing
   * step is logged and emitted as `error`, and the loop goes on. Resolves once stopped.
   */
  run(): Promise<void> {
    this.#running ??= (async () => {
      await this.start()
      while (this.state === 'started') {
        const began = performance.now()
        try {
          await this.step()
        } catch (err) {
          if (this.state !== 'started') break
          this.#log.warn({ err }, 'validator step failed; the next step follows')
          this.#events.emit('error', err as Error)
        }
        await sleep(this.#stepIntervalMs - (performance.now() - began), this.#abort.signal)
      }
    })()
    return this.#running
  }

  /**
   * Stops: cancels the query in progress (that step ends with ValidatorStoppedError and scores
   * nothing), lets a setWeights already sent finish, closes the dendrite. Idempotent.
   */
  stop(): Promise<void> {
    return this.#life.stop()
  }

  async #close(): Promise<void> {
    this.#abort.abort()
    await this.#queue
    await this.#running?.catch(() => {})
    // Clients' rounds finish (or are cut by the abort above) before the dendrite closes.
    await this.#gateway?.axon.stop()
    await this.#dendrite?.close()
  }

  /** Resolves once the validator has stopped (by stop(), a signal, or a failed start). */
  whenStopped(): Promise<void> {
    return this.#life.whenStopped()
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop()
  }

  toString(): string {
    return `Validator(${this.address}, subnet ${this.netuid}, ${this.state})`
  }
}

function latest(a: bigint | undefined, b: bigint | undefined): bigint | undefined {
  return a === undefined ? b : b === undefined || a > b ? a : b
}

/** Resolves after `ms` or as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })
}
