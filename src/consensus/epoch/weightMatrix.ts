import { ConsensusInputError } from '../errors.js'
import { type AddressKeyed, addressEntries, addressKey } from './participants.js'

/**
 * One validator's weights: destination → weight as an object or `Map`, or the `(dest, weight)[]` list
 * the `WeightsSet` event carries. Values are e.g. 0..1_000_000 (only their ratios within a row matter).
 */
export type WeightVector =
  | AddressKeyed<number | bigint>
  | readonly { readonly dest: string; readonly weight: number | bigint }[]

/** The dense weight matrix of an epoch and what was left out of it. */
export interface WeightMatrix {
  /** Row-major `rows × n`, each row normalised to sum 1 (all-zero rows stay 0). */
  weights: Float64Array
  ignoredRows: number
  ignoredEntries: number
}

function weightValue(value: unknown, validator: string, dest: string): number {
  if (typeof value === 'bigint' && value >= 0n) return Number(value)
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value
  throw new ConsensusInputError('Weights must be finite non-negative numbers or bigints.', {
    details: `${validator} → ${dest}: ${String(value)}`,
  })
}

/**
 * Lays each row validator's weight vector out on the sorted participants (columns by destination
 * address), dropping entries to unknown or inactive participants, then normalises each row (summed in
 * column order). `columnOf` maps both the given and the lowercase spelling of each address, so the
 * usual case needs no parsing; one destination named twice in a row is an error (whichever came last
 * would win). Maps and lists read several times faster than large plain objects.
 */
export function buildWeightMatrix(
  input: AddressKeyed<WeightVector>,
  rowOf: ReadonlyMap<string, number>,
  columnOf: ReadonlyMap<string, number>,
  active: readonly boolean[],
): WeightMatrix {
  const n = active.length
  const weights = new Float64Array(rowOf.size * n)
  const stamp = new Int32Array(n)
  let ignoredRows = 0
  let ignoredEntries = 0
  for (const [validator, vector] of addressEntries(input, 'weights')) {
    const r = rowOf.get(validator)
    if (r === undefined) {
      ignoredRows++
      continue
    }
    const base = r * n
    const mark = r + 1
    const visit = (dest: string, raw: unknown) => {
      let j = columnOf.get(dest)
      if (j === undefined) j = columnOf.get(addressKey(dest, `A destination in the weights of ${validator}`))
      const value = weightValue(raw, validator, dest)
      if (j === undefined) {
        ignoredEntries++
        return
      }
      if (stamp[j] === mark)
        throw new ConsensusInputError(
          `The weights of ${validator} name the same destination twice (different letter case).`,
          {
            details: dest.toLowerCase(),
          },
        )
      stamp[j] = mark
      if (!active[j]) {
        ignoredEntries++
        return
      }
      weights[base + j] = value
    }
    if (vector instanceof Map) for (const [dest, raw] of vector) visit(dest, raw)
    else if (Array.isArray(vector)) {
      for (const entry of vector as readonly { dest: string; weight: number | bigint }[]) {
        if (entry === null || typeof entry !== 'object')
          throw new ConsensusInputError(`The weights of ${validator} must be { dest, weight } entries.`)
        visit(entry.dest, entry.weight)
      }
    } else {
      const record = vector as Readonly<Record<string, number | bigint>>
      for (const dest of Object.keys(record)) visit(dest, record[dest])
    }
  }
  for (let r = 0; r < rowOf.size; r++) {
    const base = r * n
    let sum = 0
    for (let j = 0; j < n; j++) sum += weights[base + j]!
    if (sum > 0) for (let j = 0; j < n; j++) weights[base + j]! /= sum
  }
  return { weights, ignoredRows, ignoredEntries }
}
