import { ConsensusInputError } from '../errors.js'
import { floatToWad, mulWadFloor, wadMul } from '../fixedPoint.js'
import { DEFAULT_EMISSION_PARAMS, type EmissionParams } from './params.js'

/**
 * Share of each block's emission reserved for subnets (docs/emission.md#subnet-share), as a WAD:
 * `min(maxRatio, base + k·ln(1 + N))`, 0 when there are no subnets. N counts every registered subnet,
 * active or not. One subnet gives 0.1 + 0.1·ln 2 ≈ 0.169.
 *
 * Rounding as the chain: ln(1 + N) in float64 rounded to 18 decimals, the product rounded half to even.
 */
export function subnetShareRatio(
  subnetCount: number,
  params: Pick<
    EmissionParams,
    'subnetRewardBase' | 'subnetRewardK' | 'subnetRewardMaxRatio'
  > = DEFAULT_EMISSION_PARAMS,
): bigint {
  if (!Number.isSafeInteger(subnetCount) || subnetCount < 0)
    throw new ConsensusInputError('Subnet count must be a non-negative integer.', {
      details: `subnetCount = ${subnetCount}`,
    })
  if (subnetCount === 0) return 0n
  const ratio = params.subnetRewardBase + wadMul(params.subnetRewardK, floatToWad(Math.log1p(subnetCount)))
  if (ratio > params.subnetRewardMaxRatio) return params.subnetRewardMaxRatio
  return ratio
}

/** HETU per block set aside for subnets: `⌊E · ratio⌋` (the rest goes to the fee collector). */
export function subnetRewardPerBlock(
  blockEmission: bigint,
  subnetCount: number,
  params: Pick<
    EmissionParams,
    'subnetRewardBase' | 'subnetRewardK' | 'subnetRewardMaxRatio'
  > = DEFAULT_EMISSION_PARAMS,
): bigint {
  if (blockEmission < 0n)
    throw new ConsensusInputError('Block emission cannot be negative.', {
      details: `blockEmission = ${blockEmission}`,
    })
  return mulWadFloor(blockEmission, subnetShareRatio(subnetCount, params))
}
