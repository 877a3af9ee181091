import { ConsensusInputError } from '../errors.js'

/** The chain's weight scale: 1_000_000 means 1.0. */
export const WEIGHT_SCALE = 1_000_000

// Scores are turned into integers of this many bits before the exact integer split.
const SCORE_BITS = 52n

/**
 * Scores → integer weights in 0..`scale` (default 1_000_000) proportional to the scores and summing
 * to exactly `scale` (0 when every score is 0): largest-remainder rounding done in exact integers, ties
 * to the earlier entry (array index, or sorted key for a record). Negative or non-finite scores are an
 * error. Scores below 2^-52 of the largest count as 0.
 */
export function normalizeWeights(scores: readonly number[], options?: { scale?: number }): number[]
export function normalizeWeights(
  scores: Readonly<Record<string, number>>,
  options?: { scale?: number },
): Record<string, number>
export function normalizeWeights(
  scores: readonly number[] | Readonly<Record<string, number>>,
  options: { scale?: number } = {},
): number[] | Record<string, number> {
  const scale = options.scale ?? WEIGHT_SCALE
  if (!Number.isSafeInteger(scale) || scale < 0)
    throw new ConsensusInputError('scale must be a non-negative safe integer.', {
      details: `scale = ${scale}`,
    })
  if (Array.isArray(scores)) return split(scores as readonly number[], scale, (i) => `[${i}]`)
  const record = scores as Readonly<Record<string, number>>
  const keys = Object.keys(record).sort()
  const weights = split(
    keys.map((k) => record[k]!),
    scale,
    (i) => keys[i]!,
  )
  const out: Record<string, number> = {}
  keys.forEach((k, i) => {
    out[k] = weights[i]!
  })
  return out
}

function split(values: readonly number[], scale: number, name: (i: number) => string): number[] {
  let max = 0
  values.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      throw new ConsensusInputError('Scores must be finite and non-negative.', {
        details: `${name(i)} = ${String(v)}`,
      })
    if (v > max) max = v
  })
  if (max === 0) return values.map(() => 0)
  const q = values.map((v) => BigInt(Math.round((v / max) * 2 ** Number(SCORE_BITS))))
  let total = 0n
  for (const x of q) total += x
  const S = BigInt(scale)
  const floors = q.map((x) => (x * S) / total)
  const remainders = q.map((x) => (x * S) % total)
  let left = S - floors.reduce((a, b) => a + b, 0n)
  const order = q
    .map((_, i) => i)
    .sort((a, b) => (remainders[b]! > remainders[a]! ? 1 : remainders[b]! < remainders[a]! ? -1 : a - b))
  for (const i of order) {
    if (left === 0n) break
    floors[i]! += 1n
    left -= 1n
  }
  return floors.map(Number)
}
