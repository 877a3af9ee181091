import { ConsensusInputError } from '../errors.js'

/** Options of {@link updateScores}. */
export interface MovingAverageOptions {
  /** Weight of the new round, in (0, 1]; default 0.1. */
  alpha?: number
  /** Score assumed before a miner's first round (default 0, so newcomers earn their place). */
  initial?: number
}

/**
 * Exponential moving average of scores: `alpha·round + (1 − alpha)·previous` for every miner scored
 * this round; miners not queried this round keep their score (a queried miner that failed scored 0 and
 * so decays). Keys in sorted order, so the result never depends on insertion order.
 */
export function updateScores(
  previous: Readonly<Record<string, number>>,
  round: Readonly<Record<string, number>>,
  options: MovingAverageOptions = {},
): Record<string, number> {
  const alpha = options.alpha ?? 0.1
  const initial = options.initial ?? 0
  if (!(alpha > 0 && alpha <= 1))
    throw new ConsensusInputError('Moving-average alpha must be in (0, 1].', { details: `alpha = ${alpha}` })
  if (!Number.isFinite(initial))
    throw new ConsensusInputError('initial must be finite.', { details: `initial = ${initial}` })
  const check = (where: string, key: string, v: number) => {
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new ConsensusInputError('Scores must be finite numbers.', {
        details: `${where}[${key}] = ${String(v)}`,
      })
  }
  const keys = [...new Set([...Object.keys(previous), ...Object.keys(round)])].sort()
  const out: Record<string, number> = {}
  for (const key of keys) {
    const prev = Object.hasOwn(previous, key) ? previous[key]! : undefined
    if (prev !== undefined) check('previous', key, prev)
    if (!Object.hasOwn(round, key)) {
      out[key] = prev!
      continue
    }
    const now = round[key]!
    check('round', key, now)
    out[key] = alpha * now + (1 - alpha) * (prev ?? initial)
  }
  return out
}
