import { SubnetAMMAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import type { SubnetNotFoundError } from '../../errors/contract.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { spotPrice } from '../../internal/convert.js'
import { readHetu } from '../../internal/read.js'
import type { PoolInfo } from '../../types/amm.js'
import type { ReadOptions } from '../../types/read.js'
import { getSubnetInfo } from '../subnet/getSubnetInfo.js'

export type GetPoolInfoParameters = { netuid: number } & ReadOptions
export type GetPoolInfoReturnType = PoolInfo
export type GetPoolInfoErrorType = SubnetNotFoundError | RpcUnavailableError | InvalidArgumentError

/** Reserves, prices, volume and minimum liquidity of the subnet's HETU/Alpha pool. */
export async function getPoolInfo(
  client: HetuBaseClient,
  { netuid, blockNumber }: GetPoolInfoParameters,
): Promise<GetPoolInfoReturnType> {
  const { ammPool, alphaToken } = await getSubnetInfo(client, { netuid, blockNumber })
  const [
    mechanism,
    subnetHetu,
    subnetAlphaIn,
    subnetAlphaOut,
    currentPrice,
    movingPrice,
    totalVolume,
    minimumLiquidity,
  ] = await readHetu(client, 'getPoolInfo', {
    address: ammPool,
    abi: SubnetAMMAbi,
    functionName: 'getPoolInfo',
    blockNumber,
  })
  return {
    netuid,
    pool: ammPool,
    alphaToken,
    mechanism,
    subnetHetu,
    subnetAlphaIn,
    subnetAlphaOut,
    currentPrice,
    movingPrice,
    totalVolume,
    minimumLiquidity,
    spotPrice: spotPrice(subnetHetu, subnetAlphaIn),
  }
}
