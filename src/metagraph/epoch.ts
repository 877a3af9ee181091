import { rewardRateOf } from '../chain/reads.js'
import {
  type DividendsMode,
  type EmissionParams,
  epochParamsFromHyperparams,
  type PayoutMode,
  type YumaEpochParams,
  yumaEpoch,
} from '../consensus/index.js'
import type { MetagraphState } from './types.js'

/** How the metagraph computes the per-epoch results locally (defaults: the localnet's rules). */
export interface MetagraphEpochOptions {
  /** Over the parameters derived from the subnet's hyperparameters (rho, kappa). */
  params?: Partial<YumaEpochParams>
  /** `'bondHolder'` (default, Yuma) or `'receiver'` (the public chain's rule). */
  dividends?: DividendsMode
  /** `'conserving'` (default) or `'chain'`. */
  payout?: PayoutMode
  /** The chain's blockinflation parameters, when not the genesis defaults. */
  emission?: Partial<EmissionParams>
  /**
   * The epoch length the chain really uses, when it is not the subnet's `tempo` parameter: a localnet
   * started with `--tempo` (`emission: { tempo }`) runs every subnet's epochs every tempo + 1 blocks.
   */
  tempo?: number
}

/** Per-uid results of one epoch over the current weights and stakes. */
export interface EpochViews {
  /** Normalised incentive. */
  I: Float64Array
  /** Normalised dividends. */
  D: Float64Array
  /** Consensus weight each neuron received (stake-weighted kappa quantile). */
  C: Float64Array
  /** Normalised rank (before the rho exponent). */
  R: Float64Array
  /** Alpha the next epoch would pay each neuron (wei). */
  E: bigint[]
}

/**
 * One epoch of the chain's consensus (`yumaEpoch`, docs/emission.md#epoch-consensus) over the weights and
 * stakes the metagraph read, paying the pending Alpha of one epoch at the subnet's current emission rate. The
 * chain also carries bonds from earlier epochs, which are not on chain to read: these are the results of a
 * first epoch over the current weights ("where known"), exact for incentive and consensus.
 */
export function computeEpoch(state: MetagraphState, options: MetagraphEpochOptions = {}): EpochViews {
  const n = state.neurons.length
  const views: EpochViews = {
    I: new Float64Array(n),
    D: new Float64Array(n),
    C: new Float64Array(n),
    R: new Float64Array(n),
    E: new Array<bigint>(n).fill(0n),
  }
  if (n === 0) return views
  const pendingAlpha = rewardRateOf({
    netuid: state.netuid,
    block: state.block,
    isActive: state.subnet.isActive,
    tempo: options.tempo ?? state.params.tempo,
    alphaIssued: state.alphaSupply,
    ...(options.emission && { params: options.emission }),
  }).alphaPerEpoch
  const result = yumaEpoch({
    participants: state.neurons.map((neuron) => ({
      address: neuron.account,
      stake: neuron.stake,
      isValidator: neuron.isValidator,
      active: neuron.isActive,
    })),
    weights: state.weights,
    params: { ...epochParamsFromHyperparams(state.params), ...options.params },
    pendingAlpha,
    rules: { dividends: options.dividends ?? 'bondHolder', payout: options.payout ?? 'conserving' },
  })
  const uidOf = new Map(state.neurons.map((neuron, uid) => [neuron.account.toLowerCase(), uid]))
  for (const p of result.participants) {
    const uid = uidOf.get(p.address.toLowerCase())!
    views.I[uid] = p.incentive
    views.D[uid] = p.dividends
    views.C[uid] = p.consensus
    views.R[uid] = p.rank
    views.E[uid] = p.payout
  }
  return views
}
