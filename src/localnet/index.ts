/**
 * hetu-subnet/localnet: a Hetu chain of one's own on anvil (startLocalnet), the chain's part it plays
 * (emission, epochs: docs/emission.md), its rules, and the info file other processes find it by.
 *
 * @module hetu-subnet/localnet
 */
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
} from '../chain/networks/localnetInfo.js'
export type { DevAccount } from './anvil.js'
export {
  DEAD_ADDRESS,
  type HetuContracts,
  LOCAL_TREASURY,
  MULTICALL3_ADDRESS,
  SYSTEM_ADDRESS,
} from './deploy.js'
export {
  type BlockReport,
  EmissionBlockError,
  type EmissionEvents,
  type EmissionInfo,
  type EmissionModule,
  type EmissionOptions,
  EmissionOptionsError,
  EmissionStoppedError,
  type EmissionTotals,
  type EpochParticipantReport,
  type EpochReport,
  emissionRuleDefaults,
  type SkippedSubnet,
  type StartEmissionParameters,
  type SubnetBlockReport,
  type SubnetTotals,
  SYSTEM_BATCH_ADDRESS,
  startEmission,
} from './emission/index.js'
export {
  LOCAL_CHAIN_ID,
  type Localnet,
  type LocalnetInfo,
  type LocalnetOptions,
  startLocalnet,
} from './localnet.js'
export { AnvilStartError, PortInUseError } from './processes.js'
export {
  DEFAULT_LOCALNET_RULES,
  type LocalnetRules,
  LocalnetRulesError,
  resolveLocalnetRules,
} from './rules.js'
