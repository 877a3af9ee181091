// The chain layer's read API for the layers above it (the metagraph reads a whole subnet with these).
// chain/internal/ is private to chain/: test/architecture/layers.test.ts holds every other folder to this
// file, the actions and the types.
export { assertNetuid, contractAddress } from './internal/context.js'
export { toHyperparams, toSubnetInfo, withLiveStake } from './internal/convert.js'
export { readHetu, readMany } from './internal/read.js'
export { rewardRateOf } from './internal/rewardRate.js'
export { readManyAtBlock, subnetReadFailed } from './internal/snapshot.js'
