/**
 * hetu-subnet/consensus: the maths, pure and synchronous: aggregating miners' answers, scores and
 * weights, the Yuma epoch, the chain's emission rules (docs/emission.md).
 *
 * @module hetu-subnet/consensus
 */
export {
  type AggregateOptions,
  type Aggregation,
  type Agreement,
  aggregateResults,
  type MinerResponse,
  type ResultGroup,
} from './aggregate/aggregateResults.js'
export { canonicalResultKey } from './aggregate/canonicalKey.js'
export { alphaEmission, blockEmission, halvingCount } from './emission/blockEmission.js'
export {
  applyCoinbase,
  ownerCutOf,
  type SubnetCoinbase,
  subnetCoinbase,
  subnetRewardRate,
} from './emission/coinbase.js'
export {
  type EmissionBlockInput,
  type EmissionBlockResult,
  emissionForBlock,
} from './emission/emissionBlock.js'
export { isEpochBlock, nextEpochBlock } from './emission/epochSchedule.js'
export { DEFAULT_EMISSION_PARAMS, type EmissionParams } from './emission/params.js'
export { updateMovingPrice } from './emission/price.js'
export { subnetRewardPerBlock, subnetShareRatio } from './emission/subnetShare.js'
export type { SubnetEmissionState } from './emission/subnetState.js'
export { type BondsMatrix, bondsFromRecord, bondsToRecord, NO_BONDS } from './epoch/bonds.js'
export { type LiquidAlphaParams, liquidAlpha, liquidAlphaOfMove } from './epoch/liquidAlpha.js'
export {
  DEFAULT_EPOCH_PARAMS,
  epochParamsFromHyperparams,
  KAPPA_MAX,
  resolveEpochParams,
  type YumaEpochParams,
} from './epoch/params.js'
export type { AddressKeyed, YumaParticipant } from './epoch/participants.js'
export type { PayoutMode } from './epoch/payout.js'
export type { WeightVector } from './epoch/weightMatrix.js'
export {
  type DividendsMode,
  type YumaEpochInput,
  type YumaEpochResult,
  type YumaParticipantResult,
  yumaEpoch,
} from './epoch/yumaEpoch.js'
export { ConsensusInputError } from './errors.js'
export { type MovingAverageOptions, updateScores } from './scoring/movingAverage.js'
export { normalizeWeights, WEIGHT_SCALE } from './scoring/normalizeWeights.js'
export {
  DEFAULT_SCORE_WEIGHTS,
  type ScoreOptions,
  type ScoreWeights,
  scoreResponse,
  scoreRound,
} from './scoring/scoreResponse.js'
export { type RewardSplit, type RewardSplitInput, splitRewards } from './scoring/splitRewards.js'
