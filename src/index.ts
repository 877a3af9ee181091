export * from './chain/abi/index.js'
export * from './consensus/index.js'
export { HetuError, type HetuErrorOptions } from './errors.js'
export {
  type AnvilOptions,
  type AnvilProcess,
  anvilBinaryPath,
  type DevAccount,
  startAnvil,
} from './localnet/anvil.js'
export {
  DEAD_ADDRESS,
  type DeployOptions,
  type DeployResult,
  deployHetuContracts,
  type HetuContracts,
  LOCAL_TREASURY,
  MULTICALL3_ADDRESS,
  SYSTEM_ADDRESS,
} from './localnet/deploy.js'
export {
  LOCAL_CHAIN_ID,
  type Localnet,
  type LocalnetInfo,
  type LocalnetOptions,
  startLocalnet,
} from './localnet/localnet.js'
