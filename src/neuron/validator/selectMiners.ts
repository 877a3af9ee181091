import type { MetagraphNeuron } from '../../metagraph/types.js'
import { NeuronOptionError } from '../errors.js'

/** A miner the validator may query: the neuron and what the validator has measured of it. */
export interface MinerCandidate {
  neuron: MetagraphNeuron
  /** Moving-average score so far; undefined when never measured. */
  score: number | undefined
}

/** How the default selection picks a bounded sample of miners each step. */
export interface SelectionOptions {
  /** Most miners queried per step (default 256). With fewer candidates, every one is queried. */
  sampleSize?: number
  /** Weight of stake (relative to the largest) in a miner's priority (default 0.3). */
  stakeWeight?: number
  /** Weight of measured performance (moving-average score) in a miner's priority (default 0.7). */
  performanceWeight?: number
  /** Performance assumed for a miner never measured (default 1: optimistic, so newcomers get tried). */
  unmeasuredScore?: number
  /** Share of the sample drawn at random from the miners left out by priority (default 0.1). */
  exploration?: number
  /** Random source in [0, 1) for the exploration draw (default Math.random; pass a seeded one in tests). */
  random?: () => number
}

/** A custom selection: returns the miners to query (a subset of the candidates). */
export type SelectMinersFn = (
  candidates: readonly MinerCandidate[],
  context: { step: number; block: bigint },
) => readonly MinerCandidate[] | Promise<readonly MinerCandidate[]>

/**
 * The default selection, a pure function: every candidate when they fit in the sample; otherwise the
 * best by priority = stakeWeight·stake/maxStake + performanceWeight·score (ties by address), and a
 * random `exploration` share of the sample from the rest, so a miner that improves is seen again.
 * Returns candidates sorted by address.
 */
export function selectMiners(
  candidates: readonly MinerCandidate[],
  options: SelectionOptions = {},
): MinerCandidate[] {
  const size = options.sampleSize ?? 256
  const stakeWeight = options.stakeWeight ?? 0.3
  const performanceWeight = options.performanceWeight ?? 0.7
  const unmeasured = options.unmeasuredScore ?? 1
  const exploration = options.exploration ?? 0.1
  const random = options.random ?? Math.random
  if (!Number.isInteger(size) || size < 1)
    throw new NeuronOptionError('selection.sampleSize', `must be a positive integer (got ${size})`)
  for (const [name, v] of [
    ['stakeWeight', stakeWeight],
    ['performanceWeight', performanceWeight],
    ['unmeasuredScore', unmeasured],
  ] as const)
    if (!Number.isFinite(v) || v < 0)
      throw new NeuronOptionError(`selection.${name}`, `must be ≥ 0 (got ${v})`)
  if (!(exploration >= 0 && exploration <= 1))
    throw new NeuronOptionError('selection.exploration', `must be in [0, 1] (got ${exploration})`)

  const byAddress = [...candidates].sort((a, b) => compare(a.neuron.hotkey, b.neuron.hotkey))
  if (byAddress.length <= size) return byAddress

  let maxStake = 0n
  for (const c of byAddress) if (c.neuron.stake > maxStake) maxStake = c.neuron.stake
  // Stake relative to the largest, in [0, 1], without losing precision on 18-decimal amounts.
  const stakeShare = (stake: bigint) => (maxStake === 0n ? 0 : Number((stake * 1_000_000n) / maxStake) / 1e6)
  const priority = (c: MinerCandidate) =>
    stakeWeight * stakeShare(c.neuron.stake) + performanceWeight * (c.score ?? unmeasured)
  const ranked = byAddress
    .map((candidate) => ({ candidate, priority: priority(candidate) }))
    .sort((a, b) => b.priority - a.priority || compare(a.candidate.neuron.hotkey, b.candidate.neuron.hotkey))

  const explore = Math.min(size, Math.round(size * exploration))
  const chosen = ranked.slice(0, size - explore).map((r) => r.candidate)
  const rest = ranked.slice(size - explore).map((r) => r.candidate)
  // Partial Fisher–Yates: the first `explore` of `rest` become a uniform random draw.
  for (let i = 0; i < explore && i < rest.length; i++) {
    const j = i + Math.min(rest.length - i - 1, Math.floor(random() * (rest.length - i)))
    ;[rest[i], rest[j]] = [rest[j]!, rest[i]!]
    chosen.push(rest[i]!)
  }
  return chosen.sort((a, b) => compare(a.neuron.hotkey, b.neuron.hotkey))
}

function compare(a: string, b: string): number {
  const x = a.toLowerCase()
  const y = b.toLowerCase()
  return x < y ? -1 : x > y ? 1 : 0
}
