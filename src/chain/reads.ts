// The chain layer's read API for the layers above it (the metagraph reads a whole subnet with these; the
// localnet's block loop reads and writes with the same codec).
// chain/internal/ is private to chain/: test/architecture/layers.test.ts holds every other folder to this
// file, the actions and the types.

// The one codec of the contracts' structs and the multicall shapes (chain/internal/codec/).
export * from './internal/codec/index.js'
export { assertNetuid, contractAddress } from './internal/context.js'
export { toHyperparams, toSubnetInfo, withLiveStake } from './internal/convert.js'
export { readHetu, readMany, readRaw, withMulticall } from './internal/read.js'
export { rewardRateOf } from './internal/rewardRate.js'
// The one JSON-RPC transport (batches over node:http), shared with the chain client's viem transport.
export {
  type RpcBatchOptions,
  type RpcOutcome,
  type RpcRequest,
  rpc,
  rpcBatch,
  rpcBatchSettled,
} from './internal/rpc.js'
export { readManyAtBlock, subnetReadFailed } from './internal/snapshot.js'
