import { type Address, getAddress, pad, toHex } from 'viem'
import { describe, expect, it } from 'vitest'
import {
  axonOf,
  type MetagraphNeuron,
  type MinerCandidate,
  NeuronOptionError,
  parseHetu,
  selectMiners,
} from '../../src/index.js'
import { weightsRateLimit } from '../../src/neuron/validator/weightsRateLimit.js'
import { seeded } from './helpers.js'

const address = (i: number): Address => getAddress(pad(toHex(0x1000 + i), { size: 20 }))

function candidate(i: number, stake: bigint, score?: number): MinerCandidate {
  const neuron: MetagraphNeuron = {
    uid: i,
    hotkey: address(i),
    active: true,
    isValidator: false,
    stake,
    registrationBlock: 1n,
    lastUpdate: 0n,
    axon: axonOf(address(i), '127.0.0.1', 10_000 + i),
    prometheus: { endpoint: '', port: 0 },
    alphaBalance: 0n,
  }
  return { neuron, score }
}

describe('selectMiners', () => {
  it('takes every candidate, sorted by address, when they fit in the sample', () => {
    const picked = selectMiners([candidate(3, 1n), candidate(1, 1n), candidate(2, 1n)], { sampleSize: 3 })
    expect(picked.map((c) => c.neuron.hotkey)).toEqual([address(1), address(2), address(3)])
  })

  it('bounds the sample and prefers stake and measured performance', () => {
    const candidates = [
      candidate(1, parseHetu('200'), 0.9),
      candidate(2, parseHetu('1000'), 0.2),
      candidate(3, parseHetu('200'), 0.1),
      candidate(4, parseHetu('200'), 0.05),
      candidate(5, parseHetu('200')), // never measured: optimistic
    ]
    const picked = selectMiners(candidates, { sampleSize: 3, exploration: 0 })
    // priorities: 1 → 0.06+0.63, 2 → 0.3+0.14, 5 → 0.06+0.7, 3 → 0.13, 4 → 0.095
    expect(picked.map((c) => c.neuron.hotkey)).toEqual([address(1), address(2), address(5)])
    const byStake = selectMiners(candidates, {
      sampleSize: 1,
      exploration: 0,
      stakeWeight: 1,
      performanceWeight: 0,
    })
    expect(byStake.map((c) => c.neuron.hotkey)).toEqual([address(2)])
  })

  it('draws the exploration share at random from the rest, reproducibly with a seeded source', () => {
    const candidates = Array.from({ length: 100 }, (_, i) => candidate(i, parseHetu('200'), i / 100))
    const options = { sampleSize: 10, exploration: 0.3, random: seeded(7) }
    const picked = selectMiners(candidates, options)
    expect(picked).toHaveLength(10)
    const best = new Set(candidates.slice(93).map((c) => c.neuron.hotkey)) // the 7 by priority
    expect(picked.filter((c) => best.has(c.neuron.hotkey))).toHaveLength(7)
    expect(new Set(picked.map((c) => c.neuron.hotkey)).size).toBe(10)
    expect(selectMiners(candidates, { ...options, random: seeded(7) })).toEqual(picked)
    // A source returning 1 (out of its contract) still picks valid candidates.
    expect(selectMiners(candidates, { ...options, random: () => 1 })).toHaveLength(10)
  })

  it('rejects invalid settings with NeuronOptionError', () => {
    expect(() => selectMiners([], { sampleSize: 0 })).toThrow(NeuronOptionError)
    expect(() => selectMiners([], { exploration: 2 })).toThrow(NeuronOptionError)
    expect(() => selectMiners([], { stakeWeight: -1 })).toThrow(NeuronOptionError)
  })
})

describe('weightsRateLimit', () => {
  it('allows a first setWeights, then one per rate limit', () => {
    expect(weightsRateLimit(10n, undefined, 5n)).toEqual({ allowed: true, nextBlock: 10n })
    expect(weightsRateLimit(14n, 10n, 5n)).toEqual({ allowed: false, nextBlock: 15n })
    expect(weightsRateLimit(15n, 10n, 5n)).toEqual({ allowed: true, nextBlock: 15n })
    expect(weightsRateLimit(10n, 10n, 0n)).toEqual({ allowed: true, nextBlock: 10n })
  })
})
