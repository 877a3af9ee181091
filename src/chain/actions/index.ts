/**
 * hetu-subnet/actions: one function per contract call, viem style (a client first, then parameters),
 * their types, a client without them bound (`createHetuBaseClient`: a program that imports only the
 * actions it calls bundles only their code), the decorator that puts them on a client, the ABIs and the
 * revert decoding for calls of one's own.
 *
 * @module hetu-subnet/actions
 */
export * from '../abi/index.js'
export { createHetuBaseClient } from '../client/createHetuBaseClient.js'
export { type HetuActions, hetuActions } from '../client/decorator.js'
export type { HetuBaseClient, HetuContext } from '../client/types.js'
export {
  decodeRevertData,
  type ErrorContext,
  hetuErrorsAbi,
  revertCode,
  revertToError,
  toHetuError,
} from '../errors/decode.js'
export { type ContractFeatures, contractFeatures } from '../internal/generation.js'
export {
  type GetPoolInfoErrorType,
  type GetPoolInfoParameters,
  type GetPoolInfoReturnType,
  getPoolInfo,
} from './amm/getPoolInfo.js'
export {
  type QuoteSwapErrorType,
  type QuoteSwapParameters,
  type QuoteSwapReturnType,
  quoteSwap,
} from './amm/quoteSwap.js'
export {
  type SwapAlphaForHetuErrorType,
  type SwapAlphaForHetuParameters,
  type SwapAlphaForHetuReturnType,
  swapAlphaForHetu,
} from './amm/swapAlphaForHetu.js'
export {
  type SwapHetuForAlphaErrorType,
  type SwapHetuForAlphaParameters,
  type SwapHetuForAlphaReturnType,
  swapHetuForAlpha,
} from './amm/swapHetuForAlpha.js'
export {
  type GetCurrentBlockErrorType,
  type GetCurrentBlockParameters,
  type GetCurrentBlockReturnType,
  getCurrentBlock,
} from './block/getCurrentBlock.js'
export {
  type GetStakeStatusErrorType,
  type GetStakeStatusParameters,
  type GetStakeStatusReturnType,
  getStakeStatus,
} from './monitoring/getStakeStatus.js'
export {
  type GetSubnetHealthErrorType,
  type GetSubnetHealthParameters,
  type GetSubnetHealthReturnType,
  getSubnetHealth,
} from './monitoring/getSubnetHealth.js'
export {
  type GetSubnetRewardRateErrorType,
  type GetSubnetRewardRateParameters,
  type GetSubnetRewardRateReturnType,
  getSubnetRewardRate,
} from './monitoring/getSubnetRewardRate.js'
export {
  type DeregisterNeuronErrorType,
  type DeregisterNeuronParameters,
  type DeregisterNeuronReturnType,
  deregisterNeuron,
} from './neuron/deregisterNeuron.js'
export {
  type GetNeuronInfoErrorType,
  type GetNeuronInfoParameters,
  type GetNeuronInfoReturnType,
  getNeuronInfo,
} from './neuron/getNeuronInfo.js'
export {
  type GetNeuronInfosErrorType,
  type GetNeuronInfosParameters,
  type GetNeuronInfosReturnType,
  getNeuronInfos,
} from './neuron/getNeuronInfos.js'
export {
  type GetNeuronListErrorType,
  type GetNeuronListParameters,
  type GetNeuronListReturnType,
  getNeuronList,
} from './neuron/getNeuronList.js'
export {
  type GetSubnetMinerCountErrorType,
  type GetSubnetMinerCountParameters,
  type GetSubnetMinerCountReturnType,
  getSubnetMinerCount,
} from './neuron/getSubnetMinerCount.js'
export {
  type GetSubnetMinersErrorType,
  type GetSubnetMinersParameters,
  type GetSubnetMinersReturnType,
  getSubnetMiners,
} from './neuron/getSubnetMiners.js'
export {
  type GetSubnetNeuronCountErrorType,
  type GetSubnetNeuronCountParameters,
  type GetSubnetNeuronCountReturnType,
  getSubnetNeuronCount,
} from './neuron/getSubnetNeuronCount.js'
export {
  type GetSubnetNeuronsErrorType,
  type GetSubnetNeuronsParameters,
  type GetSubnetNeuronsReturnType,
  getSubnetNeurons,
} from './neuron/getSubnetNeurons.js'
export {
  type GetSubnetValidatorCountErrorType,
  type GetSubnetValidatorCountParameters,
  type GetSubnetValidatorCountReturnType,
  getSubnetValidatorCount,
} from './neuron/getSubnetValidatorCount.js'
export {
  type GetSubnetValidatorsErrorType,
  type GetSubnetValidatorsParameters,
  type GetSubnetValidatorsReturnType,
  getSubnetValidators,
} from './neuron/getSubnetValidators.js'
export {
  type RegisterNeuronErrorType,
  type RegisterNeuronParameters,
  type RegisterNeuronReturnType,
  registerNeuron,
} from './neuron/registerNeuron.js'
export {
  type UpdateNeuronServiceErrorType,
  type UpdateNeuronServiceParameters,
  type UpdateNeuronServiceReturnType,
  updateNeuronService,
} from './neuron/updateNeuronService.js'
export {
  type AddGlobalStakeErrorType,
  type AddGlobalStakeParameters,
  type AddGlobalStakeReturnType,
  addGlobalStake,
} from './staking/addGlobalStake.js'
export {
  type AllocateToSubnetErrorType,
  type AllocateToSubnetParameters,
  type AllocateToSubnetReturnType,
  allocateToSubnet,
} from './staking/allocateToSubnet.js'
export {
  type DeallocateFromSubnetErrorType,
  type DeallocateFromSubnetParameters,
  type DeallocateFromSubnetReturnType,
  deallocateFromSubnet,
} from './staking/deallocateFromSubnet.js'
export {
  type GetAvailableStakeErrorType,
  type GetAvailableStakeParameters,
  type GetAvailableStakeReturnType,
  getAvailableStake,
} from './staking/getAvailableStake.js'
export {
  type GetStakeInfoErrorType,
  type GetStakeInfoParameters,
  type GetStakeInfoReturnType,
  getStakeInfo,
} from './staking/getStakeInfo.js'
export {
  type GetSubnetAllocationErrorType,
  type GetSubnetAllocationParameters,
  type GetSubnetAllocationReturnType,
  getSubnetAllocation,
} from './staking/getSubnetAllocation.js'
export {
  type MoveStakeErrorType,
  type MoveStakeParameters,
  type MoveStakeReturnType,
  moveStake,
} from './staking/moveStake.js'
export {
  type RemoveGlobalStakeErrorType,
  type RemoveGlobalStakeParameters,
  type RemoveGlobalStakeReturnType,
  removeGlobalStake,
} from './staking/removeGlobalStake.js'
export {
  type ActivateSubnetErrorType,
  type ActivateSubnetParameters,
  type ActivateSubnetReturnType,
  activateSubnet,
} from './subnet/activateSubnet.js'
export {
  type AddSubnetMinterErrorType,
  type AddSubnetMinterParameters,
  type AddSubnetMinterReturnType,
  addSubnetMinter,
} from './subnet/addSubnetMinter.js'
export {
  checkSubnetParams,
  type SubnetParamProblem,
} from './subnet/checkSubnetParams.js'
export {
  type GetAllSubnetDetailsErrorType,
  type GetAllSubnetDetailsParameters,
  type GetAllSubnetDetailsReturnType,
  getAllSubnetDetails,
} from './subnet/getAllSubnetDetails.js'
export {
  type GetNetworkLockCostErrorType,
  type GetNetworkLockCostParameters,
  type GetNetworkLockCostReturnType,
  getNetworkLockCost,
} from './subnet/getNetworkLockCost.js'
export {
  type GetNetworkParamsErrorType,
  type GetNetworkParamsParameters,
  type GetNetworkParamsReturnType,
  getNetworkParams,
} from './subnet/getNetworkParams.js'
export {
  type GetSubnetDetailsErrorType,
  type GetSubnetDetailsParameters,
  type GetSubnetDetailsReturnType,
  getSubnetDetails,
} from './subnet/getSubnetDetails.js'
export {
  type GetSubnetInfoErrorType,
  type GetSubnetInfoParameters,
  type GetSubnetInfoReturnType,
  getSubnetInfo,
} from './subnet/getSubnetInfo.js'
export {
  type GetSubnetParamsErrorType,
  type GetSubnetParamsParameters,
  type GetSubnetParamsReturnType,
  getSubnetParams,
} from './subnet/getSubnetParams.js'
export {
  type GetSubnetsErrorType,
  type GetSubnetsParameters,
  type GetSubnetsReturnType,
  getSubnets,
} from './subnet/getSubnets.js'
export {
  type RegisterSubnetErrorType,
  type RegisterSubnetParameters,
  type RegisterSubnetReturnType,
  registerSubnet,
  subnetRegistrationBlock,
} from './subnet/registerSubnet.js'
export {
  type RemoveSubnetMinterErrorType,
  type RemoveSubnetMinterParameters,
  type RemoveSubnetMinterReturnType,
  removeSubnetMinter,
} from './subnet/removeSubnetMinter.js'
export {
  type UpdateNetworkConfigErrorType,
  type UpdateNetworkConfigParameters,
  type UpdateNetworkConfigReturnType,
  updateNetworkConfig,
} from './subnet/updateNetworkConfig.js'
export {
  type UpdateSubnetParamsErrorType,
  type UpdateSubnetParamsParameters,
  type UpdateSubnetParamsReturnType,
  updateSubnetParams,
} from './subnet/updateSubnetParams.js'
export {
  type WaitForSubnetRateLimitErrorType,
  type WaitForSubnetRateLimitParameters,
  type WaitForSubnetRateLimitReturnType,
  waitForSubnetRateLimit,
} from './subnet/waitForSubnetRateLimit.js'
export {
  type GetAlphaBalanceErrorType,
  type GetAlphaBalanceParameters,
  type GetAlphaBalanceReturnType,
  getAlphaBalance,
} from './token/getAlphaBalance.js'
export {
  type GetBalanceErrorType,
  type GetBalanceParameters,
  type GetBalanceReturnType,
  getBalance,
} from './token/getBalance.js'
export {
  type GetBalancesErrorType,
  type GetBalancesParameters,
  type GetBalancesReturnType,
  getBalances,
} from './token/getBalances.js'
export {
  type TransferErrorType,
  type TransferParameters,
  type TransferReturnType,
  transfer,
} from './token/transfer.js'
export {
  type UnwrapHetuErrorType,
  type UnwrapHetuParameters,
  type UnwrapHetuReturnType,
  unwrapHetu,
} from './token/unwrapHetu.js'
export {
  type WrapHetuErrorType,
  type WrapHetuParameters,
  type WrapHetuReturnType,
  wrapHetu,
} from './token/wrapHetu.js'
export {
  type GetWeightsErrorType,
  type GetWeightsParameters,
  type GetWeightsReturnType,
  getWeights,
} from './weights/getWeights.js'
export {
  type SetWeightsErrorType,
  type SetWeightsParameters,
  type SetWeightsReturnType,
  setWeights,
} from './weights/setWeights.js'
