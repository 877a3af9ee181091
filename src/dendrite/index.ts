export { Dendrite, DendriteClosedError } from './dendrite.js'
export { isTransientFailure, type RobustQueryOptions, robustQuery } from './robustQuery.js'
export type { AxonAddress, AxonTarget, NeuronEndpoint } from './target.js'
export type { CallOptions, DendriteOptions, QueryOptions, StreamOptions, VerifyResponses } from './types.js'
