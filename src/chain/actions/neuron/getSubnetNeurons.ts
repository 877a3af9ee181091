import { NeuronManagerAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { assertNetuid, contractAddress } from '../../internal/context.js'
import { toNeuronInfo } from '../../internal/convert.js'
import { readHetu, readMany } from '../../internal/read.js'
import type { NeuronInfo } from '../../types/neuron.js'
import type { ReadOptions } from '../../types/read.js'

export type GetSubnetNeuronsParameters = { netuid: number } & ReadOptions
export type GetSubnetNeuronsReturnType = NeuronInfo[]
export type GetSubnetNeuronsErrorType = RpcUnavailableError

/**
 * Info of every neuron of a subnet in two round trips whatever the count: getNeuronList, then every
 * getNeuronInfo through Multicall3 (chunks sent together in one JSON-RPC batch). Pass `blockNumber` to
 * pin both reads to one block; a neuron that left between the two "latest" reads is dropped.
 */
export async function getSubnetNeurons(
  client: HetuBaseClient,
  { netuid, blockNumber }: GetSubnetNeuronsParameters,
): Promise<GetSubnetNeuronsReturnType> {
  assertNetuid(netuid)
  const address = contractAddress(client, 'NeuronManager')
  const list = await readHetu(client, 'getSubnetNeurons', {
    address,
    abi: NeuronManagerAbi,
    functionName: 'getNeuronList',
    args: [netuid],
    blockNumber,
  })
  const infos = await readMany(client, 'getSubnetNeurons', {
    contracts: list.map((account) => ({
      address,
      abi: NeuronManagerAbi,
      functionName: 'getNeuronInfo' as const,
      args: [netuid, account] as const,
    })),
    blockNumber,
  })
  return infos.map(toNeuronInfo).filter((n): n is NeuronInfo => n !== null)
}
