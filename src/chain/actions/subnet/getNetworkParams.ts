import { SubnetManagerAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { contractAddress } from '../../internal/context.js'
import { readHetu } from '../../internal/read.js'
import type { ReadOptions } from '../../types/read.js'
import type { NetworkParams } from '../../types/subnet.js'

export type GetNetworkParamsParameters = ReadOptions
export type GetNetworkParamsReturnType = NetworkParams
export type GetNetworkParamsErrorType = RpcUnavailableError

/** Network-wide subnet registration parameters: minimum lock, last lock, rate limit, decay interval. */
export async function getNetworkParams(
  client: HetuBaseClient,
  { blockNumber }: GetNetworkParamsParameters = {},
): Promise<GetNetworkParamsReturnType> {
  const [minLock, lastLock, lastLockBlock, rateLimit, reductionInterval, totalNetworks, nextNetuid] =
    await readHetu(client, 'getNetworkParams', {
      address: contractAddress(client, 'SubnetManager'),
      abi: SubnetManagerAbi,
      functionName: 'getNetworkParams',
      blockNumber,
    })
  return { minLock, lastLock, lastLockBlock, rateLimit, reductionInterval, totalNetworks, nextNetuid }
}
