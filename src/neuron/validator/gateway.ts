// A validator's client endpoint: an Axon on its hotkey that answers each client request with the
// consensus of the miners it asks (ARCHITECTURE path 2, driven by a client instead of the step timer).
import type { Address } from 'viem'
import { z } from 'zod'
import { Axon } from '../../axon/axon.js'
import { ForwardError } from '../../axon/rejection.js'
import type { AxonOptions, ForwardContext } from '../../axon/types.js'
import type { Aggregation } from '../../consensus/aggregate/aggregateResults.js'
import { type AnySynapseClass, defineSynapse, Synapse, type SynapseBase } from '../../protocol/synapse.js'
import { NeuronOptionError } from '../errors.js'
import { type ClientLimitOptions, ClientLimits } from './clientLimits.js'
import type { RoutingOptions } from './minerRouter.js'

/** Options of `new Validator({ serve })`: the validator also answers clients. */
export interface GatewayOptions {
  /** Port of the client endpoint (0 = a free one). */
  port: number
  /** Interface to bind (default 0.0.0.0). */
  ip?: string
  /** Address announced on chain and in the axon's info (default: the bound one). */
  externalIp?: string
  /**
   * Synapse types clients may send (default: the default `Synapse`). Each is served at its own
   * route with a `consensus` response field added (see {@link withConsensus}).
   */
  synapses?: readonly AnySynapseClass[]
  /** Per client (verified hotkey): requests in flight and rate (429 beyond); fewer in flight go first. */
  perClient?: ClientLimitOptions
  /** Client requests handled at once (default 8). */
  concurrency?: number
  /** Client requests waiting beyond those (default 32); more get 503. */
  queue?: number
  /** Who may ask, by verified hotkey; false answers 403 before any miner is asked. Default: everyone. */
  allow?: (hotkey: Address) => boolean
  /** How the miners of each request are picked (count, failure cooldown, stake/score weights). */
  routing?: RoutingOptions
  /** Weight of an organic round in the scores, relative to a step (default 1; 0 = not scored). */
  organicWeight?: number
  /** Other options of the gateway's Axon. */
  axon?: Omit<AxonOptions, 'hotkey' | 'wallet' | 'port' | 'ip' | 'externalIp' | 'maxWorkers' | 'maxQueue'>
}

/** How a client request ended. Anything but 'ok' comes with a non-200 status and no answer. */
export type ConsensusStatus = 'ok' | 'no-consensus' | 'no-miners' | 'timeout'

/** What the client gets beside the answer: enough to judge it. */
export const consensusSchema = z.object({
  status: z.enum(['ok', 'no-consensus', 'no-miners', 'timeout']),
  /** Share of the counted answers that agree with the result (0 without consensus). */
  agreement: z.number(),
  asked: z.array(z.string()),
  answered: z.array(z.string()),
  agreeing: z.array(z.string()),
  latencyMs: z.number(),
})
export type ConsensusInfo = Omit<z.output<typeof consensusSchema>, 'asked' | 'answered' | 'agreeing'> & {
  asked: Address[]
  answered: Address[]
  agreeing: Address[]
}

/** HTTP status of each outcome: 503 nobody to ask or answering, 504 deadline, 409 disagreement. */
export const CONSENSUS_HTTP_STATUS: Record<ConsensusStatus, number> = {
  ok: 200,
  'no-consensus': 409,
  'no-miners': 503,
  timeout: 504,
}

const extended = new WeakMap<AnySynapseClass, AnySynapseClass>()

/**
 * The synapse type a gateway serves and its clients send: same name, request and body hash as
 * `synapse`, plus an optional `consensus` response field. A client that sends the plain type gets
 * the answer fields only.
 */
export function withConsensus<C extends AnySynapseClass>(synapse: C): AnySynapseClass {
  let cls = extended.get(synapse)
  if (!cls) {
    const def = synapse.definition
    cls = defineSynapse({
      name: def.name,
      request: def.request,
      response: def.response.extend({ consensus: consensusSchema.optional() }),
      hashFields: def.hashFields as never,
    }) as AnySynapseClass
    extended.set(synapse, cls)
  }
  return cls
}

/** One organic round as the validator ran it. */
export interface OrganicRound {
  asked: Address[]
  /** The miners' answers, one per asked miner (same order). */
  answers: SynapseBase[]
  aggregation: Aggregation<unknown>
}

export type RunOrganicRound = (
  synapse: SynapseBase,
  budget: { deadlineMs: number; signal: AbortSignal },
) => Promise<OrganicRound>

/** Time kept back from the client's timeout to aggregate and answer before it gives up (ms). */
const ANSWER_MARGIN_MS = 150
const DEFAULT_CLIENT_TIMEOUT_MS = 12_000

/** The gateway: an Axon whose handler runs an organic round and answers with its consensus. */
export class ValidatorGateway {
  readonly axon: Axon
  readonly #round: RunOrganicRound
  readonly #onRound: (info: ConsensusInfo) => void

  constructor(
    options: GatewayOptions,
    protocol: Pick<AxonOptions, 'hotkey'>,
    round: RunOrganicRound,
    onRound: (info: ConsensusInfo) => void,
  ) {
    const concurrency = options.concurrency ?? 8
    const queue = options.queue ?? 32
    if (!Number.isInteger(concurrency) || concurrency < 1)
      throw new NeuronOptionError('serve.concurrency', `must be a positive integer (got ${concurrency})`)
    if (!Number.isInteger(queue) || queue < 0)
      throw new NeuronOptionError('serve.queue', `must be an integer ≥ 0 (got ${queue})`)
    if (options.allow !== undefined && typeof options.allow !== 'function')
      throw new NeuronOptionError('serve.allow', 'must be a function of the hotkey')
    this.#round = round
    this.#onRound = onRound
    const allow = options.allow
    this.axon = new Axon({
      ...options.axon,
      ...protocol,
      port: options.port,
      ...(options.ip !== undefined && { ip: options.ip }),
      ...(options.externalIp !== undefined && { externalIp: options.externalIp }),
      maxWorkers: concurrency,
      maxQueue: queue,
      // Checked from the headers, before the signature, the body or any miner.
      ...(allow && {
        blacklist: (request) =>
          request.hotkey && allow(request.hotkey as Address)
            ? false
            : [true, 'not admitted by this validator (serve.allow)'],
      }),
    })
    const limits = new ClientLimits(options.perClient)
    for (const synapse of options.synapses ?? [Synapse]) {
      const served = withConsensus(synapse)
      this.axon.attach(
        served,
        ((request: SynapseBase, context: ForwardContext) =>
          limits.run(context.hotkey, () => this.#serve(synapse, request, context.signal))) as never,
        {
          verify: (_request, context) => limits.admit(context.hotkey),
          priority: (_request, context) => -limits.inFlight(context.hotkey),
        },
      )
    }
  }

  async #serve(task: AnySynapseClass, request: SynapseBase, signal: AbortSignal) {
    const started = performance.now()
    const deadlineMs = Math.max(1, (request.timeoutMs ?? DEFAULT_CLIENT_TIMEOUT_MS) - ANSWER_MARGIN_MS)
    // A fresh synapse of the task type: nothing of the client's terminal info goes to the miners.
    const synapse = new task(request.requestValues()) as SynapseBase
    const { asked, answers, aggregation } = await this.#round(synapse, { deadlineMs, signal })
    const answered = asked.filter((_, i) => answers[i]!.isSuccess)
    const agreeing = asked.filter((_, i) => aggregation.agreement[i] === 'agree')
    const status = statusOf(asked, answers, aggregation)
    const info: ConsensusInfo = {
      status,
      agreement: aggregation.confidence,
      asked,
      answered,
      agreeing,
      latencyMs: Math.round(performance.now() - started),
    }
    this.#onRound(info)
    if (status !== 'ok') throw new ForwardError(CONSENSUS_HTTP_STATUS[status], messageOf(info, aggregation))
    const winner = answers[aggregation.agreement.indexOf('agree')]!
    return { ...winner.responseValues(), consensus: info }
  }
}

function statusOf(
  asked: Address[],
  answers: SynapseBase[],
  aggregation: Aggregation<unknown>,
): ConsensusStatus {
  if (aggregation.reached) return 'ok'
  if (asked.length === 0) return 'no-miners'
  // 408: the validator stopped waiting; 504: the miner's axon gave up on its own handler first.
  if (aggregation.responded === 0)
    return answers.every((a) => a.statusCode === 408 || a.statusCode === 504) ? 'timeout' : 'no-miners'
  return 'no-consensus'
}

/** The message of a non-200: the status first, so a client can tell it from a transport error. */
function messageOf(info: ConsensusInfo, aggregation: Aggregation<unknown>): string {
  const counts = `asked ${info.asked.length}, answered ${info.answered.length}`
  switch (info.status) {
    case 'no-miners':
      return info.asked.length === 0
        ? 'no-miners: the subnet has no active miner to ask'
        : `no-miners: none of the miners asked gave an answer (${counts})`
    case 'timeout':
      return `timeout: no miner answered within the request's deadline (${counts}, ${info.latencyMs} ms)`
    default:
      return `no-consensus: the largest group of identical answers (${aggregation.groups[0]?.count ?? 0} of ${aggregation.total}) is below the threshold or tied (${aggregation.outcome}; ${counts})`
  }
}
