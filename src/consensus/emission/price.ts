import { WAD, wadDiv, wadFromInt, wadMul } from '../fixedPoint.js'
import { DEFAULT_EMISSION_PARAMS, type EmissionParams } from './params.js'
import type { SubnetEmissionState } from './subnetState.js'

/** Spot Alpha price `TaoIn / AlphaIn` as a WAD; 0 when either side is empty (as the chain). */
export function alphaPrice(subnet: Pick<SubnetEmissionState, 'taoIn' | 'alphaIn'>): bigint {
  if (subnet.alphaIn === 0n) return 0n
  return wadDiv(wadFromInt(subnet.taoIn), wadFromInt(subnet.alphaIn))
}

/**
 * Moving price after one block (docs/emission.md#moving-price): `α = movingAlpha · t/(t + halvingBlocks)`
 * with t = blocks since `firstEmissionBlock − 1`, then `p̄ ← α·min(p, 1) + (1 − α)·p̄`. Call it with the
 * reserves after this block's injection, as the chain does. LegacyDec rounding throughout.
 */
export function updateMovingPrice(
  subnet: Pick<SubnetEmissionState, 'movingPrice' | 'taoIn' | 'alphaIn' | 'firstEmissionBlock'>,
  block: bigint,
  params: Pick<EmissionParams, 'subnetMovingAlpha' | 'emaPriceHalvingBlocks'> = DEFAULT_EMISSION_PARAMS,
): bigint {
  let start = subnet.firstEmissionBlock - 1n
  if (start < 0n) start = 0n
  let since = block - start
  if (since < 0n) since = 0n
  let denominator = since + params.emaPriceHalvingBlocks
  if (denominator === 0n) denominator = 1n
  const alpha = wadMul(params.subnetMovingAlpha, wadDiv(wadFromInt(since), wadFromInt(denominator)))
  let price = alphaPrice(subnet)
  if (price > WAD) price = WAD
  return wadMul(alpha, price) + wadMul(WAD - alpha, subnet.movingPrice)
}
