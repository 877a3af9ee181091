// Public surface of the chain layer: client, facade, actions, networks, errors, amounts.

export {
  type GetPoolInfoErrorType,
  type GetPoolInfoParameters,
  type GetPoolInfoReturnType,
  getPoolInfo,
} from './actions/amm/getPoolInfo.js'
export {
  type QuoteSwapErrorType,
  type QuoteSwapParameters,
  type QuoteSwapReturnType,
  quoteSwap,
} from './actions/amm/quoteSwap.js'
export {
  type SwapAlphaForHetuErrorType,
  type SwapAlphaForHetuParameters,
  type SwapAlphaForHetuReturnType,
  swapAlphaForHetu,
} from './actions/amm/swapAlphaForHetu.js'
export {
  type SwapHetuForAlphaErrorType,
  type SwapHetuForAlphaParameters,
  type SwapHetuForAlphaReturnType,
  swapHetuForAlpha,
} from './actions/amm/swapHetuForAlpha.js'
export {
  type GetCurrentBlockErrorType,
  type GetCurrentBlockParameters,
  type GetCurrentBlockReturnType,
  getCurrentBlock,
} from './actions/block/getCurrentBlock.js'
export {
  type GetStakeStatusErrorType,
  type GetStakeStatusParameters,
  type GetStakeStatusReturnType,
  getStakeStatus,
} from './actions/monitoring/getStakeStatus.js'
export {
  type GetSubnetHealthErrorType,
  type GetSubnetHealthParameters,
  type GetSubnetHealthReturnType,
  getSubnetHealth,
} from './actions/monitoring/getSubnetHealth.js'
export {
  type GetSubnetRewardRateErrorType,
  type GetSubnetRewardRateParameters,
  type GetSubnetRewardRateReturnType,
  getSubnetRewardRate,
} from './actions/monitoring/getSubnetRewardRate.js'
export {
  type DeregisterNeuronErrorType,
  type DeregisterNeuronParameters,
  type DeregisterNeuronReturnType,
  deregisterNeuron,
} from './actions/neuron/deregisterNeuron.js'
export {
  type GetNeuronInfoErrorType,
  type GetNeuronInfoParameters,
  type GetNeuronInfoReturnType,
  getNeuronInfo,
} from './actions/neuron/getNeuronInfo.js'
export {
  type GetNeuronInfosErrorType,
  type GetNeuronInfosParameters,
  type GetNeuronInfosReturnType,
  getNeuronInfos,
} from './actions/neuron/getNeuronInfos.js'
export {
  type GetNeuronListErrorType,
  type GetNeuronListParameters,
  type GetNeuronListReturnType,
  getNeuronList,
} from './actions/neuron/getNeuronList.js'
export {
  type GetSubnetMinerCountErrorType,
  type GetSubnetMinerCountParameters,
  type GetSubnetMinerCountReturnType,
  getSubnetMinerCount,
} from './actions/neuron/getSubnetMinerCount.js'
export {
  type GetSubnetMinersErrorType,
  type GetSubnetMinersParameters,
  type GetSubnetMinersReturnType,
  getSubnetMiners,
} from './actions/neuron/getSubnetMiners.js'
export {
  type GetSubnetNeuronCountErrorType,
  type GetSubnetNeuronCountParameters,
  type GetSubnetNeuronCountReturnType,
  getSubnetNeuronCount,
} from './actions/neuron/getSubnetNeuronCount.js'
export {
  type GetSubnetNeuronsErrorType,
  type GetSubnetNeuronsParameters,
  type GetSubnetNeuronsReturnType,
  getSubnetNeurons,
} from './actions/neuron/getSubnetNeurons.js'
export {
  type GetSubnetValidatorCountErrorType,
  type GetSubnetValidatorCountParameters,
  type GetSubnetValidatorCountReturnType,
  getSubnetValidatorCount,
} from './actions/neuron/getSubnetValidatorCount.js'
export {
  type GetSubnetValidatorsErrorType,
  type GetSubnetValidatorsParameters,
  type GetSubnetValidatorsReturnType,
  getSubnetValidators,
} from './actions/neuron/getSubnetValidators.js'
export {
  type RegisterNeuronErrorType,
  type RegisterNeuronParameters,
  type RegisterNeuronReturnType,
  registerNeuron,
} from './actions/neuron/registerNeuron.js'
export {
  type UpdateNeuronServiceErrorType,
  type UpdateNeuronServiceParameters,
  type UpdateNeuronServiceReturnType,
  updateNeuronService,
} from './actions/neuron/updateNeuronService.js'
export {
  type AddGlobalStakeErrorType,
  type AddGlobalStakeParameters,
  type AddGlobalStakeReturnType,
  addGlobalStake,
} from './actions/staking/addGlobalStake.js'
export {
  type AllocateToSubnetErrorType,
  type AllocateToSubnetParameters,
  type AllocateToSubnetReturnType,
  allocateToSubnet,
} from './actions/staking/allocateToSubnet.js'
export {
  type DeallocateFromSubnetErrorType,
  type DeallocateFromSubnetParameters,
  type DeallocateFromSubnetReturnType,
  deallocateFromSubnet,
} from './actions/staking/deallocateFromSubnet.js'
export {
  type GetAvailableStakeErrorType,
  type GetAvailableStakeParameters,
  type GetAvailableStakeReturnType,
  getAvailableStake,
} from './actions/staking/getAvailableStake.js'
export {
  type GetStakeInfoErrorType,
  type GetStakeInfoParameters,
  type GetStakeInfoReturnType,
  getStakeInfo,
} from './actions/staking/getStakeInfo.js'
export {
  type GetSubnetAllocationErrorType,
  type GetSubnetAllocationParameters,
  type GetSubnetAllocationReturnType,
  getSubnetAllocation,
} from './actions/staking/getSubnetAllocation.js'
export {
  type MoveStakeErrorType,
  type MoveStakeParameters,
  type MoveStakeReturnType,
  moveStake,
} from './actions/staking/moveStake.js'
export {
  type RemoveGlobalStakeErrorType,
  type RemoveGlobalStakeParameters,
  type RemoveGlobalStakeReturnType,
  removeGlobalStake,
} from './actions/staking/removeGlobalStake.js'
export {
  type ActivateSubnetErrorType,
  type ActivateSubnetParameters,
  type ActivateSubnetReturnType,
  activateSubnet,
} from './actions/subnet/activateSubnet.js'
export {
  type AddSubnetMinterErrorType,
  type AddSubnetMinterParameters,
  type AddSubnetMinterReturnType,
  addSubnetMinter,
} from './actions/subnet/addSubnetMinter.js'
export {
  checkSubnetParams,
  type SubnetParamProblem,
} from './actions/subnet/checkSubnetParams.js'
export {
  type GetNetworkLockCostErrorType,
  type GetNetworkLockCostParameters,
  type GetNetworkLockCostReturnType,
  getNetworkLockCost,
} from './actions/subnet/getNetworkLockCost.js'
export {
  type GetNetworkParamsErrorType,
  type GetNetworkParamsParameters,
  type GetNetworkParamsReturnType,
  getNetworkParams,
} from './actions/subnet/getNetworkParams.js'
export {
  type GetSubnetDetailsErrorType,
  type GetSubnetDetailsParameters,
  type GetSubnetDetailsReturnType,
  getSubnetDetails,
} from './actions/subnet/getSubnetDetails.js'
export {
  type GetSubnetInfoErrorType,
  type GetSubnetInfoParameters,
  type GetSubnetInfoReturnType,
  getSubnetInfo,
} from './actions/subnet/getSubnetInfo.js'
export {
  type GetSubnetParamsErrorType,
  type GetSubnetParamsParameters,
  type GetSubnetParamsReturnType,
  getSubnetParams,
} from './actions/subnet/getSubnetParams.js'
export {
  type GetSubnetsErrorType,
  type GetSubnetsParameters,
  type GetSubnetsReturnType,
  getSubnets,
} from './actions/subnet/getSubnets.js'
export {
  type RegisterSubnetErrorType,
  type RegisterSubnetParameters,
  type RegisterSubnetReturnType,
  registerSubnet,
  subnetRegistrationBlock,
} from './actions/subnet/registerSubnet.js'
export {
  type RemoveSubnetMinterErrorType,
  type RemoveSubnetMinterParameters,
  type RemoveSubnetMinterReturnType,
  removeSubnetMinter,
} from './actions/subnet/removeSubnetMinter.js'
export {
  type UpdateNetworkConfigErrorType,
  type UpdateNetworkConfigParameters,
  type UpdateNetworkConfigReturnType,
  updateNetworkConfig,
} from './actions/subnet/updateNetworkConfig.js'
export {
  type UpdateSubnetParamsErrorType,
  type UpdateSubnetParamsParameters,
  type UpdateSubnetParamsReturnType,
  updateSubnetParams,
} from './actions/subnet/updateSubnetParams.js'
export {
  type WaitForSubnetRateLimitErrorType,
  type WaitForSubnetRateLimitParameters,
  type WaitForSubnetRateLimitReturnType,
  waitForSubnetRateLimit,
} from './actions/subnet/waitForSubnetRateLimit.js'
export {
  type GetAlphaBalanceErrorType,
  type GetAlphaBalanceParameters,
  type GetAlphaBalanceReturnType,
  getAlphaBalance,
} from './actions/token/getAlphaBalance.js'
export {
  type GetBalanceErrorType,
  type GetBalanceParameters,
  type GetBalanceReturnType,
  getBalance,
} from './actions/token/getBalance.js'
export {
  type GetBalancesErrorType,
  type GetBalancesParameters,
  type GetBalancesReturnType,
  getBalances,
} from './actions/token/getBalances.js'
export {
  type TransferErrorType,
  type TransferParameters,
  type TransferReturnType,
  transfer,
} from './actions/token/transfer.js'
export {
  type UnwrapHetuErrorType,
  type UnwrapHetuParameters,
  type UnwrapHetuReturnType,
  unwrapHetu,
} from './actions/token/unwrapHetu.js'
export {
  type WrapHetuErrorType,
  type WrapHetuParameters,
  type WrapHetuReturnType,
  wrapHetu,
} from './actions/token/wrapHetu.js'
export {
  type GetWeightsErrorType,
  type GetWeightsParameters,
  type GetWeightsReturnType,
  getWeights,
} from './actions/weights/getWeights.js'
export {
  type SetWeightsErrorType,
  type SetWeightsParameters,
  type SetWeightsReturnType,
  setWeights,
} from './actions/weights/setWeights.js'
export { formatHetu, HETU_DECIMALS, parseHetu } from './amounts.js'
export {
  type CreateHetuClientOptions,
  createHetuClient,
  type HetuClient,
} from './client/createHetuClient.js'
export { type HetuActions, hetuActions } from './client/decorator.js'
export type { ChainLogger } from './client/logger.js'
export type { GasHeadroom, HetuBaseClient, HetuContext, ReceiptMode } from './client/types.js'
export { HETU_BLOCKINFLATION_ADDRESS } from './constants.js'
export {
  type FundingColdkey,
  InsufficientFundsError,
  TransactionRevertedError,
  TransactionTimeoutError,
  WalletLockedError,
} from './errors/account.js'
export { InvalidAmountError, InvalidArgumentError } from './errors/amount.js'
export {
  ContractRevertError,
  InsufficientAllocationError,
  InsufficientAllowanceError,
  InsufficientAvailableStakeError,
  InsufficientLiquidityError,
  InsufficientStakeError,
  InsufficientTokenBalanceError,
  InvalidContractArgumentError,
  InvalidHyperparamsError,
  NeuronAlreadyRegisteredError,
  NeuronNotRegisteredError,
  NotOwnerError,
  NotValidatorError,
  type RevertInfo,
  SlippageExceededError,
  StakeBelowThresholdError,
  StakeLockedError,
  SubnetAlreadyActiveError,
  SubnetFullError,
  SubnetNotActiveError,
  SubnetNotFoundError,
  SubnetRateLimitedError,
  UnauthorizedCallerError,
} from './errors/contract.js'
export {
  decodeRevertData,
  type ErrorContext,
  hetuErrorsAbi,
  revertCode,
  revertToError,
  toHetuError,
} from './errors/decode.js'
export { UnsupportedByContractsError } from './errors/generation.js'
export {
  AmbiguousNetworkError,
  ConfigFileError,
  MissingContractAddressError,
  MissingRpcUrlError,
  NoContractCodeError,
  RpcRequestFailedError,
  RpcUnavailableError,
  UnknownNetworkError,
  WrongNetworkError,
} from './errors/network.js'
export { AllocationBeforeRegistrationError } from './errors/staking.js'
export { DEFAULT_GAS_HEADROOM } from './internal/gas.js'
export { type ContractFeatures, contractFeatures } from './internal/generation.js'
export { checkNetwork, generationOf, type NetworkCheck } from './networks/check.js'
export {
  defaultConfigPath,
  type HetuConfig,
  type HetuConfigNetwork,
  loadHetuConfig,
  updateHetuConfig,
} from './networks/config.js'
export {
  CORE_CONTRACTS,
  contractEnvName,
  contractFlag,
  HETU_CONTRACT_NAMES,
  type HetuContractAddresses,
  type HetuContractName,
} from './networks/contracts.js'
export {
  ADD_SUBNET_MINTER_SELECTOR,
  ADDRESS_SETS,
  type AddressSetId,
  CONTRACT_GENERATIONS,
  type ContractGeneration,
  NETWORK_PRESETS,
  type NetworkPresetData,
  type PublishedAddressSet,
  type Sourced,
} from './networks/data.js'
export {
  isLocalnetAlive,
  type LocalnetInfoEmission,
  type LocalnetInfoFile,
  type LocalnetProbe,
  listLocalnetInfoFiles,
  localnetContracts,
  localnetInfoDir,
  localnetInfoPath,
  probeLocalnet,
  readLocalnetInfoFile,
} from './networks/localnetInfo.js'
export {
  customNetwork,
  findPreset,
  findPresetByChain,
  type HetuNetworkPreset,
  hetuNetworks,
  localNetwork,
  mainnetNetwork,
  presetsForChainId,
  presetsForEndpoint,
  testnet560001Network,
  testnetNetwork,
} from './networks/presets.js'
export {
  contractsFromEnv,
  finalizeNetwork,
  type NetworkOptions,
  type NetworkRequest,
  type ResolvedNetwork,
  resolveNetworkRequest,
} from './networks/resolve.js'
export type { PoolInfo, SwapBlocker, SwapDirection, SwapQuote } from './types/amm.js'
export type {
  StakeStatus,
  SubnetHealth,
  SubnetHealthIssue,
  SubnetRewardRate,
  SubnetStakeStatus,
} from './types/monitoring.js'
export type { NeuronInfo } from './types/neuron.js'
export type { ReadOptions } from './types/read.js'
export type { StakeInfo, SubnetAllocation } from './types/staking.js'
export {
  type NetworkParams,
  SUBNET_HYPERPARAM_KEYS,
  type SubnetDetails,
  type SubnetHyperparams,
  type SubnetInfo,
} from './types/subnet.js'
export type { HetuTxResult, HetuWriteResult, PrerequisiteTx, WriteOptions } from './types/tx.js'
export { MAX_WEIGHT, type WeightEntry } from './types/weights.js'
