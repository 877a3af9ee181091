import { SubnetAMMAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { SubnetNotFoundError } from '../../errors/contract.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { assertPositive } from '../../internal/context.js'
import { readHetu } from '../../internal/read.js'
import type { SwapDirection, SwapQuote } from '../../types/amm.js'
import type { ReadOptions } from '../../types/read.js'
import { getSubnetInfo } from '../subnet/getSubnetInfo.js'

export type QuoteSwapParameters = { netuid: number; amountIn: bigint; direction: SwapDirection } & ReadOptions
export type QuoteSwapReturnType = SwapQuote
export type QuoteSwapErrorType = SubnetNotFoundError | RpcUnavailableError

/** What a swap would return now (0 = it would revert), with price impact and the price after it. */
export async function quoteSwap(
  client: HetuBaseClient,
  { netuid, amountIn, direction, blockNumber }: QuoteSwapParameters,
): Promise<QuoteSwapReturnType> {
  assertPositive('amountIn', amountIn)
  const { ammPool } = await getSubnetInfo(client, { netuid, blockNumber })
  const [amountOut, priceImpactBps, newPrice, isLiquiditySufficient] = await readHetu(client, 'quoteSwap', {
    address: ammPool,
    abi: SubnetAMMAbi,
    functionName: 'getSwapPreview',
    args: [amountIn, direction === 'hetuToAlpha'],
    blockNumber,
  })
  return { direction, amountIn, amountOut, priceImpactBps, newPrice, isLiquiditySufficient }
}
