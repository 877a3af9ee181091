import { ConsensusInputError } from '../errors.js'

/**
 * Epoch hyperparameters used by the chain's stakework module (docs/emission.md#epoch-consensus), in the units
 * it uses.
 */
export interface YumaEpochParams {
  /** Raw uint16 kappa as the contract stores it; κ = kappa / 65535 (32767 ≈ 0.5, a stake-weighted median). */
  kappa: number
  /** Incentive exponent ρ in [0, 1] (the chain reads the contract's value / 10000). */
  rho: number
  /** Half-width δ of the clipping band around consensus (weights are row-normalised, so 1.0 clips nothing). */
  delta: number
  /** EMA factor given to the new (clipped) weights when liquid alpha is off. */
  bondsMovingAverage: number
  /** Per-entry EMA factor from a sigmoid of how far a weight moved (docs/emission.md#liquid-alpha). */
  liquidAlphaEnabled: boolean
  alphaLow: number
  alphaHigh: number
  alphaSigmoidSteepness: number
}

/** The chain's default subnet params map (x/event): kappa 32767, rho 0.5, delta 1.0, liquid alpha on. */
export const DEFAULT_EPOCH_PARAMS: Readonly<YumaEpochParams> = Object.freeze({
  kappa: 32767,
  rho: 0.5,
  delta: 1.0,
  bondsMovingAverage: 0.9,
  liquidAlphaEnabled: true,
  alphaLow: 0.1,
  alphaHigh: 0.9,
  alphaSigmoidSteepness: 10,
})

/** The largest kappa: κ = 1. */
export const KAPPA_MAX = 65535

function unit(name: string, value: number) {
  if (!Number.isFinite(value) || value < 0 || value > 1)
    throw new ConsensusInputError(`Epoch parameter ${name} must be in [0, 1].`, {
      details: `${name} = ${value}`,
    })
}

/** Fills defaults and checks ranges the way the chain's `EpochParams.Validate` does (errors instead of clamps). */
export function resolveEpochParams(params: Partial<YumaEpochParams> = {}): YumaEpochParams {
  const p = { ...DEFAULT_EPOCH_PARAMS, ...params }
  if (!Number.isInteger(p.kappa) || p.kappa < 0 || p.kappa > KAPPA_MAX)
    throw new ConsensusInputError('Epoch parameter kappa must be a uint16 (0..65535).', {
      details: `kappa = ${p.kappa}`,
      hint: 'Pass the raw contract value; 32767 means κ ≈ 0.5.',
    })
  unit('rho', p.rho)
  unit('bondsMovingAverage', p.bondsMovingAverage)
  unit('alphaLow', p.alphaLow)
  unit('alphaHigh', p.alphaHigh)
  if (!Number.isFinite(p.delta) || p.delta < 0)
    throw new ConsensusInputError('Epoch parameter delta must be finite and non-negative.', {
      details: `delta = ${p.delta}`,
    })
  if (p.alphaLow >= p.alphaHigh)
    throw new ConsensusInputError('Epoch parameter alphaLow must be below alphaHigh.', {
      details: `alphaLow = ${p.alphaLow}, alphaHigh = ${p.alphaHigh}`,
    })
  if (!Number.isFinite(p.alphaSigmoidSteepness) || p.alphaSigmoidSteepness <= 0)
    throw new ConsensusInputError('Epoch parameter alphaSigmoidSteepness must be positive.', {
      details: `alphaSigmoidSteepness = ${p.alphaSigmoidSteepness}`,
    })
  if (typeof p.liquidAlphaEnabled !== 'boolean')
    throw new ConsensusInputError('Epoch parameter liquidAlphaEnabled must be a boolean.')
  return p
}

/**
 * Epoch params as the chain derives them from a subnet's registered `SubnetHyperparams`: rho is the
 * contract's value / 10000 clamped to [0, 1], kappa the raw uint16; a zero keeps the chain default (the
 * chain only overwrites its params map with non-zero core fields). Everything else keeps the chain
 * defaults, which the contract does not carry. Note the contract's default rho of 10 gives ρ = 0.001,
 * which makes every miner with any rank earn almost the same incentive.
 */
export function epochParamsFromHyperparams(hyperparams: {
  rho: number | bigint
  kappa: number | bigint
}): YumaEpochParams {
  const rho = Number(hyperparams.rho)
  const kappa = Number(hyperparams.kappa)
  if (
    !Number.isInteger(rho) ||
    rho < 0 ||
    rho > 0xffff ||
    !Number.isInteger(kappa) ||
    kappa < 0 ||
    kappa > 0xffff
  )
    throw new ConsensusInputError('Hyperparams rho and kappa must be uint16 values.', {
      details: `rho = ${hyperparams.rho}, kappa = ${hyperparams.kappa}`,
    })
  return resolveEpochParams({
    ...(rho !== 0 && { rho: Math.min(1, rho / 10_000) }),
    ...(kappa !== 0 && { kappa }),
  })
}
