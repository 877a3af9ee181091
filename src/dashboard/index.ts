export { type AxonProbeOptions, AxonProber, type AxonStatus } from './axonStatus.js'
export {
  DashboardAssetsError,
  DashboardListenError,
  DashboardOptionError,
  DashboardStateError,
  DashboardStoreError,
} from './errors.js'
export {
  type BlockNews,
  Indexer,
  type IndexerEvents,
  type IndexerListener,
  type IndexerOptions,
  type IndexerStatus,
} from './indexer.js'
export { type Dashboard, defaultDashboardDb, type StartDashboardOptions, startDashboard } from './server.js'
export {
  type ChainRow,
  DashboardStore,
  type EpochSnapshot,
  type EventRow,
  type NeuronEpochRow,
  type PoolRow,
  type RangeWrite,
  STORE_VERSION,
  type StoreRow,
} from './store.js'
