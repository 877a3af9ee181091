/**
 * Stake-weighted kappa quantile of each column (spec 3.3 step 2): sort the (weight, stake share) pairs
 * of the rows with stake by weight ascending (ties by row, so float sums never depend on sort
 * stability) and take the first weight at which the running stake reaches κ·Σstake. If rounding keeps
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
  let total = 0
  let stakedRows = 0
  for (let r = 0; r < rows; r++) {
    if (stake[r]! > 0) {
      total += stake[r]!
      stakedRows++
    }
  }
  if (stakedRows === 0) return consensus
  const target = kappa * total

  // Column-wise lists of the staked rows with a non-zero weight (CSC); zero weights sort first as one block.
  const counts = new Int32Array(n + 1)
  for (let r = 0; r < rows; r++) {
    if (!(stake[r]! > 0)) continue
    const base = r * n
    for (let j = 0; j < n; j++) if (weights[base + j] !== 0) counts[j + 1]!++
  }
  for (let j = 0; j < n; j++) counts[j + 1]! += counts[j]!
  const members = new Int32Array(counts[n]!)
  const fill = counts.slice(0, n)
  for (let r = 0; r < rows; r++) {
    if (!(stake[r]! > 0)) continue
    const base = r * n
    for (let j = 0; j < n; j++) if (weights[base + j] !== 0) members[fill[j]!++] = r
  }

  // Scratch buffers for a stable merge sort of one column (members are in row order, so ties stay by row).
  const width = Math.max(1, stakedRows)
  let vals = new Float64Array(width)
  let idx = new Int32Array(width)
  let vals2 = new Float64Array(width)
  let idx2 = new Int32Array(width)
  for (let j = 0; j < n; j++) {
    const start = counts[j]!
    const end = counts[j + 1]!
    const zeroRows = stakedRows - (end - start)
    let acc = 0
    if (zeroRows > 0) {
      // The zero block, summed in row order as the sorted pass would.
      let m = start
      for (let r = 0; r < rows; r++) {
        if (!(stake[r]! > 0)) continue
        if (m < end && members[m] === r) {
          m++
          continue
        }
        acc += stake[r]!
      }
      if (acc >= target) continue // consensus 0
    }
    const k = end - start
    if (k === 0) continue
    for (let m = 0; m < k; m++) {
      const r = members[start + m]!
      idx[m] = r
      vals[m] = weights[r * n + j]!
    }
    for (let size = 1; size < k; size *= 2) {
      for (let lo = 0; lo < k; lo += 2 * size) {
        const mid = Math.min(lo + size, k)
        const hi = Math.min(lo + 2 * size, k)
        let a = lo
        let b = mid
        let o = lo
        while (a < mid && b < hi) {
          if (vals[b]! < vals[a]!) {
            vals2[o] = vals[b]!
            idx2[o++] = idx[b++]!
          } else {
            vals2[o] = vals[a]!
            idx2[o++] = idx[a++]!
          }
        }
        while (a < mid) {
          vals2[o] = vals[a]!
          idx2[o++] = idx[a++]!
        }
        while (b < hi) {
          vals2[o] = vals[b]!
          idx2[o++] = idx[b++]!
        }
      }
      ;[vals, vals2] = [vals2, vals]
      ;[idx, idx2] = [idx2, idx]
    }
    let value = vals[k - 1]!
    for (let m = 0; m < k; m++) {
      acc += stake[idx[m]!]!
      if (acc >= target) {
        value = vals[m]!
        break
      }
    }
    consensus[j] = value
  }
  return consensus
}
