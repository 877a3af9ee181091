/**
 * A deliberately plain reference of `yumaEpoch`: the steps of docs/emission.md#epoch-consensus written one
 * after another on nested records keyed by address, arrays of pair objects and `Array.prototype.sort`, the
 * way a first transcription of the chain's Go code would look. Same semantics and the same summation orders,
 * so its floats and amounts equal `yumaEpoch`'s bit for bit; used by the bench (speed ratio) and by the tests
 * (cross-check). Not exported from the package.
 */

import { floatToWad } from '../../src/consensus/fixedPoint.js'
import type { YumaEpochInput, YumaEpochResult } from '../../src/consensus/index.js'
import { DEFAULT_EPOCH_PARAMS } from '../../src/consensus/index.js'

type Row = Record<string, number>

function entries<V>(
  m: Readonly<Record<string, V>> | ReadonlyMap<string, V> | readonly { dest: string; weight: V }[],
): [string, V][] {
  if (Array.isArray(m)) return m.map((e: { dest: string; weight: V }) => [e.dest, e.weight])
  return m instanceof Map ? [...m.entries()] : Object.entries(m as Record<string, V>)
}

export function naiveYumaEpoch(input: YumaEpochInput): YumaEpochResult {
  const p = { ...DEFAULT_EPOCH_PARAMS, ...input.params }
  const kappa = p.kappa / 65535
  const pending = input.pendingAlpha
  const ownerCut = input.ownerCut ?? 0n
  const dividendsMode = input.rules?.dividends ?? 'receiver'
  const payoutMode = input.rules?.payout ?? 'chain'

  const people = [...input.participants].sort((a, b) =>
    a.address.toLowerCase() < b.address.toLowerCase() ? -1 : 1,
  )
  const addrs = people.map((x) => x.address.toLowerCase())
  const isActive: Record<string, boolean> = {}
  for (const x of people) isActive[x.address.toLowerCase()] = x.active
  const validators = people.filter((x) => x.active && x.isValidator).map((x) => x.address.toLowerCase())

  // Weights W[v][dest], row-normalised.
  const W: Record<string, Row> = {}
  for (const v of validators) W[v] = {}
  for (const [v, vec] of entries(input.weights)) {
    const row = W[v.toLowerCase()]
    if (!row) continue
    for (const [dest, value] of entries(vec)) {
      if (isActive[dest.toLowerCase()]) row[dest.toLowerCase()] = Number(value)
    }
  }
  for (const v of validators) {
    let sum = 0
    for (const a of addrs) sum += W[v]![a] ?? 0
    if (sum > 0) for (const a of addrs) if (W[v]![a] !== undefined) W[v]![a] = W[v]![a]! / sum
  }

  // Stake shares.
  const S: Record<string, number> = {}
  let total = 0
  for (const v of validators) {
    S[v] = Number(people.find((x) => x.address.toLowerCase() === v)!.stake)
    total += S[v]!
  }
  for (const v of validators) S[v] = total > 0 ? S[v]! / total : 0

  // Consensus per column.
  const C: Record<string, number> = {}
  let stakeTotal = 0
  for (const v of validators) if (S[v]! > 0) stakeTotal += S[v]!
  for (const a of addrs) {
    const pairs = validators
      .map((v, r) => ({ w: W[v]![a] ?? 0, s: S[v]!, r }))
      .filter((x) => x.s > 0)
      .sort((x, y) => x.w - y.w || x.r - y.r)
    let value = pairs.length > 0 ? pairs[pairs.length - 1]!.w : 0
    let acc = 0
    for (const x of pairs) {
      acc += x.s
      if (acc >= kappa * stakeTotal) {
        value = x.w
        break
      }
    }
    C[a] = value
  }

  // Clipped weights, bonds, rank.
  const prevRows = input.previousBonds?.rows ?? []
  const prevCols = input.previousBonds?.columns ?? []
  const prev: Record<string, Row> = {}
  prevRows.forEach((v, r) => {
    prev[v] = {}
    prevCols.forEach((c, j) => {
      prev[v]![c] = input.previousBonds!.values[r * prevCols.length + j]!
    })
  })
  const B: Record<string, Row> = {}
  const R: Record<string, number> = {}
  for (const a of addrs) R[a] = 0
  const sigmoidAlpha = (d: number) => {
    const x = Math.min(Math.max(p.alphaSigmoidSteepness * (d - 0.5), -10), 10)
    const sig = x < -2 ? 0.1 : x > 2 ? 0.9 : 0.5 + x * 0.2
    return Math.min(Math.max(p.alphaLow + sig * (p.alphaHigh - p.alphaLow), p.alphaLow), p.alphaHigh)
  }
  for (const v of validators) {
    B[v] = {}
    for (const a of addrs) {
      const w = W[v]![a] ?? 0
      const clipped = Math.min(Math.max(w, C[a]! - p.delta), C[a]! + p.delta)
      R[a] = R[a]! + clipped * S[v]!
      if (dividendsMode === 'bondHolder') {
        B[v]![a] = S[v]! * clipped
        continue
      }
      const b = prev[v]?.[a] ?? 0
      let alpha = p.bondsMovingAverage
      if (p.liquidAlphaEnabled) {
        const d = w < b ? Math.min(Math.max(b - w, 0), 1) : Math.min(Math.max(w - C[a]!, 0), 1)
        alpha = sigmoidAlpha(d)
      }
      B[v]![a] = (1 - alpha) * b + alpha * clipped
    }
  }
  if (dividendsMode === 'bondHolder') {
    // Yuma: ΔB = s·W' normalised per column, EMA with one factor per column, normalised per column again.
    const columnNormalize = () => {
      for (const a of addrs) {
        let sum = 0
        for (const v of validators) sum += B[v]![a]!
        if (sum > 0) for (const v of validators) B[v]![a] = B[v]![a]! / sum
      }
    }
    columnNormalize()
    for (const a of addrs) {
      let alpha = p.bondsMovingAverage
      if (p.liquidAlphaEnabled) {
        let moved = 0
        for (const v of validators) moved += Math.abs(B[v]![a]! - (prev[v]?.[a] ?? 0))
        alpha = sigmoidAlpha(Math.min(Math.max(moved / 2, 0), 1))
      }
      for (const v of validators) B[v]![a] = (1 - alpha) * (prev[v]?.[a] ?? 0) + alpha * B[v]![a]!
    }
    columnNormalize()
  }

  const normalize = (x: Record<string, number>) => {
    let sum = 0
    for (const a of addrs) sum += x[a]!
    if (sum !== 0) for (const a of addrs) x[a] = x[a]! / sum
  }
  const normalizeActive = (x: Record<string, number>) => {
    let sum = 0
    for (const a of addrs) if (isActive[a]) sum += x[a]!
    for (const a of addrs) x[a] = sum === 0 || !isActive[a] ? 0 : x[a]! / sum
  }
  normalize(R)
  const I: Record<string, number> = { ...R }
  for (const a of addrs)
    if (I[a]! > 0) I[a] = p.rho === 0.5 ? Math.sqrt(I[a]!) : p.rho === 1 ? I[a]! : I[a]! ** p.rho
  normalize(I)
  normalizeActive(I)
  const D: Record<string, number> = {}
  for (const a of addrs) D[a] = 0
  for (const v of validators) {
    if (dividendsMode === 'receiver') for (const a of addrs) D[a] = D[a]! + B[v]![a]!
    else {
      let sum = 0
      for (const a of addrs) sum += B[v]![a]! * I[a]!
      D[v] = sum
    }
  }
  normalizeActive(D)

  // Payout.
  const share = (w: Record<string, bigint>, pot: bigint, onlyWithShare = false) => {
    let t = 0n
    for (const a of addrs) t += w[a]!
    const out: Record<string, bigint> = {}
    for (const a of addrs) out[a] = t === 0n || pot === 0n ? 0n : (w[a]! * pot) / t
    if (t === 0n || pot === 0n) return out
    let rest = pot
    for (const a of addrs) rest -= out[a]!
    for (const a of addrs) {
      if (rest === 0n) break
      if (!isActive[a] || (onlyWithShare && w[a] === 0n)) continue
      out[a] = out[a]! + 1n
      rest -= 1n
    }
    return out
  }
  const iw: Record<string, bigint> = {}
  const dw: Record<string, bigint> = {}
  for (const a of addrs) {
    iw[a] = floatToWad(I[a]!)
    dw[a] = floatToWad(D[a]!)
  }
  let inc: Record<string, bigint>
  let div: Record<string, bigint>
  let pot: bigint
  if (payoutMode === 'chain') {
    inc = {}
    const dshare: Record<string, bigint> = {}
    let any = false
    for (const a of addrs) {
      inc[a] = (iw[a]! * pending) / 10n ** 18n
      dshare[a] = (dw[a]! * pending) / 10n ** 18n
      if (inc[a]! > 0n) any = true
    }
    pot = any ? pending / 2n : pending
    div = share(dshare, pot)
  } else {
    const anyI = addrs.some((a) => iw[a]! > 0n)
    const anyD = addrs.some((a) => dw[a]! > 0n)
    pot = anyD ? (anyI ? pending / 2n : pending) : 0n
    inc = share(iw, anyI ? pending - pot : 0n, true)
    div = share(dw, pot, true)
  }

  const stakeShare: Record<string, number> = {}
  for (const v of validators) stakeShare[v] = S[v]!
  let ti = 0n
  let td = 0n
  const participants = people.map((x) => {
    const a = x.address.toLowerCase()
    ti += inc[a]!
    td += div[a]!
    return {
      address: x.address,
      stake: x.stake,
      isValidator: x.isValidator,
      active: x.active,
      stakeShare: stakeShare[a] ?? 0,
      consensus: C[a]!,
      rank: isActive[a] ? R[a]! : 0,
      incentive: I[a]!,
      dividends: D[a]!,
      incentiveAlpha: inc[a]!,
      dividendAlpha: div[a]!,
      payout: inc[a]! + div[a]!,
    }
  })
  const values = new Float64Array(validators.length * addrs.length)
  validators.forEach((v, r) => {
    addrs.forEach((a, j) => {
      values[r * addrs.length + j] = B[v]![a]!
    })
  })
  return {
    participants,
    bonds: { rows: validators, columns: addrs, values },
    ownerPayout: ownerCut,
    totals: {
      pendingAlpha: pending,
      validatorPot: pot,
      incentiveAlpha: ti,
      dividendAlpha: td,
      participants: ti + td,
      minted: ti + td + ownerCut,
    },
    ignored: { weightRows: 0, weightEntries: 0 },
  }
}
