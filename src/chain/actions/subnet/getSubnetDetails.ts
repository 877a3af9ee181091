import { SubnetManagerAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import type { SubnetNotFoundError } from '../../errors/contract.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { assertNetuid, contractAddress } from '../../internal/context.js'
import { spotPrice, toSubnetInfo } from '../../internal/convert.js'
import { withSubject } from '../../internal/enrich.js'
import { readHetu } from '../../internal/read.js'
import type { ReadOptions } from '../../types/read.js'
import type { SubnetDetails } from '../../types/subnet.js'

export type GetSubnetDetailsParameters = { netuid: number } & ReadOptions
export type GetSubnetDetailsReturnType = SubnetDetails
export type GetSubnetDetailsErrorType = SubnetNotFoundError | RpcUnavailableError | InvalidArgumentError

/** Subnet info plus its pool's price, volume and reserves in one call. */
export async function getSubnetDetails(
  client: HetuBaseClient,
  { netuid, blockNumber }: GetSubnetDetailsParameters,
): Promise<GetSubnetDetailsReturnType> {
  assertNetuid(netuid)
  try {
    const [info, currentPrice, totalVolume, hetuReserve, alphaReserve] = await readHetu(
      client,
      'getSubnetDetails',
      {
        address: contractAddress(client, 'SubnetManager'),
        abi: SubnetManagerAbi,
        functionName: 'getSubnetDetails',
        args: [netuid],
        blockNumber,
      },
    )
    return {
      info: toSubnetInfo(info),
      currentPrice,
      totalVolume,
      hetuReserve,
      alphaReserve,
      spotPrice: spotPrice(hetuReserve, alphaReserve),
    }
  } catch (err) {
    throw withSubject(err, { netuid })
  }
}
