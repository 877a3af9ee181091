import type { Address } from 'viem'
import { NeuronManagerAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { assertNetuid, contractAddress } from '../../internal/context.js'
import { readHetu } from '../../internal/read.js'
import type { ReadOptions } from '../../types/read.js'

export type GetNeuronListParameters = { netuid: number } & ReadOptions
export type GetNeuronListReturnType = Address[]
export type GetNeuronListErrorType = RpcUnavailableError | InvalidArgumentError

/** Addresses of all neurons of a subnet, in registration order (swap-and-pop on deregistration). */
export async function getNeuronList(
  client: HetuBaseClient,
  { netuid, blockNumber }: GetNeuronListParameters,
): Promise<GetNeuronListReturnType> {
  assertNetuid(netuid)
  const list = await readHetu(client, 'getNeuronList', {
    address: contractAddress(client, 'NeuronManager'),
    abi: NeuronManagerAbi,
    functionName: 'getNeuronList',
    args: [netuid],
    blockNumber,
  })
  return [...list]
}
