import type { Aggregation, Agreement, MinerResponse } from '../aggregate/aggregateResults.js'
import { ConsensusInputError } from '../errors.js'

/** Relative importance of the three parts of a response's score. */
export interface ScoreWeights {
  /** Agreeing with the consensus (default 0.7). */
  correctness: number
  /** Answering fast, counted only in proportion to correctness (default 0.2). */
  latency: number
  /** Answering at all (default 0.1). */
  availability: number
}

/** Options of {@link scoreResponse} and {@link scoreRound}. */
export interface ScoreOptions {
  /** The query deadline; a latency of 0 scores 1, of `timeoutMs` or more scores 0. */
  timeoutMs: number
  weights?: Partial<ScoreWeights>
  /** Correctness credited when there was no consensus (default 0.5: neither rewarded nor punished). */
  undecidedCredit?: number
}

export const DEFAULT_SCORE_WEIGHTS: Readonly<ScoreWeights> = Object.freeze({
  correctness: 0.7,
  latency: 0.2,
  availability: 0.1,
})

function resolve(options: ScoreOptions) {
  const w = { ...DEFAULT_SCORE_WEIGHTS, ...options.weights }
  const undecided = options.undecidedCredit ?? 0.5
  for (const [name, v] of Object.entries(w))
    if (!Number.isFinite(v) || v < 0)
      throw new ConsensusInputError('Score weights must be finite and non-negative.', {
        details: `${name} = ${v}`,
      })
  const sum = w.correctness + w.latency + w.availability
  if (sum === 0) throw new ConsensusInputError('At least one score weight must be positive.')
  if (!(options.timeoutMs > 0) || !Number.isFinite(options.timeoutMs))
    throw new ConsensusInputError('timeoutMs must be a positive number.', {
      details: `timeoutMs = ${options.timeoutMs}`,
    })
  if (!(undecided >= 0 && undecided <= 1))
    throw new ConsensusInputError('undecidedCredit must be in [0, 1].', {
      details: `undecidedCredit = ${undecided}`,
    })
  return { w, sum, undecided, timeoutMs: options.timeoutMs }
}

/**
 * Score in [0, 1] of one response: `(availability + correctness·c + latency·c·speed) / Σweights`
 * where c is 1 (agree), 0 (disagree) or `undecidedCredit`, and speed = 1 − latency/timeout clamped to
 * [0, 1] (0 if unknown). A failure scores 0; a wrong answer earns only the availability part, so fast
 * wrong answers never beat slow right ones.
 */
export function scoreResponse(
  agreement: Agreement,
  latencyMs: number | undefined,
  options: ScoreOptions,
): number {
  const { w, sum, undecided, timeoutMs } = resolve(options)
  return score(agreement, latencyMs, w, sum, undecided, timeoutMs)
}

function score(
  agreement: Agreement,
  latencyMs: number | undefined,
  w: ScoreWeights,
  sum: number,
  undecided: number,
  timeoutMs: number,
): number {
  if (agreement === 'failed') return 0
  const c = agreement === 'agree' ? 1 : agreement === 'disagree' ? 0 : undecided
  const speed =
    latencyMs === undefined || !Number.isFinite(latencyMs)
      ? 0
      : Math.min(1, Math.max(0, 1 - latencyMs / timeoutMs))
  return (w.availability + w.correctness * c + w.latency * c * speed) / sum
}

/**
 * Scores of one validator step, per miner (responses without `miner` are skipped; a miner answering
 * several times gets the mean, summed in input order). Keys in sorted order.
 */
export function scoreRound<T>(
  responses: readonly MinerResponse<T>[],
  aggregation: Pick<Aggregation<T>, 'agreement'>,
  options: ScoreOptions,
): Record<string, number> {
  if (aggregation.agreement.length !== responses.length)
    throw new ConsensusInputError('The aggregation does not belong to these responses.', {
      details: `${responses.length} responses, ${aggregation.agreement.length} agreement entries`,
    })
  const { w, sum, undecided, timeoutMs } = resolve(options)
  const totals = new Map<string, { sum: number; count: number }>()
  responses.forEach((r, i) => {
    if (r.miner === undefined) return
    const s = score(aggregation.agreement[i]!, r.latencyMs, w, sum, undecided, timeoutMs)
    const t = totals.get(r.miner)
    if (t) {
      t.sum += s
      t.count++
    } else totals.set(r.miner, { sum: s, count: 1 })
  })
  const out: Record<string, number> = {}
  for (const key of [...totals.keys()].sort()) {
    const t = totals.get(key)!
    out[key] = t.sum / t.count
  }
  return out
}
