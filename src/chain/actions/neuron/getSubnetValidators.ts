import type { Address } from 'viem'
import { NeuronManagerAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { assertNetuid, contractAddress } from '../../internal/context.js'
import { readHetu } from '../../internal/read.js'
import type { ReadOptions } from '../../types/read.js'

export type GetSubnetValidatorsParameters = { netuid: number } & ReadOptions
export type GetSubnetValidatorsReturnType = Address[]
export type GetSubnetValidatorsErrorType = RpcUnavailableError | InvalidArgumentError

/** Addresses of the subnet's validators. */
export async function getSubnetValidators(
  client: HetuBaseClient,
  { netuid, blockNumber }: GetSubnetValidatorsParameters,
): Promise<GetSubnetValidatorsReturnType> {
  assertNetuid(netuid)
  const list = await readHetu(client, 'getSubnetValidators', {
    address: contractAddress(client, 'NeuronManager'),
    abi: NeuronManagerAbi,
    functionName: 'getSubnetValidators',
    args: [netuid],
    blockNumber,
  })
  return [...list]
}
