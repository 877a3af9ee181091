import { NeuronManagerAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { assertNetuid, contractAddress } from '../../internal/context.js'
import { readHetu } from '../../internal/read.js'
import type { ReadOptions } from '../../types/read.js'

export type GetSubnetValidatorCountParameters = { netuid: number } & ReadOptions
export type GetSubnetValidatorCountReturnType = number
export type GetSubnetValidatorCountErrorType = RpcUnavailableError | InvalidArgumentError

/** Number of validators of the subnet. */
export async function getSubnetValidatorCount(
  client: HetuBaseClient,
  { netuid, blockNumber }: GetSubnetValidatorCountParameters,
): Promise<GetSubnetValidatorCountReturnType> {
  assertNetuid(netuid)
  const count = await readHetu(client, 'getSubnetValidatorCount', {
    address: contractAddress(client, 'NeuronManager'),
    abi: NeuronManagerAbi,
    functionName: 'getSubnetValidatorCount',
    args: [netuid],
    blockNumber,
  })
  return Number(count)
}
