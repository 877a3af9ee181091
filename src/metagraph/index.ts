export { axonOf } from './axon.js'
export type { EpochViews, MetagraphEpochOptions } from './epoch.js'
export { MetagraphClientMissingError, MetagraphFileError, MetagraphNetworkMismatchError } from './errors.js'
export { METAGRAPH_FILE_FORMAT, METAGRAPH_FILE_VERSION, type MetagraphJson } from './file.js'
export {
  Metagraph,
  type MetagraphLoadOptions,
  type MetagraphOptions,
  type MetagraphStanding,
  type MetagraphSyncParameters,
} from './Metagraph.js'
export { type MetagraphRow, metagraphRows } from './rows.js'
export type { ResyncResult } from './sync/resync.js'
export type { MetagraphAxon, MetagraphNeuron } from './types.js'
