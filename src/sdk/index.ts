export {
  type AskSubnetErrorType,
  type AskSubnetParameters,
  type AskSubnetResult,
  askSubnet,
  findGateways,
} from './askSubnet.js'
export {
  type DiscoveredService,
  type DiscoverServicesErrorType,
  type DiscoverServicesParameters,
  type DiscoverServicesReturnType,
  discoverServices,
} from './discoverServices.js'
export { type GatewayAttempt, GatewaysFailedError, NoGatewayError } from './errors.js'
export {
  type HetuReadOptions,
  HetuSubnet,
  type HetuSubnetConnectOptions,
  type WalletKey,
  type WalletKeys,
} from './HetuSubnet.js'
