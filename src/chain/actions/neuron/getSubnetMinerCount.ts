import { NeuronManagerAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { assertNetuid, contractAddress } from '../../internal/context.js'
import { readMany } from '../../internal/read.js'
import type { ReadOptions } from '../../types/read.js'

export type GetSubnetMinerCountParameters = { netuid: number } & ReadOptions
export type GetSubnetMinerCountReturnType = number
export type GetSubnetMinerCountErrorType = RpcUnavailableError | InvalidArgumentError

/** Number of miners of the subnet (neurons minus validators, both read in one multicall). */
export async function getSubnetMinerCount(
  client: HetuBaseClient,
  { netuid, blockNumber }: GetSubnetMinerCountParameters,
): Promise<GetSubnetMinerCountReturnType> {
  assertNetuid(netuid)
  const address = contractAddress(client, 'NeuronManager')
  const [neurons, validators] = await readMany(client, 'getSubnetMinerCount', {
    contracts: [
      { address, abi: NeuronManagerAbi, functionName: 'getSubnetNeuronCount', args: [netuid] },
      { address, abi: NeuronManagerAbi, functionName: 'getSubnetValidatorCount', args: [netuid] },
    ],
    blockNumber,
  })
  return Number(neurons - validators)
}
