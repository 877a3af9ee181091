import { describe, expect, it } from 'vitest'
import { WAD } from '../../src/consensus/fixedPoint.js'
import {
  aggregateResults,
  ConsensusInputError,
  type MinerResponse,
  normalizeWeights,
  scoreResponse,
  scoreRound,
  splitRewards,
  subnetRewardRate,
  updateScores,
} from '../../src/consensus/index.js'

describe('scoreResponse', () => {
  const opts = { timeoutMs: 1000 }
  it('rewards agreement, then speed, then availability', () => {
    expect(scoreResponse('agree', 0, opts)).toBeCloseTo(1, 15)
    expect(scoreResponse('agree', 500, opts)).toBeCloseTo(0.9, 15) // .1 + .7 + .2·.5
    expect(scoreResponse('agree', 1000, opts)).toBeCloseTo(0.8, 15)
    expect(scoreResponse('agree', 5000, opts)).toBeCloseTo(0.8, 15)
    expect(scoreResponse('agree', undefined, opts)).toBeCloseTo(0.8, 15)
    expect(scoreResponse('disagree', 0, opts)).toBeCloseTo(0.1, 15) // a fast wrong answer < a slow right one
    expect(scoreResponse('undecided', 0, opts)).toBeCloseTo(0.1 + 0.35 + 0.1, 15)
    expect(scoreResponse('failed', 0, opts)).toBe(0)
  })

  it('takes custom weights and checks options', () => {
    expect(scoreResponse('agree', 0, { timeoutMs: 1, weights: { latency: 0, availability: 0 } })).toBe(1)
    expect(scoreResponse('disagree', 0, { timeoutMs: 1, weights: { latency: 0, availability: 0 } })).toBe(0)
    expect(() => scoreResponse('agree', 0, { timeoutMs: 0 })).toThrow(ConsensusInputError)
    expect(() => scoreResponse('agree', 0, { timeoutMs: 1, weights: { correctness: -1 } })).toThrow(
      ConsensusInputError,
    )
    expect(() => scoreResponse('agree', 0, { timeoutMs: 1, undecidedCredit: 2 })).toThrow(ConsensusInputError)
  })
})

describe('scoreRound + updateScores', () => {
  it('scores a validator step per miner and averages it over steps', () => {
    const responses: MinerResponse[] = [
      { miner: 'honest', result: 4, latencyMs: 0 },
      { miner: 'slow', result: 4, latencyMs: 1000 },
      { miner: 'wrong', result: 5, latencyMs: 0 },
      { miner: 'down', statusCode: 503 },
      { miner: 'honest2', result: 4, latencyMs: 0 },
    ]
    expect(aggregateResults(responses).reached).toBe(false) // 3 of 5 < 2/3
    const round = scoreRound(responses, aggregateResults(responses, { threshold: 0.6 }), { timeoutMs: 1000 })
    expect(Object.keys(round)).toEqual(['down', 'honest', 'honest2', 'slow', 'wrong'])
    expect(round.honest).toBeCloseTo(1, 15)
    expect(round.slow).toBeCloseTo(0.8, 15)
    expect(round.wrong).toBeCloseTo(0.1, 15)
    expect(round.down).toBe(0)

    let scores: Record<string, number> = { down: 0.5, gone: 0.3 }
    scores = updateScores(scores, round, { alpha: 0.5 })
    expect(scores.honest).toBeCloseTo(0.5, 15) // from the initial 0
    expect(scores.down).toBeCloseTo(0.25, 15)
    expect(scores.gone).toBe(0.3) // not queried: kept
    for (let i = 0; i < 30; i++) scores = updateScores(scores, round, { alpha: 0.5 })
    expect(scores.honest).toBeCloseTo(1, 6)
    expect(scores.slow).toBeCloseTo(0.8, 6)
    expect(scores.honest!).toBeGreaterThan(scores.slow!)
    expect(scores.slow!).toBeGreaterThan(scores.wrong!)
  })

  it('averages repeated answers of one miner and rejects foreign aggregations', () => {
    const responses: MinerResponse[] = [
      { miner: 'm', result: 1, latencyMs: 0 },
      { miner: 'm', result: 2, latencyMs: 0 },
      { miner: 'n', result: 1, latencyMs: 0 },
    ]
    const round = scoreRound(responses, aggregateResults(responses), { timeoutMs: 10 })
    expect(round.m).toBeCloseTo((1 + 0.1) / 2, 15)
    expect(() => scoreRound(responses, { agreement: [] }, { timeoutMs: 10 })).toThrow(ConsensusInputError)
    expect(() => updateScores({}, { a: Number.NaN })).toThrow(ConsensusInputError)
    expect(() => updateScores({}, {}, { alpha: 0 })).toThrow(ConsensusInputError)
  })
})

describe('normalizeWeights', () => {
  it('gives integers 0..1_000_000 summing to exactly 1_000_000', () => {
    expect(normalizeWeights([1, 1, 1])).toEqual([333334, 333333, 333333]) // ties: the earlier entry
    expect(normalizeWeights([2, 1, 1])).toEqual([500000, 250000, 250000])
    expect(normalizeWeights([0, 0])).toEqual([0, 0])
    expect(normalizeWeights([])).toEqual([])
    expect(normalizeWeights([5])).toEqual([1_000_000])
    expect(normalizeWeights({ b: 1, a: 1, c: 1 })).toEqual({ a: 333334, b: 333333, c: 333333 })
    expect(normalizeWeights([1, 2], { scale: 65535 })).toEqual([21845, 43690])
    expect(() => normalizeWeights([-1])).toThrow(ConsensusInputError)
    expect(() => normalizeWeights([Number.POSITIVE_INFINITY])).toThrow(ConsensusInputError)
  })

  it('holds its bounds over random scores and ignores key order', () => {
    let s = 7
    const rand = () => {
      s = (s * 16807) % 2147483647
      return s / 2147483647
    }
    for (let round = 0; round < 200; round++) {
      const n = Math.floor(rand() * 300)
      const scores = Array.from({ length: n }, () =>
        rand() < 0.2 ? 0 : rand() ** 3 * 10 ** Math.floor(rand() * 6),
      )
      const w = normalizeWeights(scores)
      expect(w).toHaveLength(n)
      const sum = w.reduce((a, b) => a + b, 0)
      expect(sum).toBe(scores.some((x) => x > 0) ? 1_000_000 : 0)
      const scoreSum = scores.reduce((a, b) => a + b, 0)
      const bad = w.filter((x, i) => {
        if (!Number.isInteger(x) || x < 0 || x > 1_000_000) return true
        if (scores[i] === 0) return x !== 0
        // Within one unit of the exact share.
        return Math.abs(x - (scores[i]! / scoreSum) * 1e6) >= 1.000001
      })
      expect(bad).toEqual([])
      const keyed = Object.fromEntries(scores.map((v, i) => [`k${i}`, v]))
      const reversed = Object.fromEntries(Object.entries(keyed).reverse())
      expect(normalizeWeights(reversed)).toEqual(normalizeWeights(keyed))
    }
  })
})

describe('splitRewards (the Python SDK’s distribute_rewards)', () => {
  it('30 % to validators, 70 % to miners, half a share for a wrong answer', () => {
    const total = subnetRewardRate({ alphaIn: 100n * WAD, alphaOut: 0n }) * 100n // 100 blocks of 1 Alpha
    const r = splitRewards({
      total,
      validators: [{ address: 'v2' }, { address: 'v1' }],
      miners: [
        { address: 'm1', agreement: 'agree' },
        { address: 'm2', agreement: 'agree' },
        { address: 'm3', agreement: 'disagree' },
        { address: 'm4', agreement: 'failed' },
      ],
    })
    expect(r.validatorPot).toBe(30n * WAD)
    expect(r.minerPot).toBe(70n * WAD)
    expect(r.fullShare).toBe(17_500_000_000_000_000_000n)
    expect(r.validators).toEqual([
      { address: 'v1', amount: 15n * WAD },
      { address: 'v2', amount: 15n * WAD },
    ])
    expect(r.miners).toEqual([
      { address: 'm1', amount: r.fullShare },
      { address: 'm2', amount: r.fullShare },
      { address: 'm3', amount: r.fullShare / 2n },
      { address: 'm4', amount: 0n },
    ])
    expect(r.undistributed).toBe(r.fullShare + r.fullShare / 2n)
  })

  it('splits validators by stake with the remainder in address order, and always balances', () => {
    const r = splitRewards({
      total: 1001n,
      validators: [
        { address: 'b', stake: 2n },
        { address: 'a', stake: 1n },
      ],
      miners: [
        { address: 'x', agreement: 'agree' },
        { address: 'y', agreement: 'undecided' },
        { address: 'x', agreement: 'agree' },
      ],
    })
    expect(r.validatorPot).toBe(300n) // ⌊1001 · 0.3⌋
    expect(r.validators).toEqual([
      { address: 'a', amount: 100n },
      { address: 'b', amount: 200n },
    ])
    expect(r.fullShare).toBe(233n) // ⌊701 / 3⌋
    expect(r.miners).toEqual([
      { address: 'x', amount: 466n },
      { address: 'y', amount: 116n },
    ])
    const paid = [...r.validators, ...r.miners].reduce((a, e) => a + e.amount, 0n)
    expect(paid + r.undistributed).toBe(1001n)
    expect(() => splitRewards({ total: -1n, validators: [], miners: [] })).toThrow(ConsensusInputError)
    expect(() => splitRewards({ total: 1n, validators: [], miners: [], validatorShareBps: 10001 })).toThrow(
      ConsensusInputError,
    )
  })
})
