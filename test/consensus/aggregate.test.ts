import { describe, expect, it } from 'vitest'
import {
  aggregateResults,
  ConsensusInputError,
  canonicalResultKey,
  type MinerResponse,
} from '../../src/consensus/index.js'

const ok = (miner: string, result: unknown, latencyMs = 10): MinerResponse => ({
  miner,
  result,
  statusCode: 200,
  latencyMs,
})
const fail = (miner: string, statusCode = 408): MinerResponse => ({
  miner,
  statusCode,
  result: 'Error: timeout',
})

describe('aggregateResults', () => {
  it('reaches consensus when a group holds ≥ 2/3, with confidence', () => {
    const r = aggregateResults([ok('a', '4'), ok('b', '4'), ok('c', '5')])
    expect(r.reached).toBe(true)
    expect(r.outcome).toBe('consensus')
    expect(r.result).toBe('4')
    expect(r.count).toBe(2)
    expect(r.total).toBe(3)
    expect(r.confidence).toBeCloseTo(2 / 3, 15)
    expect(r.agreement).toEqual(['agree', 'agree', 'disagree'])
    expect(r.groups.map((g) => [g.result, g.count, g.indices])).toEqual([
      ['4', 2, [0, 1]],
      ['5', 1, [2]],
    ])
  })

  it('empty input: no consensus, confidence 0', () => {
    const r = aggregateResults([])
    expect(r).toMatchObject({
      reached: false,
      outcome: 'empty',
      total: 0,
      count: 0,
      confidence: 0,
      groups: [],
    })
  })

  it('no group large enough: no consensus, every answer undecided', () => {
    const r = aggregateResults([ok('a', 1), ok('b', 2), ok('c', 3), ok('d', 1)])
    expect(r.outcome).toBe('no-majority')
    expect(r.result).toBeUndefined()
    expect(r.confidence).toBe(0)
    expect(r.agreement).toEqual(['undecided', 'undecided', 'undecided', 'undecided'])
    expect(r.groups[0]).toMatchObject({ result: 1, count: 2, share: 0.5 })
  })

  it('a tie at the top is no consensus, even below a threshold of 1/2', () => {
    const r = aggregateResults([ok('a', 'x'), ok('b', 'y')], { threshold: 0.5 })
    expect(r.outcome).toBe('tie')
    expect(r.reached).toBe(false)
    // Groups are ordered by count, then key: independent of the order of responses.
    expect(r.groups.map((g) => g.result)).toEqual(['x', 'y'])
    expect(
      aggregateResults([ok('b', 'y'), ok('a', 'x')], { threshold: 0.5 }).groups.map((g) => g.result),
    ).toEqual(['x', 'y'])
  })

  it('failures abstain by default (they stay in the denominator) and never form a group', () => {
    // Two identical error texts would have "agreed" in the Python SDK's README; here they are failures.
    const responses = [ok('a', 'r'), ok('b', 'r'), fail('c'), fail('d')]
    const abstain = aggregateResults(responses)
    expect(abstain).toMatchObject({ outcome: 'no-majority', total: 4, responded: 2, failed: 2 })
    expect(abstain.groups).toHaveLength(1)
    expect(abstain.agreement).toEqual(['undecided', 'undecided', 'failed', 'failed'])

    const exclude = aggregateResults(responses, { failures: 'exclude' })
    expect(exclude).toMatchObject({ reached: true, result: 'r', total: 2, confidence: 1 })
    expect(exclude.agreement).toEqual(['agree', 'agree', 'failed', 'failed'])

    const allFailed = aggregateResults([fail('a'), fail('b', 500)], { failures: 'exclude' })
    expect(allFailed).toMatchObject({ outcome: 'all-failed', reached: false, total: 0 })
    expect(aggregateResults([fail('a')]).outcome).toBe('all-failed')
  })

  it('treats a share within float rounding of the threshold as reaching it', () => {
    const of25 = (agree: number) =>
      Array.from({ length: 25 }, (_, i) => ok(String(i), i < agree ? 'yes' : `no${i}`))
    expect(0.28 * 25).toBeGreaterThan(7) // 7.000000000000001 in float
    expect(aggregateResults(of25(7), { threshold: 0.28 }).reached).toBe(true)
    expect(aggregateResults(of25(6), { threshold: 0.28 }).reached).toBe(false)
    // The Python SDK README's 0.67: 2 of 3 is not enough.
    expect(aggregateResults([ok('a', 1), ok('b', 1), ok('c', 2)], { threshold: 0.67 }).reached).toBe(false)
    expect(aggregateResults([ok('a', 1)], { threshold: 1 }).reached).toBe(true)
  })

  it('compares structured results by value and accepts a custom key', () => {
    const r = aggregateResults([
      ok('a', { x: 1, y: [2, 3n] }),
      ok('b', { y: [2, 3n], x: 1 }),
      ok('c', { x: 1, y: [2, 3] }),
    ])
    expect(r.count).toBe(2)
    expect(r.agreement).toEqual(['agree', 'agree', 'disagree'])
    const trimmed = aggregateResults([ok('a', ' 42 '), ok('b', '42'), ok('c', '42\n')], {
      key: (v) => String(v).trim(),
      threshold: 1,
    })
    expect(trimmed).toMatchObject({ reached: true, result: ' 42 ', count: 3 })
  })

  it('rejects bad options', () => {
    expect(() => aggregateResults([], { threshold: 0 })).toThrow(ConsensusInputError)
    expect(() => aggregateResults([], { threshold: 1.5 })).toThrow(ConsensusInputError)
    expect(() => aggregateResults([], { threshold: Number.NaN })).toThrow(ConsensusInputError)
    expect(() => aggregateResults([ok('a', new Map())])).toThrow(/plain data/)
  })

  it('does not depend on response order (random permutations)', () => {
    let s = 12345
    const rand = () => {
      s = (s * 1103515245 + 12345) % 2 ** 31
      return s / 2 ** 31
    }
    for (let round = 0; round < 50; round++) {
      const responses = Array.from({ length: 1 + Math.floor(rand() * 12) }, (_, i) =>
        rand() < 0.15 ? fail(`m${i}`) : ok(`m${i}`, Math.floor(rand() * 3)),
      )
      const threshold = [0.5, 2 / 3, 0.4][round % 3]!
      const a = aggregateResults(responses, { threshold })
      const order = responses.map((_, i) => i).sort(() => rand() - 0.5)
      const b = aggregateResults(
        order.map((i) => responses[i]!),
        { threshold },
      )
      expect(b.outcome).toBe(a.outcome)
      expect(b.key).toBe(a.key)
      expect(b.groups.map((g) => [g.key, g.count])).toEqual(a.groups.map((g) => [g.key, g.count]))
      expect(b.agreement).toEqual(order.map((i) => a.agreement[i]))
    }
  })
})

describe('canonicalResultKey', () => {
  it('is equal exactly for equal plain data', () => {
    expect(canonicalResultKey({ b: 1, a: [1, 'x'] })).toBe(canonicalResultKey({ a: [1, 'x'], b: 1 }))
    expect(canonicalResultKey('1')).not.toBe(canonicalResultKey(1))
    expect(canonicalResultKey(1n)).not.toBe(canonicalResultKey('1n'))
    expect(canonicalResultKey(1n)).not.toBe(canonicalResultKey(1))
    expect(canonicalResultKey(undefined)).not.toBe(canonicalResultKey(null))
    expect(canonicalResultKey({ a: undefined })).toBe(canonicalResultKey({}))
    expect(canonicalResultKey(Number.NaN)).not.toBe(canonicalResultKey(null))
    expect(canonicalResultKey(new Uint8Array([1, 2]))).toBe('0x0102')
    expect(canonicalResultKey(0)).toBe(canonicalResultKey(-0))
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(() => canonicalResultKey(cyclic)).toThrow(/cycle/)
  })
})
