import { getAddress } from 'viem'
import type { NeuronInfo } from '../../../src/chain/types/neuron.js'

/**
 * Deterministic pseudo-random ABI values (mulberry32 from `seed`, so a failure reproduces) for the
 * tests that check hand-written codecs against viem.
 */
export function randomAbi(seed: number) {
  const rnd = () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (max: number) => Math.floor(rnd() * max)
  const hex = (bytes: number) =>
    Array.from({ length: bytes }, () => int(256).toString(16).padStart(2, '0')).join('')
  const address = () => getAddress(`0x${hex(20)}`)
  const big = (bytes: number) => BigInt(`0x${hex(bytes) || '0'}`)
  /** Endpoints: empty, ASCII, non-ASCII, longer than a word. */
  const text = () =>
    ['', '127.0.0.1', 'http://miner.example:8091', 'nœud-ünïcode-🚀', 'x'.repeat(int(200))][int(5)]!
  /** A NeuronInfo of random fields (the first of a list, `i` = 0, has the largest port). */
  const neuron = (i: number, netuid = int(65536)): NeuronInfo => ({
    account: address(),
    netuid,
    isActive: rnd() < 0.5,
    isValidator: rnd() < 0.5,
    stake: big(int(33)),
    registrationBlock: big(int(9)),
    lastUpdate: big(int(33)),
    axonEndpoint: text(),
    axonPort: i === 0 ? 0xffffffff : int(2 ** 32),
    prometheusEndpoint: text(),
    prometheusPort: int(2 ** 32),
  })
  return { rnd, int, hex, address, big, text, neuron }
}
