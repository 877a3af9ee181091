import { describe, expect, it } from 'vitest'
import { floatToWad, WAD, wadDiv, wadMul } from '../../src/consensus/fixedPoint.js'
import {
  alphaEmission,
  applyCoinbase,
  blockEmission,
  ConsensusInputError,
  DEFAULT_EMISSION_PARAMS,
  emissionForBlock,
  halvingCount,
  isEpochBlock,
  nextEpochBlock,
  ownerCutOf,
  type SubnetEmissionState,
  subnetCoinbase,
  subnetRewardPerBlock,
  subnetRewardRate,
  subnetShareRatio,
  updateMovingPrice,
} from '../../src/consensus/index.js'

const HETU = WAD
const S = DEFAULT_EMISSION_PARAMS.totalSupply

function subnet(overrides: Partial<SubnetEmissionState> = {}): SubnetEmissionState {
  return {
    netuid: 1,
    firstEmissionBlock: 1n,
    movingPrice: WAD,
    taoIn: 100n * HETU,
    alphaIn: 100n * HETU,
    alphaOut: 0n,
    ...overrides,
  }
}

describe('fixed point (LegacyDec rounding)', () => {
  it('rounds products and quotients half to even at 18 decimals', () => {
    expect(wadMul(WAD / 10n, 693147180559945286n)).toBe(69314718055994529n) // …5286 → …529 (…528.6)
    expect(wadMul(1n, WAD / 2n)).toBe(0n) // 0.5e-18 → 0 (even)
    expect(wadMul(3n, WAD / 2n)).toBe(2n) // 1.5e-18 → 2 (even)
    expect(wadDiv(WAD, 3n * WAD)).toBe(333333333333333333n)
    expect(wadDiv(2n * WAD, 3n * WAD)).toBe(666666666666666667n)
  })

  it('turns floats into exact 18-decimal values like Go FormatFloat, ties to even', () => {
    expect(floatToWad(0.5)).toBe(WAD / 2n)
    expect(floatToWad(1)).toBe(WAD)
    expect(floatToWad(Math.LN2)).toBe(693147180559945286n)
    // 2^-19 = 0.0000019073486328125 exactly: a tie at the 18th decimal; Go rounds to even (…812), toFixed up (…813).
    expect(floatToWad(2 ** -19)).toBe(1907348632812n)
    expect(floatToWad(2 ** -19 * 3)).toBe(5722045898438n) // 0.0000057220458984375 → …8438 (even)
    expect(() => floatToWad(-1)).toThrow(RangeError)
  })
})

describe('block emission (docs/emission.md#block-emission)', () => {
  it('is 1 HETU until half the supply is issued, then halves', () => {
    expect(blockEmission(0n)).toBe(HETU)
    expect(blockEmission(S / 2n - 1n)).toBe(HETU)
    expect(blockEmission(S / 2n)).toBe(HETU / 2n)
    expect(blockEmission((3n * S) / 4n - 1n)).toBe(HETU / 2n)
    expect(blockEmission((3n * S) / 4n)).toBe(HETU / 4n)
    expect(blockEmission((7n * S) / 8n)).toBe(HETU / 8n)
    expect(blockEmission(S - 1n)).toBe(0n) // 84 halvings of 1e18
    expect(blockEmission(S)).toBe(0n)
    expect(blockEmission(S + 1n)).toBe(0n)
  })

  it('counts halvings exactly', () => {
    expect(halvingCount(0n, 8n)).toBe(0)
    expect(halvingCount(4n, 8n)).toBe(1)
    expect(halvingCount(6n, 8n)).toBe(2)
    expect(halvingCount(7n, 8n)).toBe(3)
    expect(halvingCount(8n, 8n)).toBeUndefined()
    expect(() => halvingCount(-1n, 8n)).toThrow(ConsensusInputError)
    expect(() => halvingCount(0n, 0n)).toThrow(ConsensusInputError)
  })

  it('gives about one Alpha per block per subnet, halving at half of 2·S', () => {
    expect(alphaEmission(0n)).toBe(HETU)
    expect(alphaEmission(S - 1n)).toBe(HETU)
    expect(alphaEmission(S)).toBe(HETU / 2n)
    expect(subnetRewardRate({ alphaIn: 100n * HETU, alphaOut: 0n })).toBe(HETU)
    expect(subnetRewardRate({ alphaIn: S / 2n, alphaOut: S / 2n })).toBe(HETU / 2n)
  })
})

describe('subnet share (docs/emission.md#subnet-share)', () => {
  it('is 0.1 + 0.1·ln 2 ≈ 0.169 for one subnet', () => {
    const ratio = subnetShareRatio(1)
    expect(ratio).toBe(169314718055994529n)
    expect(Number(ratio) / 1e18).toBeCloseTo(0.1 + 0.1 * Math.LN2, 15)
    expect(subnetRewardPerBlock(HETU, 1)).toBe(169314718055994529n)
  })

  it('is 0 without subnets and grows with ln(1 + N) up to the 0.9 cap', () => {
    expect(subnetShareRatio(0)).toBe(0n)
    expect(subnetRewardPerBlock(HETU, 0)).toBe(0n)
    expect(subnetShareRatio(2)).toBe(209861228866810956n) // 0.1 + 0.1·ln 3
    expect(subnetShareRatio(2979)).toBeLessThan((9n * WAD) / 10n) // ln 2980 < 8
    expect(subnetShareRatio(2980)).toBe((9n * WAD) / 10n)
    expect(subnetShareRatio(1_000_000)).toBe((9n * WAD) / 10n)
    expect(() => subnetShareRatio(-1)).toThrow(ConsensusInputError)
    expect(() => subnetShareRatio(1.5)).toThrow(ConsensusInputError)
  })
})

describe('coinbase (docs/emission.md#coinbase)', () => {
  it('one subnet at price 1: all of S_sub goes in, e_i = 1 Alpha, 18 % owner cut', () => {
    const sSub = subnetRewardPerBlock(HETU, 1)
    const [c] = subnetCoinbase(sSub, [subnet()])
    expect(c).toEqual({
      netuid: 1,
      taoIn: sSub,
      alphaEmission: HETU,
      alphaIn: sSub, // min(taoIn / 1.0, 1 Alpha)
      alphaOut: HETU,
      ownerCut: (18n * HETU) / 100n,
      pending: (82n * HETU) / 100n,
    })
    expect(ownerCutOf(HETU)).toBe(180_000_000_000_000_000n)
    expect(ownerCutOf(99n)).toBe(17n) // ⌊17.82⌋
  })

  it('splits by moving price and caps alpha_in at e_i', () => {
    const sSub = subnetRewardPerBlock(HETU, 2)
    const result = subnetCoinbase(sSub, [
      subnet({ netuid: 7, movingPrice: WAD / 2n, taoIn: 200n * HETU, alphaIn: 100n * HETU }),
      subnet({ netuid: 3, taoIn: HETU, alphaIn: 100n * HETU }), // price 0.01 → taoIn/price ≫ e_i
    ])
    expect(result.map((c) => c.netuid)).toEqual([3, 7])
    expect(result[0]!.taoIn).toBe(139907485911207304n) // ⌊S_sub · 0.666666666666666667⌋
    expect(result[1]!.taoIn).toBe(69953742955603651n) // ⌊S_sub · 0.333333333333333333⌋
    expect(result[0]!.alphaIn).toBe(HETU) // capped
    expect(result[1]!.alphaIn).toBe(34976871477801825n) // ⌊taoIn / 2⌋
    expect(result[0]!.taoIn + result[1]!.taoIn).toBeLessThanOrEqual(sSub)
  })

  it('uses e_i as alpha_in when the price is 0', () => {
    const [c] = subnetCoinbase(10n ** 17n, [subnet({ taoIn: 0n })])
    expect(c!.alphaIn).toBe(HETU)
    const [d] = subnetCoinbase(10n ** 17n, [subnet({ movingPrice: 0n })])
    expect(d!.taoIn).toBe(0n) // Σ moving price 0 → no HETU in
  })

  it('updates the chain bookkeeping', () => {
    const s = subnet({ alphaOut: 5n })
    const [c] = subnetCoinbase(10n ** 17n, [s])
    expect(applyCoinbase(s, c!)).toEqual({
      ...s,
      taoIn: s.taoIn + c!.taoIn,
      alphaIn: s.alphaIn + c!.alphaIn,
      alphaOut: 5n + c!.pending,
    })
  })

  it('rejects duplicate netuids and negative amounts', () => {
    expect(() => subnetCoinbase(1n, [subnet(), subnet()])).toThrow(ConsensusInputError)
    expect(() => subnetCoinbase(1n, [subnet({ alphaIn: -1n })])).toThrow(ConsensusInputError)
    expect(() => subnetCoinbase(-1n, [subnet()])).toThrow(ConsensusInputError)
  })
})

describe('moving price', () => {
  it('moves by 3e-6 · t/(t + 201600) towards min(price, 1)', () => {
    const s = subnet({ firstEmissionBlock: 10n, taoIn: 50n * HETU, alphaIn: 100n * HETU })
    // t = 1: α = 3e-6/201601 = 0.000000000014880879
    expect(updateMovingPrice(s, 10n)).toBe(999999999992559561n)
    // t = 991: α = 0.000000014674886841
    expect(updateMovingPrice(s, 1000n)).toBe(999999992662556579n)
    // a price above 1 counts as 1: nothing moves from 1.0
    expect(updateMovingPrice({ ...s, taoIn: 300n * HETU }, 1000n)).toBe(WAD)
  })
})

describe('epoch schedule (docs/emission.md#epoch-schedule)', () => {
  it('fires when (block + netuid + 1) mod (tempo + 1) = 0', () => {
    expect(isEpochBlock(98, 1, 99)).toBe(true)
    expect(isEpochBlock(99, 1, 99)).toBe(false)
    expect(isEpochBlock(198n, 1, 99n)).toBe(true)
    expect(isEpochBlock(97, 2, 99)).toBe(true)
    expect(nextEpochBlock(0, 1, 99)).toBe(98n)
    expect(nextEpochBlock(98, 1, 99)).toBe(98n)
    expect(nextEpochBlock(99, 1, 99)).toBe(198n)
    expect(nextEpochBlock(0, 1, 4)).toBe(3n) // tempo 4: every 5 blocks
    expect(() => isEpochBlock(-1, 1, 99)).toThrow(ConsensusInputError)
  })
})

describe('emissionForBlock', () => {
  it('runs steps 1–3 for the emitting subnets only', () => {
    const r = emissionForBlock({
      block: 5n,
      totalIssued: 0n,
      registeredSubnets: 2,
      subnets: [subnet({ netuid: 2, firstEmissionBlock: 0n }), subnet({ netuid: 1, firstEmissionBlock: 3n })],
    })
    expect(r.blockEmission).toBe(HETU)
    expect(r.subnetShareRatio).toBe(209861228866810956n)
    expect(r.subnetReward).toBe(209861228866810956n)
    expect(r.feeCollector).toBe(HETU - 209861228866810956n)
    expect(r.totalIssued).toBe(HETU)
    expect(r.coinbaseRan).toBe(true)
    expect(r.coinbase.map((c) => c.netuid)).toEqual([1])
    expect(r.coinbase[0]!.taoIn).toBe(r.subnetReward) // the only emitting subnet takes all of S_sub
    expect(r.subnets.map((s) => s.netuid)).toEqual([1, 2])
    expect(r.subnets[1]).toEqual(subnet({ netuid: 2, firstEmissionBlock: 0n })) // untouched
    expect(r.subnets[0]!.alphaOut).toBe((82n * HETU) / 100n)
  })

  it('runs no coinbase without subnets or before activation', () => {
    expect(
      emissionForBlock({ block: 1n, totalIssued: 0n, registeredSubnets: 0, subnets: [] }).coinbaseRan,
    ).toBe(false)
    const r = emissionForBlock({
      block: 1n,
      totalIssued: 0n,
      registeredSubnets: 1,
      subnets: [subnet({ firstEmissionBlock: 2n })],
    })
    expect(r.coinbaseRan).toBe(false)
    expect(r.subnetReward).toBe(169314718055994529n)
  })

  it('over many blocks: issuance grows by E, pending + owner cut = Alpha emitted', () => {
    let state = [subnet({ netuid: 1 }), subnet({ netuid: 4, movingPrice: WAD / 3n })]
    let issued = 0n
    let pending = 0n
    let owner = 0n
    let emitted = 0n
    for (let block = 1n; block <= 200n; block++) {
      const r = emissionForBlock({ block, totalIssued: issued, registeredSubnets: 2, subnets: state })
      expect(r.totalIssued - issued).toBe(r.blockEmission)
      expect(r.subnetReward + r.feeCollector).toBe(r.blockEmission)
      for (const c of r.coinbase) {
        pending += c.pending
        owner += c.ownerCut
        emitted += c.alphaEmission
        expect(c.taoIn).toBeLessThanOrEqual(r.subnetReward)
      }
      issued = r.totalIssued
      state = r.subnets
    }
    expect(issued).toBe(200n * HETU)
    expect(pending + owner).toBe(emitted)
    expect(emitted).toBe(400n * HETU)
    expect(owner).toBe(72n * HETU)
    // The lower-priced subnet's moving price creeps up towards its spot price, capped at 1.
    expect(state[1]!.movingPrice).toBeGreaterThan(WAD / 3n)
  })
})
