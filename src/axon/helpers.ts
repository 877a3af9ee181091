import type { BlacklistFn, BlacklistResult, CallerContext } from './types.js'

/** What the helpers need to know about a hotkey (from the metagraph, once it exists). */
export interface NeuronStanding {
  isValidator: boolean
  /** Stake in wei. */
  stake: bigint
}

/** Looks a hotkey up; undefined when it is not registered on the subnet. */
export type NeuronLookup = (hotkey: string) => NeuronStanding | undefined

/**
 * Blacklist: only registered validators (of the subnet the lookup describes) with at least
 * `minStake` wei. Runs on the claimed hotkey; the signature check that follows proves it.
 *
 * @example axon.attach(Task, handler, { blacklist: onlyValidators({ lookup: (hk) => metagraph.standing(hk), minStake: parseHetu('500') }) })
 */
export function onlyValidators(options: {
  lookup: NeuronLookup
  minStake?: bigint
  netuid?: number
}): BlacklistFn {
  const minStake = options.minStake ?? 0n
  const subnet = options.netuid === undefined ? 'the subnet' : `subnet ${options.netuid}`
  return ({ hotkey }): BlacklistResult => {
    if (hotkey === undefined) return [true, 'no hotkey']
    const standing = options.lookup(hotkey)
    if (!standing) return [true, `not registered on ${subnet}`]
    if (!standing.isValidator) return [true, `not a validator of ${subnet}`]
    if (standing.stake < minStake) return [true, `stake below ${minStake} wei`]
    return false
  }
}

/**
 * Priority by stake: callers with more stake are served first when workers are busy. Stake is
 * mapped to a float (in whole tokens) so any bigint fits; unknown hotkeys get 0.
 */
export function priorityByStake(options: {
  lookup: NeuronLookup
}): (synapse: unknown, context: CallerContext) => number {
  return (_synapse, { hotkey }) => {
    if (hotkey === undefined) return 0
    const standing = options.lookup(hotkey)
    return standing ? Number(standing.stake / 10n ** 9n) / 1e9 : 0
  }
}
