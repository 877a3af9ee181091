/**
 * yumaEpoch on a full subnet (4096 participants, 128 validators, every validator weighting every
 * participant, previous bonds present) against the naive reference in the same run; then the
 * localnet's rules (stake-weighted 'bondHolder' bonds, exact payout) against the chain's.
 *
 *   node --import tsx bench/consensus/yumaEpoch.ts [participants] [validators]
 */
import { isDeepStrictEqual } from 'node:util'
import { type YumaEpochInput, type YumaParticipant, yumaEpoch } from '../../src/consensus/index.js'
import { naiveYumaEpoch } from './_naiveYumaEpoch.js'

const N = Number(process.argv[2] ?? 4096)
const V = Number(process.argv[3] ?? 128)

let seed = 42
const rand = () => {
  seed = (seed * 16807) % 2147483647
  return seed / 2147483647
}

const participants: YumaParticipant[] = Array.from({ length: N }, (_, i) => ({
  address: `0x${(i * 2654435761).toString(16).padStart(40, '0').slice(-40)}`,
  stake: BigInt(Math.floor(rand() * 1e6)) * 10n ** 15n,
  isValidator: i < V,
  active: true,
}))
// Each validator's weights as the WeightsSet event carries them: a (dest, weight)[] list.
const weights: Record<string, { dest: string; weight: bigint }[]> = {}
for (const v of participants.slice(0, V))
  weights[v.address] = participants.map((p) => ({
    dest: p.address,
    weight: BigInt(Math.floor(rand() * 1_000_000)),
  }))
// The same weights as nested plain objects: much slower to read at this size (dictionary-mode objects).
const weightsAsObjects = Object.fromEntries(
  Object.entries(weights).map(([v, list]) => [v, Object.fromEntries(list.map((e) => [e.dest, e.weight]))]),
)
const base: YumaEpochInput = {
  participants,
  weights,
  pendingAlpha: 82n * 10n ** 18n * 100n,
  ownerCut: 18n * 10n ** 18n,
}
// A second epoch is the common case: bonds from the previous one.
const previousBonds = yumaEpoch(base).bonds
const input: YumaEpochInput = { ...base, previousBonds }

function time(label: string, fn: () => unknown, runs: number): { median: number; result: unknown } {
  let result: unknown
  for (let i = 0; i < 2; i++) result = fn() // warm-up
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint()
    result = fn()
    samples.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  samples.sort((a, b) => a - b)
  const median = samples[Math.floor(samples.length / 2)]!
  console.log(
    `${label.padEnd(28)} median ${median.toFixed(1).padStart(8)} ms  (min ${samples[0]!.toFixed(1)}, ${runs} runs)`,
  )
  return { median, result }
}

console.log(`yumaEpoch: ${N} participants, ${V} validators, ${V * N} weights, node ${process.version}`)
const ours = time('yumaEpoch', () => yumaEpoch(input), 9)
time('yumaEpoch, object weights', () => yumaEpoch({ ...input, weights: weightsAsObjects }), 5)
const naive = time('naive reference', () => naiveYumaEpoch(input), 3)
const same = isDeepStrictEqual(
  { ...(ours.result as object), ignored: undefined },
  { ...(naive.result as object), ignored: undefined },
)
console.log(
  `ratio naive / yumaEpoch: ${(naive.median / ours.median).toFixed(1)}×   results identical: ${same}`,
)
if (!same) process.exitCode = 1

// The localnet's rules: Yuma's stake-weighted bonds and an exact payout, against the chain's rule above.
const localnetRules = { dividends: 'bondHolder', payout: 'conserving' } as const
const holderBonds = yumaEpoch({ ...base, rules: localnetRules }).bonds
const holder = time(
  'yumaEpoch, bondHolder rules',
  () => yumaEpoch({ ...base, previousBonds: holderBonds, rules: localnetRules }),
  9,
)
console.log(`ratio bondHolder / receiver rule: ${(holder.median / ours.median).toFixed(2)}×`)
