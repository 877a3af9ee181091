import { describe, expect, it } from 'vitest'
import { naiveYumaEpoch } from '../../bench/consensus/_naiveYumaEpoch.js'
import {
  bondsFromRecord,
  bondsToRecord,
  ConsensusInputError,
  epochParamsFromHyperparams,
  liquidAlpha,
  type YumaEpochInput,
  type YumaEpochParams,
  type YumaParticipant,
  yumaEpoch,
} from '../../src/consensus/index.js'

// Addresses chosen so the sorted order is M1 < M2 < M3 < V1 < V2.
const M1 = '0x1000000000000000000000000000000000000001'
const M2 = '0x2000000000000000000000000000000000000002'
const M3 = '0x3000000000000000000000000000000000000003'
const V1 = '0xA00000000000000000000000000000000000000A'
const V2 = '0xB00000000000000000000000000000000000000B'

const plain: Partial<YumaEpochParams> = { rho: 1, delta: 1, liquidAlphaEnabled: false, bondsMovingAverage: 1 }

function participants(): YumaParticipant[] {
  return [
    { address: V2, stake: 300n, isValidator: true, active: true },
    { address: M3, stake: 10n, isValidator: false, active: true },
    { address: M1, stake: 10n, isValidator: false, active: true },
    { address: V1, stake: 100n, isValidator: true, active: true },
    { address: M2, stake: 10n, isValidator: false, active: true },
  ]
}

// V1: (0.5, 0.5, 0) on M1..M3; V2: (0.75, 0.25, 0). Raw scale 0..1e6 like the CLI.
const weights = {
  [V1]: { [M1]: 500_000, [M2]: 500_000 },
  [V2]: { [M1]: 750_000n, [M2]: 250_000n, [M3]: 0 },
}

function byAddress(result: ReturnType<typeof yumaEpoch>) {
  return Object.fromEntries(result.participants.map((p) => [p.address, p]))
}

describe('yumaEpoch: hand-computed case', () => {
  const input: YumaEpochInput = {
    participants: participants(),
    weights,
    params: plain,
    pendingAlpha: 1000n,
    ownerCut: 100n,
  }

  it('sorts participants by address and computes stake shares, consensus, rank, incentive, dividends', () => {
    const r = yumaEpoch(input)
    expect(r.participants.map((p) => p.address)).toEqual([M1, M2, M3, V1, V2])
    const p = byAddress(r)
    expect(p[V1]!.stakeShare).toBe(0.25)
    expect(p[V2]!.stakeShare).toBe(0.75)
    expect(p[M1]!.stakeShare).toBe(0)
    // κ = 32767/65535 ≈ 0.5: M1 pairs (0.5, .25), (0.75, .75) → 0.75; M2 (0.25, .75) first → 0.25.
    expect(p[M1]!.consensus).toBe(0.75)
    expect(p[M2]!.consensus).toBe(0.25)
    expect(p[M3]!.consensus).toBe(0)
    expect(p[V1]!.consensus).toBe(0)
    // R = W'ᵀs: M1 .5·.25 + .75·.75 = .6875, M2 .3125.
    expect(p[M1]!.rank).toBe(0.6875)
    expect(p[M2]!.rank).toBe(0.3125)
    expect(p[M1]!.incentive).toBe(0.6875) // ρ = 1
    expect(p[M2]!.incentive).toBe(0.3125)
    // D = column sums of B = W' (moving average 1): M1 1.25, M2 0.75 → .625, .375.
    expect(p[M1]!.dividends).toBe(0.625)
    expect(p[M2]!.dividends).toBe(0.375)
    expect(p[V1]!.dividends).toBe(0)
  })

  it('pays P as docs/emission.md#epoch-payout: full incentives plus a P/2 validator pot, remainder in address order', () => {
    const r = yumaEpoch(input)
    const p = byAddress(r)
    expect(p[M1]!.incentiveAlpha).toBe(687n) // ⌊.6875 · 1000⌋
    expect(p[M2]!.incentiveAlpha).toBe(312n)
    expect(r.totals.validatorPot).toBe(500n)
    // dividends 625 and 375 of P → 312.5 and 187.5 of 500 → 312 + 187, the 1 left goes to M1 (first address).
    expect(p[M1]!.dividendAlpha).toBe(313n)
    expect(p[M2]!.dividendAlpha).toBe(187n)
    expect(p[M1]!.payout).toBe(1000n)
    expect(p[M2]!.payout).toBe(499n)
    expect(p[V1]!.payout).toBe(0n)
    expect(r.ownerPayout).toBe(100n)
    expect(r.totals).toEqual({
      pendingAlpha: 1000n,
      validatorPot: 500n,
      incentiveAlpha: 999n,
      dividendAlpha: 500n,
      participants: 1499n,
      minted: 1599n,
    })
  })

  it("'conserving' payout: incentives from the other half, participants get exactly P", () => {
    const r = yumaEpoch({ ...input, rules: { payout: 'conserving' } })
    const p = byAddress(r)
    expect(p[M1]!.incentiveAlpha).toBe(344n) // 343.75 → 343, +1 remainder
    expect(p[M2]!.incentiveAlpha).toBe(156n)
    expect(p[M1]!.dividendAlpha).toBe(313n)
    expect(p[M2]!.dividendAlpha).toBe(187n)
    expect(r.totals.participants).toBe(1000n)
    expect(r.totals.minted).toBe(1100n)
  })

  it("'bondHolder' dividends go to the validators by Σ_j B_ij·I_j over stake-weighted bonds", () => {
    const r = yumaEpoch({ ...input, rules: { dividends: 'bondHolder' } })
    const p = byAddress(r)
    // ΔB = s·W' per column over validators: M1 (.25·.5, .75·.75) = (.125, .5625) / .6875 → (2/11, 9/11);
    // M2 (.125, .1875) / .3125 → (.4, .6). Moving average 1, so B = ΔB.
    const b = bondsToRecord(r.bonds)
    expect(b[V1.toLowerCase()]![M1.toLowerCase()]).toBeCloseTo(2 / 11, 15)
    expect(b[V2.toLowerCase()]![M1.toLowerCase()]).toBeCloseTo(9 / 11, 15)
    expect(b[V1.toLowerCase()]![M2.toLowerCase()]).toBeCloseTo(0.4, 15)
    expect(b[V2.toLowerCase()]![M2.toLowerCase()]).toBeCloseTo(0.6, 15)
    // D: V1 2/11·.6875 + .4·.3125 = .25; V2 9/11·.6875 + .6·.3125 = .75 — the stake shares.
    expect(p[V1]!.dividends).toBeCloseTo(0.25, 15)
    expect(p[V2]!.dividends).toBeCloseTo(0.75, 15)
    expect(p[M1]!.dividends).toBe(0)
    expect(p[V1]!.dividendAlpha).toBe(125n) // of the 500 pot
    expect(p[V2]!.dividendAlpha).toBe(375n)
    const c = byAddress(yumaEpoch({ ...input, rules: { dividends: 'bondHolder', payout: 'conserving' } }))
    expect(c[V1]!.dividendAlpha).toBe(125n)
    expect(c[V2]!.dividendAlpha).toBe(375n)
    expect(c[M1]!.dividendAlpha).toBe(0n)
  })

  it('ρ = 0.5 takes square roots of the ranks', () => {
    const r = yumaEpoch({ ...input, params: { ...plain, rho: 0.5 } })
    const p = byAddress(r)
    const a = Math.sqrt(0.6875)
    const b = Math.sqrt(0.3125)
    expect(p[M1]!.incentive).toBeCloseTo(a / (a + b), 15)
    expect(p[M2]!.incentive).toBeCloseTo(b / (a + b), 15)
  })

  it('κ = 65535 takes the largest weight, κ = 0 the smallest staked one', () => {
    const max = byAddress(yumaEpoch({ ...input, params: { ...plain, kappa: 65535 } }))
    expect(max[M1]!.consensus).toBe(0.75)
    expect(max[M2]!.consensus).toBe(0.5)
    const min = byAddress(yumaEpoch({ ...input, params: { ...plain, kappa: 0 } }))
    expect(min[M1]!.consensus).toBe(0.5)
    expect(min[M2]!.consensus).toBe(0.25)
  })

  it('clips weights to consensus ± δ', () => {
    const r = byAddress(yumaEpoch({ ...input, params: { ...plain, delta: 0.1 } }))
    // M1: C = .75, band [.65, .85]: V1 .5 → .65. M2: C = .25, band [.15, .35]: V1 .5 → .35.
    // R: M1 .65·.25 + .75·.75 = .725, M2 .35·.25 + .25·.75 = .275.
    expect(r[M1]!.rank).toBeCloseTo(0.725, 15)
    expect(r[M2]!.rank).toBeCloseTo(0.275, 15)
  })

  it('bonds are an EMA of clipped weights across epochs', () => {
    const params = { ...plain, bondsMovingAverage: 0.9 }
    const first = yumaEpoch({ ...input, params })
    const b1 = bondsToRecord(first.bonds)
    expect(b1[V1.toLowerCase()]![M1.toLowerCase()]).toBeCloseTo(0.45, 15)
    expect(b1[V2.toLowerCase()]![M1.toLowerCase()]).toBeCloseTo(0.675, 15)
    const second = yumaEpoch({ ...input, params, previousBonds: first.bonds })
    const b2 = bondsToRecord(second.bonds)
    expect(b2[V1.toLowerCase()]![M1.toLowerCase()]).toBeCloseTo(0.1 * 0.45 + 0.9 * 0.5, 15)
    // Bonds survive a round trip through a record (JSON storage), and a participant joining in between.
    const joined = [
      ...participants(),
      { address: `0x${'0'.repeat(39)}1`, stake: 5n, isValidator: false, active: true },
    ]
    const third = yumaEpoch({ ...input, params, participants: joined, previousBonds: bondsFromRecord(b2) })
    const b3 = bondsToRecord(third.bonds)
    expect(b3[V1.toLowerCase()]![M1.toLowerCase()]).toBeCloseTo(
      0.1 * b2[V1.toLowerCase()]![M1.toLowerCase()]! + 0.45,
      15,
    )
  })
})

describe("yumaEpoch: 'bondHolder' dividends scale with stake (Yuma's bonds)", () => {
  const bondHolder = { dividends: 'bondHolder', payout: 'conserving' } as const
  const twoValidators = (stake1: bigint, stake2: bigint): YumaParticipant[] => [
    { address: V1, stake: stake1, isValidator: true, active: true },
    { address: V2, stake: stake2, isValidator: true, active: true },
    { address: M1, stake: 10n, isValidator: false, active: true },
    { address: M2, stake: 10n, isValidator: false, active: true },
  ]
  const sameWeights = { [V1]: { [M1]: 1, [M2]: 3 }, [V2]: { [M1]: 1, [M2]: 3 } }
  // The hand-computed case above under 'bondHolder': B = ΔB, (2/11, 9/11) on M1 and (.4, .6) on M2.
  const firstEpoch = () =>
    yumaEpoch({ participants: participants(), weights, params: plain, pendingAlpha: 0n, rules: bondHolder })

  it('equal weights, twice the stake: twice the dividends, epoch after epoch (default params)', () => {
    const base = { participants: twoValidators(100n, 200n), weights: sameWeights, rules: bondHolder }
    const first = yumaEpoch({ ...base, pendingAlpha: 1200n })
    // ΔB = s·W' = (1/3, 2/3)·w_j in every column → B = (1/3, 2/3) → D_i = s_i·Σ_j I_j = s_i.
    const p = byAddress(first)
    expect(p[V1]!.dividends).toBeCloseTo(1 / 3, 15)
    expect(p[V2]!.dividends).toBeCloseTo(2 / 3, 15)
    expect(p[V1]!.dividendAlpha).toBe(200n) // the 600 pot, 1 : 2
    expect(p[V2]!.dividendAlpha).toBe(400n)
    // Liquid alpha (on by default) moves a whole column by one factor, so the proportion survives the EMA.
    const second = byAddress(yumaEpoch({ ...base, pendingAlpha: 1200n, previousBonds: first.bonds }))
    expect(second[V2]!.dividends).toBeCloseTo(2 * second[V1]!.dividends, 14)
    // The chain's rule ('receiver') credits the miners instead and ignores validator stake.
    const receiver = byAddress(yumaEpoch({ ...base, pendingAlpha: 1200n, rules: { dividends: 'receiver' } }))
    expect(receiver[V1]!.dividends).toBe(0)
    expect(receiver[M2]!.dividends).toBeCloseTo(0.75, 15)
  })

  it('bonds follow new weights by the EMA, per column', () => {
    const first = firstEpoch()
    // Epoch 2: V1 moves all its weight to M2; moving average .5.
    // ΔB: M1 (0, .5625) → (0, 1); M2 (.25, .1875) / .4375 → (4/7, 3/7).
    // B: M1 (.5·2/11, .5·9/11 + .5) = (1/11, 10/11); M2 (.5·.4 + .5·4/7, .5·.6 + .5·3/7) = (17/35, 18/35).
    const second = yumaEpoch({
      participants: participants(),
      weights: { [V1]: { [M2]: 1 }, [V2]: weights[V2] },
      params: { ...plain, bondsMovingAverage: 0.5 },
      previousBonds: first.bonds,
      pendingAlpha: 1000n,
      rules: bondHolder,
    })
    const b = bondsToRecord(second.bonds)
    expect(b[V1.toLowerCase()]![M1.toLowerCase()]).toBeCloseTo(1 / 11, 15)
    expect(b[V2.toLowerCase()]![M1.toLowerCase()]).toBeCloseTo(10 / 11, 15)
    expect(b[V1.toLowerCase()]![M2.toLowerCase()]).toBeCloseTo(17 / 35, 15)
    expect(b[V2.toLowerCase()]![M2.toLowerCase()]).toBeCloseTo(18 / 35, 15)
    // I (ρ = 1): M1 .75·.75 = .5625, M2 .25 + .1875 = .4375. D sums to 1 (columns sum to 1, Σ I = 1).
    const p = byAddress(second)
    expect(p[V1]!.dividends).toBeCloseTo((1 / 11) * 0.5625 + (17 / 35) * 0.4375, 15)
    expect(p[V2]!.dividends).toBeCloseTo((10 / 11) * 0.5625 + (18 / 35) * 0.4375, 15)
  })

  it('a validator that leaves takes its share with it: columns are normalised again', () => {
    const first = firstEpoch()
    const withoutV2 = participants().map((p) => (p.address === V2 ? { ...p, active: false } : p))
    const r = yumaEpoch({
      participants: withoutV2,
      weights: {},
      params: { ...plain, bondsMovingAverage: 0.5 },
      previousBonds: first.bonds,
      pendingAlpha: 0n,
      rules: bondHolder,
    })
    // Nobody weights anything now: V1's previous shares (2/11, .4) are scaled back to whole columns.
    const b = bondsToRecord(r.bonds)
    expect(b).toEqual({ [V1.toLowerCase()]: { [M1.toLowerCase()]: 1, [M2.toLowerCase()]: 1 } })
  })

  it('a single validator holds every bond it placed and takes the whole validator pot', () => {
    const ps: YumaParticipant[] = [
      { address: V1, stake: 5n, isValidator: true, active: true },
      { address: M1, stake: 0n, isValidator: false, active: true },
      { address: M2, stake: 0n, isValidator: false, active: true },
      { address: M3, stake: 0n, isValidator: false, active: true },
    ]
    const r = yumaEpoch({
      participants: ps,
      weights: { [V1]: { [M1]: 1, [M2]: 1 } },
      pendingAlpha: 1000n,
      rules: bondHolder,
    })
    expect(bondsToRecord(r.bonds)).toEqual({
      [V1.toLowerCase()]: { [M1.toLowerCase()]: 1, [M2.toLowerCase()]: 1 },
    })
    const p = byAddress(r)
    expect(p[V1]!.dividends).toBe(1)
    expect(p[V1]!.payout).toBe(500n)
    expect(p[M1]!.payout).toBe(250n)
    expect(p[M2]!.payout).toBe(250n)
    expect(p[M3]!.payout).toBe(0n)
  })

  it('no validator stake: no rank, no bonds, no dividends, nothing paid', () => {
    const r = yumaEpoch({
      participants: twoValidators(0n, 0n),
      weights: sameWeights,
      pendingAlpha: 1000n,
      rules: bondHolder,
    })
    expect([...r.bonds.values].every((v) => v === 0)).toBe(true)
    expect(r.participants.every((p) => p.incentive === 0 && p.dividends === 0 && p.payout === 0n)).toBe(true)
    expect(r.totals.participants).toBe(0n)
  })

  it('no weights: no bonds, no dividends, nothing paid', () => {
    const r = yumaEpoch({
      participants: twoValidators(100n, 200n),
      weights: {},
      pendingAlpha: 1000n,
      rules: bondHolder,
    })
    expect([...r.bonds.values].every((v) => v === 0)).toBe(true)
    expect(r.participants.every((p) => p.dividends === 0)).toBe(true)
    expect(r.totals.participants).toBe(0n)
  })
})

describe('epochParamsFromHyperparams', () => {
  it('reads rho as value / 10000 and kappa raw, zeros keeping the chain defaults', () => {
    expect(epochParamsFromHyperparams({ rho: 10, kappa: 32767 })).toMatchObject({
      rho: 0.001,
      kappa: 32767,
      delta: 1,
    })
    expect(epochParamsFromHyperparams({ rho: 0n, kappa: 0n })).toMatchObject({ rho: 0.5, kappa: 32767 })
    expect(epochParamsFromHyperparams({ rho: 20000, kappa: 65535 })).toMatchObject({ rho: 1, kappa: 65535 })
    expect(() => epochParamsFromHyperparams({ rho: 70000, kappa: 1 })).toThrow(ConsensusInputError)
  })
})

describe('liquid alpha (docs/emission.md#liquid-alpha)', () => {
  const p = { alphaLow: 0.1, alphaHigh: 0.9, alphaSigmoidSteepness: 10 }
  it('follows the piecewise sigmoid of how far the weight moved', () => {
    // w ≥ b: d = w − C = .4 → x = −1 → σ = .3 → .1 + .3·.8 = .34
    expect(liquidAlpha(0.5, 0.9, 0.2, p)).toBeCloseTo(0.34, 15)
    // w < b: d = b − w = .8 → x = 3 → σ = .9 → .82
    expect(liquidAlpha(0.5, 0.1, 0.9, p)).toBeCloseTo(0.82, 15)
    // no move: d = 0 → x = −5 → σ = .1 → .18
    expect(liquidAlpha(0.5, 0.5, 0.5, p)).toBeCloseTo(0.18, 15)
  })
})

describe('yumaEpoch: edge cases', () => {
  it('no participants: only the owner is paid', () => {
    const r = yumaEpoch({ participants: [], weights: {}, pendingAlpha: 1000n, ownerCut: 7n })
    expect(r.participants).toEqual([])
    expect(r.totals.minted).toBe(7n)
    expect(r.totals.validatorPot).toBe(1000n)
  })

  it('no weights: no incentive, no dividends, nothing to participants', () => {
    const r = yumaEpoch({ participants: participants(), weights: {}, pendingAlpha: 1000n })
    expect(r.totals.participants).toBe(0n)
    expect(r.participants.every((p) => p.incentive === 0 && p.dividends === 0)).toBe(true)
  })

  it('inactive participants and non-validators do not count and get nothing', () => {
    const ps = participants().map((p) => (p.address === M2 ? { ...p, active: false } : p))
    const w = { ...weights, [M1]: { [M3]: 1 } } // a miner's weights are ignored
    const r = yumaEpoch({ participants: ps, weights: w, params: plain, pendingAlpha: 1000n })
    const p = byAddress(r)
    expect(r.ignored).toEqual({ weightRows: 1, weightEntries: 2 }) // M1's row; V1→M2 and V2→M2
    expect(p[M2]!.payout).toBe(0n)
    expect(p[M2]!.incentive).toBe(0)
    expect(p[M1]!.incentive).toBe(1) // both validators' rows now point only at M1
    expect(p[M3]!.incentive).toBe(0)
    expect(r.bonds.rows).toEqual([V1.toLowerCase(), V2.toLowerCase()])
  })

  it('an inactive validator holds no bonds and does not vote', () => {
    const ps = participants().map((p) => (p.address === V2 ? { ...p, active: false } : p))
    const r = yumaEpoch({ participants: ps, weights, params: plain, pendingAlpha: 1000n })
    expect(r.bonds.rows).toEqual([V1.toLowerCase()])
    expect(byAddress(r)[M1]!.incentive).toBe(0.5)
  })

  it('accepts Maps and any letter case, and rejects ambiguous or bad input', () => {
    const asMap = new Map([[V1.toLowerCase(), new Map([[M1.toUpperCase().replace('0X', '0x'), 1]])]])
    const r = yumaEpoch({ participants: participants(), weights: asMap, params: plain, pendingAlpha: 10n })
    expect(byAddress(r)[M1]!.incentive).toBe(1)
    // The (dest, weight)[] list of the WeightsSet event gives the same result as an object.
    const asList = {
      [V1]: [
        { dest: M1, weight: 500_000n },
        { dest: M2, weight: 500_000n },
      ],
      [V2]: [
        { dest: M2, weight: 250_000n },
        { dest: M1, weight: 750_000n },
      ],
    }
    const base = { participants: participants(), params: plain, pendingAlpha: 1000n }
    expect(yumaEpoch({ ...base, weights: asList })).toEqual(yumaEpoch({ ...base, weights }))

    const bad = (patch: Partial<YumaEpochInput>) => () =>
      yumaEpoch({ participants: participants(), weights, pendingAlpha: 1n, ...patch })
    expect(bad({ weights: { [V1]: { [M1]: 1 }, [V1.toLowerCase()]: { [M2]: 1 } } })).toThrow(
      ConsensusInputError,
    )
    expect(bad({ weights: { [V1]: { [M1]: -1 } } })).toThrow(ConsensusInputError)
    expect(bad({ weights: { [V1]: { [V2]: 1, [V2.toLowerCase()]: 2 } } })).toThrow(/twice/)
    expect(
      bad({
        weights: {
          [V1]: [
            { dest: M1, weight: 1 },
            { dest: M1, weight: 2 },
          ],
        },
      }),
    ).toThrow(/twice/)
    expect(bad({ weights: { [V1]: { [M1]: Number.NaN } } })).toThrow(ConsensusInputError)
    expect(bad({ weights: { [V1]: { '0x12': 1 } } })).toThrow(ConsensusInputError)
    expect(
      bad({
        participants: [
          ...participants(),
          { address: M1.toLowerCase(), stake: 1n, isValidator: false, active: true },
        ],
      }),
    ).toThrow(/twice/)
    expect(bad({ participants: [{ address: M1, stake: -1n, isValidator: false, active: true }] })).toThrow(
      ConsensusInputError,
    )
    expect(bad({ params: { kappa: 70000 } })).toThrow(/uint16/)
    expect(bad({ params: { kappa: 0.5 } })).toThrow(ConsensusInputError)
    expect(bad({ params: { rho: 2 } })).toThrow(ConsensusInputError)
    expect(bad({ params: { alphaLow: 0.9, alphaHigh: 0.1 } })).toThrow(ConsensusInputError)
    expect(bad({ pendingAlpha: -1n })).toThrow(ConsensusInputError)
    expect(bad({ previousBonds: { rows: ['a'], columns: [], values: new Float64Array(3) } })).toThrow(/size/)
  })
})

// ---------- property-style checks with a seeded generator ----------

function rng(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function randomInput(seed: number): YumaEpochInput {
  const rand = rng(seed)
  const n = 2 + Math.floor(rand() * 30)
  const ps: YumaParticipant[] = []
  for (let i = 0; i < n; i++) {
    const hex = Math.floor(rand() * 2 ** 48)
      .toString(16)
      .padStart(40, String(i % 10))
    ps.push({
      address: `0x${rand() < 0.5 ? hex.toUpperCase() : hex}`,
      stake: BigInt(Math.floor(rand() * 1e6)) * 10n ** 15n,
      isValidator: rand() < 0.3,
      active: rand() < 0.9,
    })
  }
  const w: Record<string, Record<string, number>> = {}
  for (const v of ps.filter((p) => p.isValidator)) {
    const row: Record<string, number> = {}
    for (const p of ps) if (rand() < 0.6) row[p.address] = Math.floor(rand() * 1_000_000)
    w[v.address] = row
  }
  return {
    participants: ps,
    weights: w,
    pendingAlpha: BigInt(Math.floor(rand() * 1e9)) * 10n ** 11n + BigInt(Math.floor(rand() * 1000)),
    ownerCut: BigInt(Math.floor(rand() * 1e6)),
    params: {
      kappa: Math.floor(rand() * 65536),
      rho: [0.5, 1, 0.001, rand()][Math.floor(rand() * 4)]!,
      delta: rand() < 0.5 ? 1 : rand() * 0.5,
      liquidAlphaEnabled: rand() < 0.5,
    },
  }
}

function shuffled<T>(xs: readonly T[], rand: () => number): T[] {
  const out = [...xs]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

describe('yumaEpoch: properties over random subnets', () => {
  const seeds = Array.from({ length: 60 }, (_, i) => i + 1)

  it('payout sums are as specified (chain and conserving)', () => {
    for (const seed of seeds) {
      const input = randomInput(seed)
      const n = BigInt(input.participants.length)
      const chain = yumaEpoch(input)
      const P = input.pendingAlpha
      const sum = (f: (p: (typeof chain.participants)[number]) => bigint) =>
        chain.participants.reduce((a, p) => a + f(p), 0n)
      expect(sum((p) => p.payout)).toBe(chain.totals.participants)
      expect(chain.totals.minted).toBe(chain.totals.participants + input.ownerCut!)
      // Incentives are ⌊I_j·P⌋ with Σ I_j = 1 up to float rounding (a few ulps per participant), as on the chain.
      expect(sum((p) => p.incentiveAlpha)).toBeLessThanOrEqual(P + (n * P) / 10n ** 15n + n)
      const anyDividend = chain.participants.some((p) => p.dividends > 0)
      expect(sum((p) => p.dividendAlpha)).toBe(anyDividend ? chain.totals.validatorPot : 0n)
      expect(chain.totals.validatorPot).toBe(chain.totals.incentiveAlpha > 0n ? P / 2n : P)

      const conserving = yumaEpoch({ ...input, rules: { payout: 'conserving' } })
      const anyIncentive = conserving.participants.some((p) => p.incentive > 0)
      expect(conserving.totals.participants).toBe(anyIncentive || anyDividend ? P : 0n)

      for (const p of chain.participants) {
        if (!p.active) expect(p.payout).toBe(0n)
        expect(p.payout).toBeGreaterThanOrEqual(0n)
      }
      for (const v of chain.bonds.values) expect(v).toBeGreaterThanOrEqual(0)
      const iSum = chain.participants.reduce((a, p) => a + p.incentive, 0)
      expect(iSum === 0 || Math.abs(iSum - 1) < 1e-12).toBe(true)
    }
  })

  it("'bondHolder' bonds are shares: every column sums to 1 or 0, epoch after epoch", () => {
    for (const seed of seeds) {
      const input: YumaEpochInput = { ...randomInput(seed), rules: { dividends: 'bondHolder' } }
      const first = yumaEpoch(input)
      const second = yumaEpoch({ ...input, previousBonds: first.bonds })
      for (const { bonds } of [first, second]) {
        const n = bonds.columns.length
        for (let j = 0; j < n; j++) {
          let sum = 0
          for (let r = 0; r < bonds.rows.length; r++) sum += bonds.values[r * n + j]!
          expect(sum === 0 || Math.abs(sum - 1) < 1e-12).toBe(true)
        }
      }
    }
  })

  it('does not depend on the order of participants or of weight entries', () => {
    for (const seed of seeds) {
      const input = randomInput(seed)
      const rand = rng(seed * 7919)
      const permuted: YumaEpochInput = {
        ...input,
        participants: shuffled(input.participants, rand),
        weights: Object.fromEntries(
          shuffled(Object.entries(input.weights), rand).map(([v, row]) => [
            v,
            Object.fromEntries(shuffled(Object.entries(row as Record<string, number>), rand)),
          ]),
        ),
      }
      const a = yumaEpoch(input)
      const b = yumaEpoch(permuted)
      expect(b).toEqual(a)
      // …and a second epoch fed with the first's bonds agrees too.
      expect(yumaEpoch({ ...permuted, previousBonds: b.bonds })).toEqual(
        yumaEpoch({ ...input, previousBonds: a.bonds }),
      )
    }
  })

  it('equals the naive reference bit for bit', () => {
    for (const seed of seeds) {
      const input = randomInput(seed)
      for (const rules of [undefined, { dividends: 'bondHolder', payout: 'conserving' }] as const) {
        const fast = yumaEpoch({ ...input, rules })
        const naive = naiveYumaEpoch({ ...input, rules })
        expect({ ...fast, ignored: naive.ignored }).toEqual(naive)
        const again = yumaEpoch({ ...input, rules, previousBonds: fast.bonds })
        const naiveAgain = naiveYumaEpoch({ ...input, rules, previousBonds: naive.bonds })
        expect({ ...again, ignored: naiveAgain.ignored }).toEqual(naiveAgain)
      }
    }
  })
})
