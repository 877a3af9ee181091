// A client's side of a validator gateway: find the subnet's validators that serve the task's
// synapse, ask the best one, and fail over to the next when it cannot answer.
import { InvalidArgumentError } from '../chain/errors/amount.js'
import { Dendrite } from '../dendrite/dendrite.js'
import type { DendriteOptions } from '../dendrite/types.js'
import { clientOf, type NeuronClient } from '../neuron/subnetView.js'
import { type ConsensusInfo, consensusSchema, withConsensus } from '../neuron/validator/gateway.js'
import type { AnySynapseClass, SynapseBase } from '../protocol/synapse.js'
import { type DiscoveredService, discoverServices } from './discoverServices.js'
import { type GatewayAttempt, GatewaysFailedError, NoGatewayError } from './errors.js'

export interface AskSubnetParameters {
  netuid: number
  /** The task: an instance of the synapse type the gateways serve (e.g. `new Synapse({ completion })`). */
  synapse: SynapseBase
  /** Signs the requests; default: a Dendrite on `hotkey` (or a fresh random key), closed after. */
  dendrite?: Dendrite
  /** Hotkey of the default dendrite (gateways may admit listed clients only). */
  hotkey?: DendriteOptions['hotkey']
  /** Time for the whole request, failovers included (ms, default 30 000). */
  timeoutMs?: number
  /** Most validators tried (default 3). */
  attempts?: number
  /** Skip discovery: these gateways, in this order (e.g. from {@link findGateways}). */
  gateways?: readonly DiscoveredService[]
  signal?: AbortSignal
}

/**
 * The subnet's answer. `ok`: the consensus answer and its evidence; `no-consensus`: the miners the
 * validator asked disagreed (an honest outcome: no answer is made up; ask again or elsewhere).
 */
export type AskSubnetResult<S extends SynapseBase = SynapseBase> =
  | {
      status: 'ok'
      answer: S
      consensus: ConsensusInfo
      validator: DiscoveredService
      attempts: GatewayAttempt[]
    }
  | { status: 'no-consensus'; message: string; validator: DiscoveredService; attempts: GatewayAttempt[] }

export type AskSubnetErrorType = NoGatewayError | GatewaysFailedError | InvalidArgumentError

/** 409 is the gateway's verdict (the miners disagree); anything else non-200 is worth the next validator. */
const NO_CONSENSUS = 409

/**
 * The validators of `netuid` whose axon answers `GET /` with the synapse, best first: by stake
 * (what the chain trusts them with), then by the probe's round-trip time.
 */
export async function findGateways(
  client: NeuronClient,
  { netuid, synapseName, timeoutMs = 2_000 }: { netuid: number; synapseName: string; timeoutMs?: number },
): Promise<DiscoveredService[]> {
  const found = await discoverServices(clientOf(client), {
    netuid,
    synapseName,
    role: 'validator',
    timeoutMs,
  })
  return found.sort((a, b) =>
    a.stake !== b.stake ? (b.stake > a.stake ? 1 : -1) : a.latencyMs - b.latencyMs,
  )
}

/**
 * Sends a task to the subnet through a validator's gateway (`new Validator({ serve })`), the
 * client's request of a collaboration round: the validator asks its miners and answers with their
 * consensus. Tries up to `attempts` validators in {@link findGateways} order, each with what is left
 * of `timeoutMs`; answers are checked against the validator's hotkey.
 *
 * @throws NoGatewayError no validator of the subnet serves the synapse.
 * @throws GatewaysFailedError every validator tried failed (each attempt's status and message).
 */
export async function askSubnet<S extends SynapseBase>(
  client: NeuronClient,
  parameters: AskSubnetParameters & { synapse: S },
): Promise<AskSubnetResult<S>> {
  const { netuid, synapse, timeoutMs = 30_000, attempts = 3, signal } = parameters
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw new InvalidArgumentError('timeoutMs', `${timeoutMs} is not a positive number of ms`)
  if (!Number.isInteger(attempts) || attempts < 1)
    throw new InvalidArgumentError('attempts', `${attempts} is not a positive integer`)
  const type = synapse.constructor as AnySynapseClass
  const name = type.definition.name
  const gateways =
    parameters.gateways ??
    (await findGateways(client, { netuid, synapseName: name, timeoutMs: Math.min(2_000, timeoutMs) }))
  if (gateways.length === 0) throw new NoGatewayError({ netuid, synapse: name })
  const dendrite =
    parameters.dendrite ?? new Dendrite(parameters.hotkey !== undefined ? { hotkey: parameters.hotkey } : {})
  const deadline = performance.now() + timeoutMs
  const tried: GatewayAttempt[] = []
  // The gateway's type carries the `consensus` response field; same name, request and body hash.
  const Ask = withConsensus(type)
  try {
    for (const validator of gateways.slice(0, attempts)) {
      const left = deadline - performance.now()
      if (left <= 0 || signal?.aborted) break
      const started = performance.now()
      const answer = await dendrite.query(validator.axon, new Ask(synapse.requestValues()), {
        timeout: left,
        verifyResponses: true,
        ...(signal && { signal }),
      })
      const attempt: GatewayAttempt = {
        validator: validator.hotkey,
        endpoint: validator.axon.endpoint,
        statusCode: answer.statusCode ?? 0,
        message: answer.statusMessage ?? '',
        latencyMs: Math.round(performance.now() - started),
      }
      tried.push(attempt)
      if (answer.statusCode === NO_CONSENSUS)
        return { status: 'no-consensus', message: attempt.message, validator, attempts: tried }
      if (answer.isSuccess) {
        const consensus = consensusSchema.safeParse(
          (answer as SynapseBase & { consensus?: unknown }).consensus,
        )
        if (consensus.success) {
          const plain = new type(synapse.requestValues()) as S
          const { consensus: _, ...fields } = answer.responseValues() as Record<string, unknown>
          Object.assign(plain, fields, { dendrite: answer.dendrite, axon: answer.axon })
          return {
            status: 'ok',
            answer: plain,
            consensus: consensus.data as ConsensusInfo,
            validator,
            attempts: tried,
          }
        }
        // A 200 without the evidence is not a gateway's answer: try the next validator.
        attempt.message = 'answered without a consensus report (not a validator gateway)'
      }
    }
  } finally {
    if (!parameters.dendrite) await dendrite.close()
  }
  throw new GatewaysFailedError({ netuid, synapse: name, attempts: tried, timeoutMs })
}
