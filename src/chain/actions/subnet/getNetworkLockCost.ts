import { SubnetManagerAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { contractAddress } from '../../internal/context.js'
import { readHetu } from '../../internal/read.js'
import type { ReadOptions } from '../../types/read.js'

export type GetNetworkLockCostParameters = ReadOptions
export type GetNetworkLockCostReturnType = bigint
export type GetNetworkLockCostErrorType = RpcUnavailableError

/** WHETU (wei) a subnet registration locks right now; it decays every block after a registration. */
export async function getNetworkLockCost(
  client: HetuBaseClient,
  { blockNumber }: GetNetworkLockCostParameters = {},
): Promise<GetNetworkLockCostReturnType> {
  return readHetu(client, 'getNetworkLockCost', {
    address: contractAddress(client, 'SubnetManager'),
    abi: SubnetManagerAbi,
    functionName: 'getNetworkLockCost',
    blockNumber,
  })
}
