export { Axon, AxonError, type HandlerFor } from './axon.js'
export type { DiscoveredSynapse, DiscoveryDocument } from './discovery.js'
export { type NeuronLookup, type NeuronStanding, onlyValidators, priorityByStake } from './helpers.js'
export {
  createRedisNonceStore,
  NonceStoreError,
  type RedisNonceStore,
  type RedisNonceStoreOptions,
} from './redisNonceStore.js'
export { ForwardError, type RejectionReason } from './rejection.js'
export type { SessionOptions } from './sessions.js'
export type {
  AttachOptions,
  AxonInfo,
  AxonLogger,
  AxonOptions,
  BlacklistFn,
  BlacklistRequest,
  BlacklistResult,
  CallerContext,
  ForwardContext,
  ForwardFn,
  ForwardResult,
  StreamForwardFn,
} from './types.js'
