import { ConsensusInputError } from '../errors.js'
import { mulWadFloor, wadDiv, wadFromInt, wadTruncate } from '../fixedPoint.js'
import { alphaEmission } from './blockEmission.js'
import { DEFAULT_EMISSION_PARAMS, type EmissionParams } from './params.js'
import { alphaPrice } from './price.js'
import type { SubnetEmissionState } from './subnetState.js'

/** One subnet's share of a block (docs/emission.md#coinbase). All amounts wei. */
export interface SubnetCoinbase {
  netuid: number
  /** HETU injected into the pool: `⌊S_sub · p̄_i / Σp̄⌋`. */
  taoIn: bigint
  /** e_i: the subnet's Alpha emission this block. */
  alphaEmission: bigint
  /** Alpha injected into the pool: `min(⌊taoIn / p_i⌋, e_i)` (e_i when the price is 0). */
  alphaIn: bigint
  /** Alpha emitted to participants and owner: e_i. */
  alphaOut: bigint
  /** `⌊ownerCut · alphaOut⌋`, paid to the subnet owner at the next epoch. */
  ownerCut: bigint
  /** `alphaOut − ownerCut`, added to the subnet's pending Alpha P. */
  pending: bigint
}

/** Owner cut of an Alpha amount: `⌊cut · amount⌋` (18 % by default). */
export function ownerCutOf(alphaOut: bigint, cut: bigint = DEFAULT_EMISSION_PARAMS.subnetOwnerCut): bigint {
  return mulWadFloor(alphaOut, cut)
}

/**
 * A subnet's Alpha emission per block (e_i, before the owner cut) from the schedule of
 * docs/emission.md#coinbase — the amount the Python SDK's reward split starts from
 * (docs/python-sdk.md#reward-split).
 */
export function subnetRewardRate(
  subnet: Pick<SubnetEmissionState, 'alphaIn' | 'alphaOut'>,
  params: Pick<EmissionParams, 'totalSupply' | 'defaultBlockEmission'> = DEFAULT_EMISSION_PARAMS,
): bigint {
  return alphaEmission(subnet.alphaIn + subnet.alphaOut, params.totalSupply, params.defaultBlockEmission)
}

/**
 * Splits `subnetReward` (S_sub) across the emitting subnets by moving price and derives each subnet's
 * Alpha (docs/emission.md#coinbase). Pure: the new state is {@link applyCoinbase}'s job. Output sorted by
 * netuid. LegacyDec rounding as the chain (the price ratio is rounded to 18 decimals before the floor).
 */
export function subnetCoinbase(
  subnetReward: bigint,
  subnets: readonly SubnetEmissionState[],
  params: EmissionParams = DEFAULT_EMISSION_PARAMS,
): SubnetCoinbase[] {
  if (subnetReward < 0n)
    throw new ConsensusInputError('Subnet reward cannot be negative.', {
      details: `subnetReward = ${subnetReward}`,
    })
  const sorted = sortedSubnets(subnets)
  let totalMovingPrice = 0n
  for (const subnet of sorted) totalMovingPrice += subnet.movingPrice
  return sorted.map((subnet) => {
    const taoIn =
      totalMovingPrice === 0n ? 0n : mulWadFloor(subnetReward, wadDiv(subnet.movingPrice, totalMovingPrice))
    const emission = subnetRewardRate(subnet, params)
    const price = alphaPrice(subnet)
    let alphaIn = emission
    if (price !== 0n) {
      const ideal = wadTruncate(wadDiv(wadFromInt(taoIn), price))
      if (ideal < emission) alphaIn = ideal
    }
    const ownerCut = ownerCutOf(emission, params.subnetOwnerCut)
    return {
      netuid: subnet.netuid,
      taoIn,
      alphaEmission: emission,
      alphaIn,
      alphaOut: emission,
      ownerCut,
      pending: emission - ownerCut,
    }
  })
}

/** The chain's bookkeeping after a coinbase: TaoIn += taoIn, AlphaIn += alphaIn, AlphaOut += alphaOut − cut. */
export function applyCoinbase(subnet: SubnetEmissionState, coinbase: SubnetCoinbase): SubnetEmissionState {
  const alphaOut = subnet.alphaOut + coinbase.alphaOut - coinbase.ownerCut
  return {
    ...subnet,
    taoIn: subnet.taoIn + coinbase.taoIn,
    alphaIn: subnet.alphaIn + coinbase.alphaIn,
    alphaOut: alphaOut < 0n ? 0n : alphaOut,
  }
}

/** Validates and sorts by netuid (duplicates are an error: the result must not depend on input order). */
export function sortedSubnets<T extends SubnetEmissionState>(subnets: readonly T[]): T[] {
  const sorted = [...subnets].sort((a, b) => a.netuid - b.netuid)
  for (let i = 0; i < sorted.length; i++) {
    const s = sorted[i]!
    if (!Number.isInteger(s.netuid) || s.netuid < 0 || s.netuid > 0xffff)
      throw new ConsensusInputError('netuid must be a uint16.', { details: `netuid = ${s.netuid}` })
    if (i > 0 && sorted[i - 1]!.netuid === s.netuid)
      throw new ConsensusInputError('The same netuid appears twice.', { details: `netuid = ${s.netuid}` })
    if (s.movingPrice < 0n || s.taoIn < 0n || s.alphaIn < 0n || s.alphaOut < 0n)
      throw new ConsensusInputError('Subnet emission state cannot hold negative amounts.', {
        details: `netuid ${s.netuid}: movingPrice ${s.movingPrice}, taoIn ${s.taoIn}, alphaIn ${s.alphaIn}, alphaOut ${s.alphaOut}`,
      })
  }
  return sorted
}
