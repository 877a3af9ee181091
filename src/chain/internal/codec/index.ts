// The one ABI codec of the contracts' structs and the multicall shapes the chain is read with in bulk
// (the actions, the metagraph, the localnet's block loop): word level, tens of times faster than
// viem's generic codec. Re-exported for the layers above through chain/reads.ts.
export {
  decodeAddresses,
  decodeAggregate,
  decodeAggregate3,
  decodeBool,
  decodeNeuronInfo,
  decodeNeuronInfoFields,
  decodePoolReserves,
  decodeUint,
  decodeWeights,
} from './decode.js'
export { type Call, callData, encodeAggregate, encodeAggregate3, encodeExecuteGroups } from './encode.js'
export { Words } from './words.js'
