import { NeuronManagerAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { assertNetuid, contractAddress } from '../../internal/context.js'
import { readHetu } from '../../internal/read.js'
import type { ReadOptions } from '../../types/read.js'

export type GetSubnetNeuronCountParameters = { netuid: number } & ReadOptions
export type GetSubnetNeuronCountReturnType = number
export type GetSubnetNeuronCountErrorType = RpcUnavailableError | InvalidArgumentError

/** Number of neurons (miners + validators) of the subnet. */
export async function getSubnetNeuronCount(
  client: HetuBaseClient,
  { netuid, blockNumber }: GetSubnetNeuronCountParameters,
): Promise<GetSubnetNeuronCountReturnType> {
  assertNetuid(netuid)
  const count = await readHetu(client, 'getSubnetNeuronCount', {
    address: contractAddress(client, 'NeuronManager'),
    abi: NeuronManagerAbi,
    functionName: 'getSubnetNeuronCount',
    args: [netuid],
    blockNumber,
  })
  return Number(count)
}
