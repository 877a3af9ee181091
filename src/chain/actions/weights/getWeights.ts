import type { Address } from 'viem'
import { NeuronManagerAbi, WeightsAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { assertNetuid, contractAddress } from '../../internal/context.js'
import { readHetu, readMany } from '../../internal/read.js'
import type { ReadOptions } from '../../types/read.js'
import type { WeightEntry } from '../../types/weights.js'

export type GetWeightsParameters = {
  netuid: number
  validator: Address
  /** Destinations to read; default: every neuron of the subnet at that block. */
  dests?: readonly Address[]
} & ReadOptions
/** Non-zero weights only, in the order of `dests` (or of the neuron list). */
export type GetWeightsReturnType = WeightEntry[]
export type GetWeightsErrorType = RpcUnavailableError

/** The weights a validator last set on a subnet, read in one multicall. */
export async function getWeights(
  client: HetuBaseClient,
  { netuid, validator, dests, blockNumber }: GetWeightsParameters,
): Promise<GetWeightsReturnType> {
  assertNetuid(netuid)
  const targets =
    dests ??
    (await readHetu(client, 'getWeights', {
      address: contractAddress(client, 'NeuronManager'),
      abi: NeuronManagerAbi,
      functionName: 'getNeuronList',
      args: [netuid],
      blockNumber,
    }))
  const weights = contractAddress(client, 'Weights')
  const values = await readMany(client, 'getWeights', {
    contracts: targets.map((dest) => ({
      address: weights,
      abi: WeightsAbi,
      functionName: 'weights' as const,
      args: [netuid, validator, dest] as const,
    })),
    blockNumber,
  })
  return targets.map((dest, i) => ({ dest, weight: values[i]! })).filter((entry) => entry.weight > 0n)
}
