import { SubnetManagerAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import type { SubnetNotFoundError } from '../../errors/contract.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { assertNetuid, contractAddress } from '../../internal/context.js'
import { toSubnetInfo } from '../../internal/convert.js'
import { withSubject } from '../../internal/enrich.js'
import { readHetu } from '../../internal/read.js'
import type { ReadOptions } from '../../types/read.js'
import type { SubnetInfo } from '../../types/subnet.js'

export type GetSubnetInfoParameters = { netuid: number } & ReadOptions
export type GetSubnetInfoReturnType = SubnetInfo
export type GetSubnetInfoErrorType = SubnetNotFoundError | RpcUnavailableError | InvalidArgumentError

/** Owner, Alpha token, AMM pool, locked amounts, activation state, name and description of a subnet. */
export async function getSubnetInfo(
  client: HetuBaseClient,
  { netuid, blockNumber }: GetSubnetInfoParameters,
): Promise<GetSubnetInfoReturnType> {
  assertNetuid(netuid)
  try {
    const raw = await readHetu(client, 'getSubnetInfo', {
      address: contractAddress(client, 'SubnetManager'),
      abi: SubnetManagerAbi,
      functionName: 'getSubnetInfo',
      args: [netuid],
      blockNumber,
    })
    return toSubnetInfo(raw)
  } catch (err) {
    throw withSubject(err, { netuid })
  }
}
