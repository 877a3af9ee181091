import type { YumaEpochParams } from './params.js'

/** The liquid-alpha parameters of an epoch (see {@link YumaEpochParams}). */
export type LiquidAlphaParams = Pick<YumaEpochParams, 'alphaLow' | 'alphaHigh' | 'alphaSigmoidSteepness'>

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(Math.max(x, lo), hi)
}

/**
 * The chain's piecewise-linear "sigmoid" of a move d in [0, 1], scaled into [alphaLow, alphaHigh]:
 * large moves get a large EMA factor, so bonds follow them quickly.
 */
export function liquidAlphaOfMove(d: number, params: LiquidAlphaParams): number {
  const x = clamp(params.alphaSigmoidSteepness * (clamp(d, 0, 1) - 0.5), -10, 10)
  const sigmoid = x < -2 ? 0.1 : x > 2 ? 0.9 : 0.5 + x * 0.2
  return clamp(
    params.alphaLow + sigmoid * (params.alphaHigh - params.alphaLow),
    params.alphaLow,
    params.alphaHigh,
  )
}

/**
 * The chain's liquid-alpha EMA factor for one bond entry (docs/emission.md#liquid-alpha): the distance d the
 * weight moved (down from the bond, or up past consensus), through {@link liquidAlphaOfMove}.
 */
export function liquidAlpha(
  consensus: number,
  weight: number,
  bond: number,
  params: LiquidAlphaParams,
): number {
  const d = weight < bond ? bond - weight : weight - consensus
  return liquidAlphaOfMove(d, params)
}
