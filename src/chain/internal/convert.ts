import { type Address, zeroAddress } from 'viem'
import type { NeuronInfo } from '../types/neuron.js'
import type { SubnetHyperparams, SubnetInfo } from '../types/subnet.js'

type Raw<T> = { readonly [K in keyof T]: T[K] }

export function toSubnetInfo(raw: Raw<SubnetInfo>): SubnetInfo {
  return { ...raw }
}

export function toHyperparams(raw: Raw<SubnetHyperparams>): SubnetHyperparams {
  return { ...raw }
}

/**
 * `null` for the all-zero struct NeuronManager returns for non-members; otherwise the neuron with
 * `stake` set to its live GlobalStaking allocation: the public NeuronManager writes `NeuronInfo.stake`
 * at registration and never again (a withdrawal leaves it stale), while the chain's consensus follows
 * the allocation events. Our fixed rule set keeps both equal, so this changes nothing there.
 */
export function withLiveStake(
  info: Raw<NeuronInfo> | NeuronInfo | null,
  allocated: bigint,
): NeuronInfo | null {
  if (!info || info.account === zeroAddress) return null
  return { ...info, stake: allocated }
}

/** HETU per Alpha from pool reserves, 1e18 fixed point (0 for an empty pool). */
export function spotPrice(hetuReserve: bigint, alphaReserve: bigint): bigint {
  return alphaReserve === 0n ? 0n : (hetuReserve * 10n ** 18n) / alphaReserve
}

export function sameAddress(a: Address, b: Address): boolean {
  return a.toLowerCase() === b.toLowerCase()
}
