import { ConsensusInputError } from '../errors.js'
import { type AddressKeyed, addressEntries } from './participants.js'

/**
 * Bonds B[i][j] of validator i towards participant j (float64, as the chain stores them), dense and
 * row-major: `values[r * columns.length + c]`. Addresses are lowercase. An epoch's output is the next
 * epoch's input; participants may come and go in between (entries are matched by address).
 */
export interface BondsMatrix {
  readonly rows: readonly string[]
  readonly columns: readonly string[]
  readonly values: Float64Array
}

/** An empty matrix (no bonds yet). */
export const NO_BONDS: BondsMatrix = Object.freeze({ rows: [], columns: [], values: new Float64Array(0) })

/** Bonds as nested plain objects `{ [validator]: { [dest]: bond } }`, zeros left out (for JSON storage). */
export function bondsToRecord(bonds: BondsMatrix): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {}
  const n = bonds.columns.length
  bonds.rows.forEach((row, r) => {
    const entries: Record<string, number> = {}
    let any = false
    for (let c = 0; c < n; c++) {
      const v = bonds.values[r * n + c]!
      if (v !== 0) {
        entries[bonds.columns[c]!] = v
        any = true
      }
    }
    if (any) out[row] = entries
  })
  return out
}

/** The inverse of {@link bondsToRecord} (columns = every destination named, sorted). */
export function bondsFromRecord(record: AddressKeyed<AddressKeyed<number>>): BondsMatrix {
  const rowEntries = addressEntries(record, 'previous bonds').sort((a, b) => (a[0] < b[0] ? -1 : 1))
  const inner = rowEntries.map(([row, m]) => [row, addressEntries(m, `bonds of ${row}`)] as const)
  const columns = [...new Set(inner.flatMap(([, e]) => e.map(([k]) => k)))].sort()
  const index = new Map(columns.map((c, i) => [c, i]))
  const values = new Float64Array(rowEntries.length * columns.length)
  inner.forEach(([, entries], r) => {
    for (const [dest, v] of entries) values[r * columns.length + index.get(dest)!] = v
  })
  return { rows: rowEntries.map(([r]) => r), columns, values }
}

/**
 * Previous bonds laid out on this epoch's rows and columns (missing entries 0). Bonds of validators
 * or destinations no longer present are dropped, which resets them if they come back.
 */
export function alignBonds(
  previous: BondsMatrix,
  rows: readonly string[],
  columns: readonly string[],
): Float64Array {
  const out = new Float64Array(rows.length * columns.length)
  const prevN = previous.columns.length
  if (previous.values.length !== previous.rows.length * prevN)
    throw new ConsensusInputError('Previous bonds matrix has the wrong size.', {
      details: `${previous.rows.length} rows × ${prevN} columns but ${previous.values.length} values`,
    })
  for (let i = 0; i < previous.values.length; i++) {
    const v = previous.values[i]!
    if (!Number.isFinite(v) || v < 0)
      throw new ConsensusInputError('Previous bonds must be finite and non-negative.', {
        details: `value ${v}`,
      })
  }
  const n = columns.length
  const sameColumns = prevN === n && previous.columns.every((c, i) => c === columns[i])
  const columnMap = sameColumns ? undefined : new Map(columns.map((c, i) => [c, i]))
  const rowIndex = new Map(previous.rows.map((r, i) => [r, i]))
  rows.forEach((row, r) => {
    const p = rowIndex.get(row)
    if (p === undefined) return
    if (sameColumns) {
      out.set(previous.values.subarray(p * prevN, (p + 1) * prevN), r * n)
      return
    }
    for (let c = 0; c < prevN; c++) {
      const target = columnMap!.get(previous.columns[c]!)
      if (target !== undefined) out[r * n + target] = previous.values[p * prevN + c]!
    }
  })
  return out
}
