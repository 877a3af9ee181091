import { SubnetAMMAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import type { SubnetNotFoundError } from '../../errors/contract.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { assertPositive } from '../../internal/context.js'
import { readHetu } from '../../internal/read.js'
import { poolReserves, swapBlocker } from '../../internal/swapBlocker.js'
import type { SwapDirection, SwapQuote } from '../../types/amm.js'
import type { ReadOptions } from '../../types/read.js'
import { getSubnetInfo } from '../subnet/getSubnetInfo.js'

export type QuoteSwapParameters = { netuid: number; amountIn: bigint; direction: SwapDirection } & ReadOptions
export type QuoteSwapReturnType = SwapQuote
export type QuoteSwapErrorType = SubnetNotFoundError | RpcUnavailableError | InvalidArgumentError

/**
 * What a swap would return now (0 = it would revert, and `blocked` says why), with price impact and
 * the price after it. Two reads in one round trip.
 */
export async function quoteSwap(
  client: HetuBaseClient,
  { netuid, amountIn, direction, blockNumber }: QuoteSwapParameters,
): Promise<QuoteSwapReturnType> {
  assertPositive('amountIn', amountIn)
  const { ammPool } = await getSubnetInfo(client, { netuid, blockNumber })
  const read = { address: ammPool, abi: SubnetAMMAbi, blockNumber } as const
  const [[amountOut, priceImpactBps, newPrice, isLiquiditySufficient], pool] = await Promise.all([
    readHetu(client, 'quoteSwap', {
      ...read,
      functionName: 'getSwapPreview',
      args: [amountIn, direction === 'hetuToAlpha'],
    }),
    readHetu(client, 'quoteSwap', { ...read, functionName: 'getPoolInfo' }),
  ])
  const quote: SwapQuote = { direction, amountIn, amountOut, priceImpactBps, newPrice, isLiquiditySufficient }
  if (amountOut > 0n && isLiquiditySufficient) return quote
  return { ...quote, blocked: swapBlocker(poolReserves(pool), direction, amountIn) }
}
