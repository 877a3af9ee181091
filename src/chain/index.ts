// What the package root offers of the chain layer: the client, amounts, networks, errors and the types
// the actions and the facade return. The actions themselves are hetu-subnet/actions (./actions/index.ts).
export { formatHetu, HETU_DECIMALS, parseHetu } from './amounts.js'
export {
  type CreateHetuClientOptions,
  createHetuClient,
  type HetuClient,
} from './client/createHetuClient.js'
export type { ChainLogger } from './client/logger.js'
export type { GasHeadroom, HetuContext, ReceiptMode } from './client/types.js'
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
export { checkNetwork, type NetworkCheck } from './networks/check.js'
export type { HetuConfig, HetuConfigNetwork } from './networks/config.js'
export {
  HETU_CONTRACT_NAMES,
  type HetuContractAddresses,
  type HetuContractName,
} from './networks/contracts.js'
export type { ContractGeneration, Sourced } from './networks/data.js'
export {
  customNetwork,
  type HetuNetworkPreset,
  hetuNetworks,
  localNetwork,
  mainnetNetwork,
  testnet560001Network,
  testnetNetwork,
} from './networks/presets.js'
export type { NetworkOptions, NetworkRequest, ResolvedNetwork } from './networks/resolve.js'
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
