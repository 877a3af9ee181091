import { ConsensusInputError } from '../errors.js'
import { alignBonds, type BondsMatrix, NO_BONDS } from './bonds.js'
import { weightedQuantileColumns } from './consensus.js'
import { liquidAlpha } from './liquidAlpha.js'
import { KAPPA_MAX, resolveEpochParams, type YumaEpochParams } from './params.js'
import { type AddressKeyed, sortParticipants, type YumaParticipant } from './participants.js'
import { type PayoutMode, payoutEpoch } from './payout.js'
import { stakeWeightedBondsInPlace } from './stakeBonds.js'
import { buildWeightMatrix, type WeightVector } from './weightMatrix.js'

/**
 * How bonds are kept and who receives the dividends.
 * - `'receiver'` (the chain, docs/emission.md#epoch-consensus): bonds are an EMA of clipped weights alone and
 *   D_j = Σ_i B_ij, credited to the neuron the bonds point at.
 * - `'bondHolder'` (Yuma): bonds are an EMA of stake-weighted, column-normalised deltas
 *   ΔB_ij = s_i·W'_ij / Σ_k s_k·W'_kj (see `stakeWeightedBondsInPlace`) and D_i = Σ_j B_ij·I_j,
 *   credited to the validator holding the bonds, so dividends scale with the validator's stake.
 */
export type DividendsMode = 'receiver' | 'bondHolder'

/** Input of {@link yumaEpoch}. */
export interface YumaEpochInput {
  /** Every neuron of the subnet; any order (they are sorted by address). */
  participants: readonly YumaParticipant[]
  /** Each validator's last weight vector (validator → {@link WeightVector}); any key order. */
  weights: AddressKeyed<WeightVector>
  /** Bonds returned by the previous epoch ({@link NO_BONDS} or omitted at first). */
  previousBonds?: BondsMatrix
  params?: Partial<YumaEpochParams>
  /** P: the subnet's pending Alpha to pay out (wei). */
  pendingAlpha: bigint
  /** The subnet's pending owner cut, paid to the owner as is (wei). */
  ownerCut?: bigint
  /** Chain behaviour by default; see {@link DividendsMode} and {@link PayoutMode}. */
  rules?: { dividends?: DividendsMode; payout?: PayoutMode }
}

/** One participant's epoch outcome. */
export interface YumaParticipantResult {
  /** As given. */
  address: string
  stake: bigint
  isValidator: boolean
  active: boolean
  /** Share of the active validators' stake (the weight of its row); 0 for non-validators. */
  stakeShare: number
  /** C_j: stake-weighted kappa quantile of the weights it received. */
  consensus: number
  /** Normalised R_j = Σ_i W'_ij·s_i (before the ρ exponent). */
  rank: number
  /** Normalised incentive I_j (after the ρ exponent). */
  incentive: number
  /** Normalised dividends D̂_j. */
  dividends: number
  /** Alpha paid as incentive (wei). */
  incentiveAlpha: bigint
  /** Alpha paid from the validator pot, remainder unit included (wei). */
  dividendAlpha: bigint
  /** incentiveAlpha + dividendAlpha. */
  payout: bigint
}

/** Output of {@link yumaEpoch}. */
export interface YumaEpochResult {
  /** Sorted by lowercase address. */
  participants: YumaParticipantResult[]
  /** New bonds: rows = active validators, columns = all participants (sorted). */
  bonds: BondsMatrix
  /** Alpha minted to the subnet owner (= the owner cut given). */
  ownerPayout: bigint
  totals: {
    pendingAlpha: bigint
    /** V: P/2 if any incentive was paid, else P (chain); see {@link PayoutMode}. */
    validatorPot: bigint
    incentiveAlpha: bigint
    dividendAlpha: bigint
    /** Σ payout over participants. */
    participants: bigint
    /** participants + ownerPayout: everything to mint. */
    minted: bigint
  }
  /** Input that did not take part: weight rows of non-validators/inactive/unknown, entries to unknown/inactive. */
  ignored: { weightRows: number; weightEntries: number }
}

/**
 * One epoch of the chain's Yuma-like consensus and its payout (docs/emission.md#epoch-consensus,
 * #epoch-payout), pure and deterministic, with the chain's quirks fixed:
 * - participants are sorted by address and weight columns are indexed by destination address;
 * - weight rows are normalised to sum 1; only active validators' rows count and their stake shares
 *   s_i are taken over active validators (the chain spreads stake over miners' empty rows too, which
 *   drags a κ ≈ 0.5 quantile to 0);
 * - κ = kappa / 65535 (the chain reads it as 1.0);
 * - ρ = 0.5 uses a correctly rounded `Math.sqrt` (the chain's 10-step Newton iteration does not
 *   converge for small ranks);
 * - dividends are paid by exact integer proportions, so the single remainder pass always empties the pot.
 *
 * `rules` can go further than the chain: `'bondHolder'` dividends (Yuma's stake-weighted bonds, which
 * pay validators by stake and by how well they rated) and a `'conserving'` payout (exactly P).
 *
 * Float64 everywhere the chain uses floats, summed in a fixed order (rows, then columns, ascending), so
 * the result does not depend on input order. Amounts are bigint wei.
 */
export function yumaEpoch(input: YumaEpochInput): YumaEpochResult {
  const params = resolveEpochParams(input.params)
  const dividendsMode = input.rules?.dividends ?? 'receiver'
  const payoutMode = input.rules?.payout ?? 'chain'
  if (dividendsMode !== 'receiver' && dividendsMode !== 'bondHolder')
    throw new ConsensusInputError("rules.dividends must be 'receiver' or 'bondHolder'.", {
      details: String(dividendsMode),
    })
  if (payoutMode !== 'chain' && payoutMode !== 'conserving')
    throw new ConsensusInputError("rules.payout must be 'chain' or 'conserving'.", {
      details: String(payoutMode),
    })
  const pending = input.pendingAlpha
  const ownerCut = input.ownerCut ?? 0n
  if (typeof pending !== 'bigint' || pending < 0n || typeof ownerCut !== 'bigint' || ownerCut < 0n)
    throw new ConsensusInputError('pendingAlpha and ownerCut must be non-negative bigints (wei).', {
      details: `pendingAlpha ${String(pending)}, ownerCut ${String(ownerCut)}`,
    })

  const { sorted, keys } = sortParticipants(input.participants)
  const n = sorted.length
  const columnOf = new Map<string, number>()
  sorted.forEach((p, j) => {
    columnOf.set(keys[j]!, j)
    columnOf.set(p.address, j)
  })
  const active = sorted.map((p) => p.active)

  // Rows: active validators in address order.
  const rowParticipant: number[] = []
  sorted.forEach((p, j) => {
    if (p.active && p.isValidator) rowParticipant.push(j)
  })
  const rows = rowParticipant.length
  const rowOf = new Map(rowParticipant.map((j, r) => [keys[j]!, r]))

  // W: row-normalised weights; entries to unknown or inactive participants are dropped first.
  const { weights, ignoredRows, ignoredEntries } = buildWeightMatrix(input.weights, rowOf, columnOf, active)

  // s: stake share over active validators.
  const stake = new Float64Array(rows)
  let stakeSum = 0
  for (let r = 0; r < rows; r++) {
    stake[r] = Number(sorted[rowParticipant[r]!]!.stake)
    stakeSum += stake[r]!
  }
  for (let r = 0; r < rows; r++) stake[r] = stakeSum > 0 ? stake[r]! / stakeSum : 0

  const consensus = weightedQuantileColumns(weights, stake, rows, n, params.kappa / KAPPA_MAX)

  // Clip, bonds EMA and rank in one pass (rank summed per column in row order).
  const previous = alignBonds(
    input.previousBonds ?? NO_BONDS,
    rowParticipant.map((j) => keys[j]!),
    keys,
  )
  const bonds = new Float64Array(rows * n)
  const rank = new Float64Array(n)
  const lower = new Float64Array(n)
  const upper = new Float64Array(n)
  for (let j = 0; j < n; j++) {
    lower[j] = consensus[j]! - params.delta
    upper[j] = consensus[j]! + params.delta
  }
  const stakeBonds = dividendsMode === 'bondHolder'
  for (let r = 0; r < rows; r++) {
    const base = r * n
    const s = stake[r]!
    for (let j = 0; j < n; j++) {
      const w = weights[base + j]!
      const clipped = Math.min(Math.max(w, lower[j]!), upper[j]!)
      rank[j]! += clipped * s
      if (stakeBonds) {
        bonds[base + j] = s * clipped // ΔB, finished below
        continue
      }
      const prev = previous[base + j]!
      const a = params.liquidAlphaEnabled
        ? liquidAlpha(consensus[j]!, w, prev, params)
        : params.bondsMovingAverage
      bonds[base + j] = (1 - a) * prev + a * clipped
    }
  }
  if (stakeBonds) stakeWeightedBondsInPlace(bonds, previous, rows, n, params)

  // Incentive: normalise, raise to ρ, normalise, restrict to active.
  normalizeInPlace(rank)
  const incentive = Float64Array.from(rank)
  for (let j = 0; j < n; j++) {
    const x = incentive[j]!
    if (x > 0) incentive[j] = params.rho === 0.5 ? Math.sqrt(x) : params.rho === 1 ? x : x ** params.rho
  }
  normalizeInPlace(incentive)
  normalizeOverActive(incentive, active)

  const dividends = new Float64Array(n)
  if (dividendsMode === 'receiver') {
    for (let r = 0; r < rows; r++) for (let j = 0; j < n; j++) dividends[j]! += bonds[r * n + j]!
  } else {
    for (let r = 0; r < rows; r++) {
      let sum = 0
      for (let j = 0; j < n; j++) sum += bonds[r * n + j]! * incentive[j]!
      dividends[rowParticipant[r]!] = sum
    }
  }
  normalizeOverActive(dividends, active)

  const payout = payoutEpoch(incentive, dividends, active, pending, payoutMode)

  const rowShare = new Float64Array(n)
  for (let r = 0; r < rows; r++) rowShare[rowParticipant[r]!] = stake[r]!
  let totalIncentive = 0n
  let totalDividend = 0n
  const participants = sorted.map((p, j): YumaParticipantResult => {
    const incentiveAlpha = payout.incentiveAlpha[j]!
    const dividendAlpha = payout.dividendAlpha[j]!
    totalIncentive += incentiveAlpha
    totalDividend += dividendAlpha
    return {
      address: p.address,
      stake: p.stake,
      isValidator: p.isValidator,
      active: p.active,
      stakeShare: rowShare[j]!,
      consensus: consensus[j]!,
      rank: active[j] ? rank[j]! : 0,
      incentive: incentive[j]!,
      dividends: dividends[j]!,
      incentiveAlpha,
      dividendAlpha,
      payout: incentiveAlpha + dividendAlpha,
    }
  })
  const paid = totalIncentive + totalDividend
  return {
    participants,
    bonds: { rows: rowParticipant.map((j) => keys[j]!), columns: keys, values: bonds },
    ownerPayout: ownerCut,
    totals: {
      pendingAlpha: pending,
      validatorPot: payout.validatorPot,
      incentiveAlpha: totalIncentive,
      dividendAlpha: totalDividend,
      participants: paid,
      minted: paid + ownerCut,
    },
    ignored: { weightRows: ignoredRows, weightEntries: ignoredEntries },
  }
}

/** x / Σx (summed in index order); left as is when the sum is 0, like the chain's `normalize`. */
function normalizeInPlace(x: Float64Array): void {
  let sum = 0
  for (let j = 0; j < x.length; j++) sum += x[j]!
  if (sum === 0) return
  for (let j = 0; j < x.length; j++) x[j]! /= sum
}

/** x / Σ_active x on active entries, 0 elsewhere; all 0 when the active sum is 0 (the chain's normalizeDividends). */
function normalizeOverActive(x: Float64Array, active: readonly boolean[]): void {
  let sum = 0
  for (let j = 0; j < x.length; j++) if (active[j]) sum += x[j]!
  for (let j = 0; j < x.length; j++) x[j] = sum === 0 || !active[j] ? 0 : x[j]! / sum
}
