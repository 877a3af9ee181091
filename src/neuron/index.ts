export { endpointHost, endpointOf, type ServiceEndpoint, sameEndpoint } from './endpoint.js'
export {
  NeuronKeyError,
  NeuronNotRegisteredYetError,
  NeuronOptionError,
  NeuronRoleMismatchError,
  NeuronStateError,
  ValidatorStoppedError,
} from './errors.js'
export type { NeuronKeyOptions, NeuronWallet } from './key.js'
export {
  type MinerAllow,
  ValidatorAllowlist,
  type ValidatorAllowOptions,
  type ValidatorLookup,
  type ValidatorView,
} from './miner/allow.js'
export { Miner, type MinerEvents, type MinerOptions } from './miner/Miner.js'
export type { NeuronRegistration } from './registration.js'
export { activeMiners, type NeuronClient, type SubnetView } from './subnetView.js'
export { type ClientLimitOptions, ClientLimits } from './validator/clientLimits.js'
export {
  CONSENSUS_HTTP_STATUS,
  type ConsensusInfo,
  type ConsensusStatus,
  consensusSchema,
  type GatewayOptions,
  type OrganicRound,
  type RunOrganicRound,
  ValidatorGateway,
  withConsensus,
} from './validator/gateway.js'
export { type MinerLoad, MinerRouter, type RoutingOptions } from './validator/minerRouter.js'
export {
  type MinerCandidate,
  type SelectionOptions,
  type SelectMinersFn,
  selectMiners,
} from './validator/selectMiners.js'
export { type ValidatorState, ValidatorStateFileError } from './validator/stateFile.js'
export type {
  StepStage,
  StepTimings,
  TaskContext,
  ValidatorEvents,
  ValidatorOptions,
  ValidatorStepReport,
  WeightsSkipReason,
} from './validator/types.js'
export { Validator } from './validator/Validator.js'
