// The stages of a validator step (ARCHITECTURE path 2), each a function with one job. The order lives in
// Validator.#runStep: resync → select → query → aggregate → score → weights → setWeights.
import type { Address } from 'viem'
import type { Aggregation, MinerResponse } from '../../consensus/aggregate/aggregateResults.js'
import { updateScores } from '../../consensus/scoring/movingAverage.js'
import { normalizeWeights } from '../../consensus/scoring/normalizeWeights.js'
import { type ScoreWeights, scoreRound } from '../../consensus/scoring/scoreResponse.js'
import type { Dendrite } from '../../dendrite/dendrite.js'
import type { MetagraphNeuron } from '../../metagraph/types.js'
import type { SynapseBase } from '../../protocol/synapse.js'
import { NeuronOptionError } from '../errors.js'
import type { MinerCandidate, SelectionOptions, SelectMinersFn } from './selectMiners.js'
import { selectMiners } from './selectMiners.js'

/**
 * select: the candidates with their measured scores, then the default or custom selection
 * (`'all'`: every candidate, for a client request that the router narrows).
 */
export async function selectStage(
  miners: readonly MetagraphNeuron[],
  scores: Readonly<Record<string, number>>,
  selection: SelectionOptions | SelectMinersFn | 'all' | undefined,
  context: { step: number; block: bigint },
): Promise<MinerCandidate[]> {
  const candidates = miners.map((neuron) => ({
    neuron,
    score: Object.hasOwn(scores, neuron.hotkey) ? scores[neuron.hotkey] : undefined,
  }))
  if (selection === 'all') return candidates
  if (typeof selection !== 'function') return selectMiners(candidates, selection)
  const chosen = await selection(candidates, context)
  // A custom selection may only narrow the candidates (each at most once).
  const allowed = new Set(candidates.map((c) => c.neuron.hotkey.toLowerCase()))
  const seen = new Set<string>()
  for (const c of chosen) {
    const key = c?.neuron?.hotkey?.toLowerCase()
    if (!key || !allowed.has(key) || seen.has(key))
      throw new NeuronOptionError(
        'selection',
        `returned ${key ? `${c.neuron.hotkey}, which is not an active miner or appears twice` : 'an entry that is not a candidate'}`,
        'Return a subset of the candidates the function was given.',
      )
    seen.add(key)
  }
  return [...chosen]
}

/** query: one fan-out to the selected miners with the per-call timeout, total deadline and concurrency. */
export function queryStage<S extends SynapseBase>(
  dendrite: Dendrite,
  selected: readonly MinerCandidate[],
  synapse: S,
  options: {
    timeoutMs: number
    deadlineMs: number
    concurrency: number
    signal: AbortSignal
    /** Per miner: must its 200 be signed by its hotkey (else 422), or only checked when signed. */
    requireSigned: (hotkey: string) => boolean
  },
): Promise<S[]> {
  if (selected.length === 0) return Promise.resolve([])
  return dendrite.query(
    selected.map((c) => c.neuron.axon),
    synapse,
    {
      timeout: options.timeoutMs,
      deadline: options.deadlineMs,
      concurrency: options.concurrency,
      signal: options.signal,
      verifyResponses: (hotkey) => (options.requireSigned(hotkey) ? true : 'if-signed'),
    },
  )
}

/** The answers as consensus sees them: result of each success, status and round-trip time of every one. */
export function toResponses<S extends SynapseBase>(
  selected: readonly MinerCandidate[],
  answers: readonly S[],
  extract: (answer: S) => unknown,
): MinerResponse<unknown>[] {
  return answers.map((answer, i) => {
    const miner: Address = selected[i]!.neuron.hotkey
    const seconds = answer.dendrite.processTime
    const latencyMs = seconds === undefined ? undefined : seconds * 1000
    const timing = latencyMs === undefined ? {} : { latencyMs }
    if (!answer.isSuccess) return { miner, statusCode: answer.statusCode ?? 500, ...timing }
    try {
      return { miner, result: extract(answer), statusCode: 200, ...timing }
    } catch {
      // The answer parsed but is not what the task expects: a malformed answer, not a vote.
      return { miner, statusCode: 422, ...timing }
    }
  })
}

/** score: this step's scores, the moving average over steps, forgetting miners no longer active. */
export function scoreStage(
  responses: readonly MinerResponse<unknown>[],
  aggregation: Pick<Aggregation<unknown>, 'agreement'>,
  previous: Readonly<Record<string, number>>,
  active: ReadonlySet<string>,
  options: {
    timeoutMs: number
    weights?: Partial<ScoreWeights> | undefined
    undecidedCredit?: number | undefined
    alpha?: number | undefined
    initial?: number | undefined
  },
): { round: Record<Address, number>; scores: Record<Address, number> } {
  const round = scoreRound(responses, aggregation, {
    timeoutMs: options.timeoutMs,
    ...(options.weights && { weights: options.weights }),
    ...(options.undecidedCredit !== undefined && { undecidedCredit: options.undecidedCredit }),
  })
  const updated = updateScores(previous, round, {
    ...(options.alpha !== undefined && { alpha: options.alpha }),
    ...(options.initial !== undefined && { initial: options.initial }),
  })
  const scores: Record<Address, number> = {}
  for (const [address, score] of Object.entries(updated))
    if (active.has(address)) scores[address as Address] = score
  return { round: round as Record<Address, number>, scores }
}

/** weights: scores → integers summing to 1 000 000; only positive entries, sorted by address. */
export function weightsStage(scores: Readonly<Record<string, number>>): { dest: Address; weight: number }[] {
  return Object.entries(normalizeWeights(scores))
    .filter(([, weight]) => weight > 0)
    .map(([dest, weight]) => ({ dest: dest as Address, weight }))
}
