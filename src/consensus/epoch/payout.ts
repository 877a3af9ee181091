import { floatToWad, mulWadFloor } from '../fixedPoint.js'

/**
 * How the pending Alpha is paid out.
 * - `'chain'` (docs/emission.md#epoch-payout exactly): incentives `⌊I_j·P⌋` in full, plus a validator pot V
 *   (P/2 if any incentive, else P) shared by dividends — up to 1.5·P in total.
 * - `'conserving'`: the same split, but incentives come out of `P − V`, so participants receive exactly
 *   P whenever someone has incentive or dividends, and rounding remainders go only to participants with
 *   a share (a fix, not the chain's behaviour).
 */
export type PayoutMode = 'chain' | 'conserving'

/** Amounts of one epoch's payout, aligned with the sorted participants. */
export interface EpochPayout {
  incentiveAlpha: bigint[]
  dividendAlpha: bigint[]
  validatorPot: bigint
}

/**
 * `⌊weights_j · pot / Σweights⌋` each, then the rounding remainder one wei per eligible participant in
 * order (a single pass; the remainder is always smaller than the number of non-zero shares, so it
 * empties the pot whenever every participant with a share is eligible). The chain makes every
 * participant eligible, shares or not.
 */
export function proportionalShares(
  weights: readonly bigint[],
  pot: bigint,
  eligible: readonly boolean[],
): bigint[] {
  let total = 0n
  for (const w of weights) total += w
  const out = weights.map(() => 0n)
  if (total === 0n || pot === 0n) return out
  let paid = 0n
  weights.forEach((w, j) => {
    out[j] = (w * pot) / total
    paid += out[j]!
  })
  let remainder = pot - paid
  for (let j = 0; j < out.length && remainder > 0n; j++) {
    if (!eligible[j]) continue
    out[j]! += 1n
    remainder -= 1n
  }
  return out
}

/**
 * Pays pending Alpha P from normalised incentive and dividend vectors (docs/emission.md#epoch-payout). Floats
 * are turned into 18-decimal amounts as the chain does (exact decimal rounding, ties to even), then floored.
 */
export function payoutEpoch(
  incentive: Float64Array,
  dividends: Float64Array,
  active: readonly boolean[],
  pending: bigint,
  mode: PayoutMode,
): EpochPayout {
  const n = incentive.length
  const incentiveWad: bigint[] = new Array(n)
  const dividendWad: bigint[] = new Array(n)
  let anyIncentive = false
  let anyDividend = false
  for (let j = 0; j < n; j++) {
    incentiveWad[j] = floatToWad(incentive[j]!)
    dividendWad[j] = floatToWad(dividends[j]!)
  }

  if (mode === 'chain') {
    const incentiveAlpha = incentiveWad.map((w) => mulWadFloor(pending, w))
    const dividendShare = dividendWad.map((w) => mulWadFloor(pending, w))
    anyIncentive = incentiveAlpha.some((a) => a > 0n)
    const validatorPot = anyIncentive ? pending / 2n : pending
    const dividendAlpha = proportionalShares(dividendShare, validatorPot, active)
    return { incentiveAlpha, dividendAlpha, validatorPot }
  }

  anyIncentive = incentiveWad.some((w) => w > 0n)
  anyDividend = dividendWad.some((w) => w > 0n)
  const validatorPot = anyDividend ? (anyIncentive ? pending / 2n : pending) : 0n
  const incentivePot = anyIncentive ? pending - validatorPot : 0n
  return {
    incentiveAlpha: proportionalShares(
      incentiveWad,
      incentivePot,
      incentiveWad.map((w) => w > 0n),
    ),
    dividendAlpha: proportionalShares(
      dividendWad,
      validatorPot,
      dividendWad.map((w) => w > 0n),
    ),
    validatorPot,
  }
}
