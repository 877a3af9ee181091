/**
 * Stake-weighted kappa quantile of each column (docs/emission.md#epoch-consensus, step 2): sort the (weight,
 * stake share) pairs of the rows with stake by weight ascending (ties by row, so float sums never depend on
 * sort stability) and take the first weight at which the running stake reaches κ·Σstake. If rounding keeps
 * the running sum just below the target (κ = 1), the largest weight is taken. No staked rows → 0.
 *
 * @param weights row-major `rows × n`
 * @param stake stake share per row
 */
export function weightedQuantileColumns(
  weights: Float64Array,
  stake: Float64Array,
  rows: number,
  n: number,
  kappa: number,
): Float64Array {
  const consensus = new Float64Array(n)
  const staked: number[] = []
  let total = 0
  for (let r = 0; r < rows; r++) {
    if (stake[r]! > 0) {
      staked.push(r)
      total += stake[r]!
    }
  }
  const k = staked.length
  if (k === 0) return consensus
  const target = kappa * total

  // The staked rows transposed (column j is columns[j·k … j·k + k), in row order) for contiguous reads.
  const columns = new Float64Array(n * k)
  staked.forEach((r, m) => {
    const base = r * n
    for (let j = 0; j < n; j++) columns[j * k + m] = weights[base + j]!
  })
  const shares = Float64Array.from(staked, (r) => stake[r]!)

  // Scratch for a stable bottom-up merge sort of (value, position) — input is in row order, so ties stay by row.
  let vals = new Float64Array(k)
  let pos = new Int32Array(k)
  let vals2 = new Float64Array(k)
  let pos2 = new Int32Array(k)
  for (let j = 0; j < n; j++) {
    const base = j * k
    // Zero weights sort first as one block; sum it in row order as the sorted pass would.
    let acc = 0
    let nonZero = 0
    for (let m = 0; m < k; m++) {
      const w = columns[base + m]!
      if (w === 0) acc += shares[m]!
      else {
        vals[nonZero] = w
        pos[nonZero++] = m
      }
    }
    if (nonZero === 0 || (nonZero < k && acc >= target)) continue // consensus 0
    for (let size = 1; size < nonZero; size *= 2) {
      for (let lo = 0; lo < nonZero; lo += 2 * size) {
        const mid = Math.min(lo + size, nonZero)
        const hi = Math.min(lo + 2 * size, nonZero)
        let a = lo
        let b = mid
        let o = lo
        while (a < mid && b < hi) {
          if (vals[b]! < vals[a]!) {
            vals2[o] = vals[b]!
            pos2[o++] = pos[b++]!
          } else {
            vals2[o] = vals[a]!
            pos2[o++] = pos[a++]!
          }
        }
        while (a < mid) {
          vals2[o] = vals[a]!
          pos2[o++] = pos[a++]!
        }
        while (b < hi) {
          vals2[o] = vals[b]!
          pos2[o++] = pos[b++]!
        }
      }
      ;[vals, vals2] = [vals2, vals]
      ;[pos, pos2] = [pos2, pos]
    }
    let value = vals[nonZero - 1]!
    for (let m = 0; m < nonZero; m++) {
      acc += shares[pos[m]!]!
      if (acc >= target) {
        value = vals[m]!
        break
      }
    }
    consensus[j] = value
  }
  return consensus
}
