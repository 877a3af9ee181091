export {
  type EmissionEvents,
  type EmissionModule,
  type StartEmissionParameters,
  startEmission,
} from './EmissionModule.js'
export { EmissionBlockError, EmissionOptionsError, EmissionStoppedError } from './errors.js'
export { type EmissionInfo, type EmissionOptions, emissionRuleDefaults } from './options.js'
export type {
  BlockReport,
  EmissionTotals,
  EpochParticipantReport,
  EpochReport,
  SkippedSubnet,
  SubnetBlockReport,
  SubnetTotals,
} from './reports.js'
export { SYSTEM_BATCH_ADDRESS } from './systemCalls.js'
