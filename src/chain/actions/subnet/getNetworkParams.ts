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

/**
 * Network-wide subnet registration parameters: minimum lock, last lock, rate limit, decay interval, and
 * the netuid the next registration gets. That one comes from `getNextNetuid()` in the same round trip:
 * the public SubnetManager's `getNetworkParams()` returns its `nextNetuid` variable, which is never
 * updated (always 1).
 */
export async function getNetworkParams(
  client: HetuBaseClient,
  { blockNumber }: GetNetworkParamsParameters = {},
): Promise<GetNetworkParamsReturnType> {
  const address = contractAddress(client, 'SubnetManager')
  const [[minLock, lastLock, lastLockBlock, rateLimit, reductionInterval, totalNetworks], nextNetuid] =
    await Promise.all([
      readHetu(client, 'getNetworkParams', {
        address,
        abi: SubnetManagerAbi,
        functionName: 'getNetworkParams',
        blockNumber,
      }),
      readHetu(client, 'getNetworkParams', {
        address,
        abi: SubnetManagerAbi,
        functionName: 'getNextNetuid',
        blockNumber,
      }),
    ])
  return { minLock, lastLock, lastLockBlock, rateLimit, reductionInterval, totalNetworks, nextNetuid }
}
