import type { Address } from 'viem'
import { describe, expect, it } from 'vitest'
import { type MinerCandidate, MinerRouter, NeuronOptionError } from '../../src/index.js'
import { seeded } from './helpers.js'

const address = (i: number) => `0x${(i + 1).toString(16).padStart(40, '0')}` as Address
const candidate = (i: number, score?: number, stake = 100n): MinerCandidate => ({
  neuron: { hotkey: address(i), stake } as MinerCandidate['neuron'],
  score,
})
const ok = (miner: Address, latencyMs = 10) => ({ miner, statusCode: 200, latencyMs })

/** How often `target` is the one miner picked in `rounds` requests (each released right after). */
function timesPicked(
  router: MinerRouter,
  pool: MinerCandidate[],
  target: MinerCandidate,
  rounds: number,
): number {
  let count = 0
  for (let r = 0; r < rounds; r++) {
    const [picked] = router.pick(pool, 1000)
    if (picked === target) count++
    router.release([picked!.neuron.hotkey])
  }
  return count
}

describe('MinerRouter: which miners answer a client request', () => {
  it('spreads sequential requests over equal miners instead of always asking the same ones', () => {
    const router = new MinerRouter({ miners: 4, random: seeded(1) })
    const miners = Array.from({ length: 16 }, (_, i) => candidate(i, 0.8))
    const counts = new Map<string, number>()
    for (let r = 0; r < 400; r++) {
      const asked = router.pick(miners, 1000).map((c) => c.neuron.hotkey)
      expect(new Set(asked).size).toBe(4)
      for (const a of asked) counts.set(a, (counts.get(a) ?? 0) + 1)
      router.done(
        asked.map((a) => ok(a)),
        asked,
      )
    }
    // 400 × 4 / 16 = 100 each on average.
    for (const m of miners) expect(counts.get(m.neuron.hotkey)).toBeGreaterThan(60)
    for (const m of miners) expect(counts.get(m.neuron.hotkey)).toBeLessThan(140)
  })

  it('favours miners with better scores and stake, without starving the rest', () => {
    const router = new MinerRouter({ miners: 1, random: seeded(2) })
    const good = candidate(0, 1, 1000n)
    const poor = candidate(1, 0.1, 100n)
    const goodCount = timesPicked(router, [good, poor], good, 300)
    expect(goodCount).toBeGreaterThan(240)
    expect(goodCount).toBeLessThan(300)
  })

  it('a miner busy with requests in flight is picked less than an idle one', () => {
    const router = new MinerRouter({ miners: 1, random: seeded(3) })
    const busy = candidate(0, 1)
    const idle = candidate(1, 1)
    for (let i = 0; i < 9; i++) router.pick([busy], 1000) // nine requests still running on `busy`
    expect(router.load(busy.neuron.hotkey).inFlight).toBe(9)
    expect(timesPicked(router, [busy, idle], busy, 200)).toBeLessThan(40) // weight 1/10 of the idle one's
  })

  it('a slow miner is picked less than a fast one of the same score', () => {
    const router = new MinerRouter({ miners: 1, random: seeded(4) })
    const slow = candidate(0, 1)
    const fast = candidate(1, 1)
    router.done(
      [ok(slow.neuron.hotkey, 2000), ok(fast.neuron.hotkey, 20)],
      [slow, fast].map((c) => c.neuron.hotkey),
    )
    expect(router.load(slow.neuron.hotkey).latencyMs).toBe(2000)
    expect(timesPicked(router, [slow, fast], slow, 300)).toBeLessThan(100)
  })

  it('skips a miner that failed within the cooldown while others remain, and asks it again after', () => {
    const router = new MinerRouter({ miners: 3, failureCooldownMs: 1000, random: seeded(5) })
    const miners = [candidate(0, 1), candidate(1, 1), candidate(2, 1)]
    const [down] = miners
    const asked = miners.map((m) => m.neuron.hotkey)
    router.done([{ miner: down!.neuron.hotkey, statusCode: 503 }, ok(asked[1]!), ok(asked[2]!)], asked, 0)
    const during = router.pick(miners, 1000, 500)
    expect(during).not.toContain(down)
    expect(during).toHaveLength(2)
    router.release(during.map((c) => c.neuron.hotkey))
    expect(router.pick(miners, 1000, 1500)).toContain(down)
  })

  it('asks the recently failed when no other miner is left (never "no miners" for lack of trying)', () => {
    const router = new MinerRouter({ random: seeded(6) })
    const only = candidate(0, 1)
    router.done([{ miner: only.neuron.hotkey, statusCode: 408 }], [only.neuron.hotkey], 0)
    expect(router.pick([only], 1000, 10)).toEqual([only])
    expect(router.pick([], 1000)).toEqual([])
  })

  it('rejects options that make no sense, naming them', () => {
    expect(() => new MinerRouter({ miners: 0 })).toThrow(NeuronOptionError)
    expect(() => new MinerRouter({ miners: 1.5 })).toThrow(/serve\.routing\.miners/)
    expect(() => new MinerRouter({ failureCooldownMs: -1 })).toThrow(/serve\.routing\.failureCooldownMs/)
    expect(() => new MinerRouter({ stakeWeight: Number.NaN })).toThrow(/serve\.routing\.stakeWeight/)
  })
})
