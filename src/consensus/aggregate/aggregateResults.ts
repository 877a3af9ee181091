import { ConsensusInputError } from '../errors.js'
import { canonicalResultKey } from './canonicalKey.js'

/** A miner's answer as the validator saw it. */
export interface MinerResponse<T = unknown> {
  /** Who answered (for scoring); the aggregation itself does not use it. */
  miner?: string
  /** The answer; compared with {@link canonicalResultKey} unless a `key` is given. */
  result?: T
  /** HTTP-like status; anything but 200 is a failure (absent = 200). */
  statusCode?: number
  /** Round-trip time, for scoring. */
  latencyMs?: number
}

/** Options of {@link aggregateResults}. */
export interface AggregateOptions<T> {
  /**
   * Share of the counted responses a group needs, in (0, 1]; default 2/3 (the Python SDK's README uses 0.67).
   */
  threshold?: number
  /** Identity of a result; equal keys = identical results. Default: {@link canonicalResultKey}. */
  key?: (result: T | undefined) => string
  /**
   * How failures count. `'abstain'` (default, as the Python SDK's README): they stay in the denominator, so
   * many failures prevent consensus. `'exclude'`: only successful responses are counted. Either way a failure
   * never forms or joins a group.
   */
  failures?: 'abstain' | 'exclude'
  /** Decides failure; default `statusCode !== undefined && statusCode !== 200`. */
  isFailure?: (response: MinerResponse<T>) => boolean
}

/** How one response relates to the outcome. `'undecided'`: it answered but there was no consensus. */
export type Agreement = 'agree' | 'disagree' | 'failed' | 'undecided'

/** Responses with identical results. */
export interface ResultGroup<T> {
  key: string
  /** The result of the group's first response (input order). */
  result: T | undefined
  count: number
  /** count / total. */
  share: number
  /** Positions in the input. */
  indices: number[]
}

/** Outcome of {@link aggregateResults}. */
export interface Aggregation<T> {
  reached: boolean
  /** Why: `'tie'` = two groups share the top count and both reach the threshold (possible below 1/2). */
  outcome: 'consensus' | 'empty' | 'all-failed' | 'no-majority' | 'tie'
  /** The consensus result (undefined without consensus). */
  result: T | undefined
  key: string | undefined
  /** Responses in the winning group (0 without consensus, as in the Python SDK's README). */
  count: number
  /** The denominator: all responses (`'abstain'`) or the successful ones (`'exclude'`). */
  total: number
  responded: number
  failed: number
  /** count / total when reached, else 0 (as in the Python SDK's README). */
  confidence: number
  /** Groups by count descending, then key ascending — independent of response order. */
  groups: ResultGroup<T>[]
  /** Per input response. */
  agreement: Agreement[]
}

const defaultIsFailure = (r: MinerResponse<unknown>) => r.statusCode !== undefined && r.statusCode !== 200

/**
 * The Python SDK's `validator_aggregate_results`, made deterministic (docs/python-sdk.md#result-aggregation):
 * group identical results, and declare consensus when the largest group holds at least `threshold` of the
 * counted responses. Differences from it: failed responses never vote (the Python version would group their
 * error texts), the winner does not depend on response order (a tie at the top is no consensus), and shares
 * within 1e-9 of the threshold count as reaching it (so 7 of 10 reaches 0.7 despite float rounding).
 */
export function aggregateResults<T>(
  responses: readonly MinerResponse<T>[],
  options: AggregateOptions<T> = {},
): Aggregation<T> {
  const threshold = options.threshold ?? 2 / 3
  if (!(threshold > 0 && threshold <= 1))
    throw new ConsensusInputError('Consensus threshold must be in (0, 1].', {
      details: `threshold = ${threshold}`,
    })
  const failuresMode = options.failures ?? 'abstain'
  if (failuresMode !== 'abstain' && failuresMode !== 'exclude')
    throw new ConsensusInputError("failures must be 'abstain' or 'exclude'.", {
      details: String(failuresMode),
    })
  const keyOf = options.key ?? canonicalResultKey
  const isFailure = (options.isFailure ?? defaultIsFailure) as (r: MinerResponse<T>) => boolean

  const failedAt: boolean[] = responses.map((r) => isFailure(r))
  const byKey = new Map<string, ResultGroup<T>>()
  responses.forEach((response, i) => {
    if (failedAt[i]) return
    const key = keyOf(response.result)
    if (typeof key !== 'string') throw new ConsensusInputError('The key function must return a string.')
    const group = byKey.get(key)
    if (group) {
      group.count++
      group.indices.push(i)
    } else byKey.set(key, { key, result: response.result, count: 1, share: 0, indices: [i] })
  })
  const failed = failedAt.filter(Boolean).length
  const responded = responses.length - failed
  const total = failuresMode === 'abstain' ? responses.length : responded
  const groups = [...byKey.values()].sort(
    (a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  )
  for (const g of groups) g.share = total > 0 ? g.count / total : 0

  const top = groups[0]
  const reaches = (count: number) => count >= threshold * total - 1e-9 * Math.max(1, total)
  let outcome: Aggregation<T>['outcome']
  if (responses.length === 0) outcome = 'empty'
  else if (!top) outcome = 'all-failed'
  else if (!reaches(top.count)) outcome = 'no-majority'
  else if (groups[1] && groups[1].count === top.count) outcome = 'tie'
  else outcome = 'consensus'
  const reached = outcome === 'consensus'

  const agreement: Agreement[] = responses.map((_, i) =>
    failedAt[i] ? 'failed' : !reached ? 'undecided' : 'disagree',
  )
  if (reached) for (const i of top!.indices) agreement[i] = 'agree'

  return {
    reached,
    outcome,
    result: reached ? top!.result : undefined,
    key: reached ? top!.key : undefined,
    count: reached ? top!.count : 0,
    total,
    responded,
    failed,
    confidence: reached ? top!.count / total : 0,
    groups,
    agreement,
  }
}
