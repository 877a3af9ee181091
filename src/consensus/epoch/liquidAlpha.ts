import type { YumaEpochParams } from './params.js'

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(Math.max(x, lo), hi)
}

/**
 * The chain's liquid-alpha EMA factor for one bond entry (spec 3.3 step 4): the distance d the weight
 * moved (down from the bond, or up past consensus), a piecewise-linear "sigmoid" of it, scaled into
 * [alphaLow, alphaHigh]. Large moves get a large factor, so bonds follow them quickly.
 */
export function liquidAlpha(
  consensus: number,
  weight: number,
  bond: number,
  params: Pick<YumaEpochParams, 'alphaLow' | 'alphaHigh' | 'alphaSigmoidSteepness'>,
): number {
  const d = weight < bond ? clamp(bond - weight, 0, 1) : clamp(weight - consensus, 0, 1)
  const x = clamp(params.alphaSigmoidSteepness * (d - 0.5), -10, 10)
  const sigmoid = x < -2 ? 0.1 : x > 2 ? 0.9 : 0.5 + x * 0.2
  return clamp(
    params.alphaLow + sigmoid * (params.alphaHigh - params.alphaLow),
    params.alphaLow,
    params.alphaHigh,
  )
}
