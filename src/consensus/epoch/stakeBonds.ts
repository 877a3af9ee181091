import { liquidAlphaOfMove } from './liquidAlpha.js'
import type { YumaEpochParams } from './params.js'

/**
 * Yuma's stake-weighted bonds, in place (the `'bondHolder'` dividends rule). On entry `bonds` holds the
 * bond deltas ΔB_ij = s_i·W'_ij (stake share times clipped weight); on return it holds the new bonds:
 *
 * 1. ΔB normalised per column over validators (Σ_i ΔB_ij = 1): validator i's share of the stake that
 *    weighted j this epoch;
 * 2. EMA with the previous bonds, B_ij = (1 − a_j)·B_ij + a_j·ΔB_ij;
 * 3. B normalised per column again (validators that left take their share with them).
 *
 * The EMA factor is the same for a whole column, so a column's bonds stay proportional to stake:
 * equal weights and twice the stake give twice the bond, hence twice the dividends Σ_j B_ij·I_j. With
 * liquid alpha it comes from how far the column's shares moved, d_j = ½·Σ_i |ΔB_ij − B_ij| (the chain's
 * per-entry factor would weigh validators of one column differently and break that proportion).
 * Columns nobody weighted keep their previous shares; columns with no bonds at all stay 0.
 * Sums run over rows in ascending order.
 *
 * @param bonds row-major `rows × n`, ΔB on entry
 * @param previous previous bonds on the same layout (shares per column, or 0)
 */
export function stakeWeightedBondsInPlace(
  bonds: Float64Array,
  previous: Float64Array,
  rows: number,
  n: number,
  params: Pick<
    YumaEpochParams,
    'liquidAlphaEnabled' | 'bondsMovingAverage' | 'alphaLow' | 'alphaHigh' | 'alphaSigmoidSteepness'
  >,
): void {
  const sum = new Float64Array(n)
  columnSums(bonds, rows, n, sum)
  divideColumns(bonds, rows, n, sum)

  const alpha = new Float64Array(n)
  if (params.liquidAlphaEnabled) {
    const moved = new Float64Array(n)
    for (let r = 0; r < rows; r++) {
      const base = r * n
      for (let j = 0; j < n; j++) moved[j]! += Math.abs(bonds[base + j]! - previous[base + j]!)
    }
    for (let j = 0; j < n; j++) alpha[j] = liquidAlphaOfMove(moved[j]! / 2, params)
  } else alpha.fill(params.bondsMovingAverage)

  for (let r = 0; r < rows; r++) {
    const base = r * n
    for (let j = 0; j < n; j++) {
      const a = alpha[j]!
      bonds[base + j] = (1 - a) * previous[base + j]! + a * bonds[base + j]!
    }
  }
  columnSums(bonds, rows, n, sum)
  divideColumns(bonds, rows, n, sum)
}

function columnSums(m: Float64Array, rows: number, n: number, out: Float64Array): void {
  out.fill(0)
  for (let r = 0; r < rows; r++) {
    const base = r * n
    for (let j = 0; j < n; j++) out[j]! += m[base + j]!
  }
}

/** m_ij / sum_j where sum_j > 0 (columns summing to 0 are all 0 already: entries are non-negative). */
function divideColumns(m: Float64Array, rows: number, n: number, sum: Float64Array): void {
  for (let r = 0; r < rows; r++) {
    const base = r * n
    for (let j = 0; j < n; j++) if (sum[j]! > 0) m[base + j]! /= sum[j]!
  }
}
