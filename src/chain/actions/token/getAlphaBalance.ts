import type { Address } from 'viem'
import { AlphaTokenAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import type { SubnetNotFoundError } from '../../errors/contract.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { addressOf } from '../../internal/context.js'
import { readHetu } from '../../internal/read.js'
import type { ReadOptions } from '../../types/read.js'
import { getSubnetInfo } from '../subnet/getSubnetInfo.js'

export type GetAlphaBalanceParameters = { netuid: number; address?: Address } & ReadOptions
export type GetAlphaBalanceReturnType = bigint
export type GetAlphaBalanceErrorType = SubnetNotFoundError | RpcUnavailableError | InvalidArgumentError

/** Balance (wei) of the subnet's Alpha token. */
export async function getAlphaBalance(
  client: HetuBaseClient,
  { netuid, address, blockNumber }: GetAlphaBalanceParameters,
): Promise<GetAlphaBalanceReturnType> {
  const owner = addressOf(client, address, 'getAlphaBalance')
  const { alphaToken } = await getSubnetInfo(client, { netuid, blockNumber })
  return readHetu(client, 'getAlphaBalance', {
    address: alphaToken,
    abi: AlphaTokenAbi,
    functionName: 'balanceOf',
    args: [owner],
    blockNumber,
  })
}
