import type { Address } from 'viem'
import { SubnetAMMAbi } from '../abi/index.js'
import { formatHetu } from '../amounts.js'
import type { HetuBaseClient } from '../client/types.js'
import { InsufficientLiquidityError } from '../errors/contract.js'
import type { SwapBlocker, SwapDirection } from '../types/amm.js'
import { readHetu } from './read.js'

/** The pool reserves a quote needs to explain itself (from `getPoolInfo`). */
export interface PoolReserves {
  subnetHetu: bigint
  subnetAlphaIn: bigint
  subnetAlphaOut: bigint
  minimumLiquidity: bigint
}

/** The reserves of a `getPoolInfo()` result (mechanism, hetu, alphaIn, alphaOut, …, minimumLiquidity). */
export function poolReserves(
  info: readonly [number, bigint, bigint, bigint, bigint, bigint, bigint, bigint],
): PoolReserves {
  const [, subnetHetu, subnetAlphaIn, subnetAlphaOut, , , , minimumLiquidity] = info
  return { subnetHetu, subnetAlphaIn, subnetAlphaOut, minimumLiquidity }
}

/**
 * Why a swap the pool quotes at 0 would revert: a pool under its minimum liquidity (every new pool:
 * 100/100 against a minimum of 1 000, until the chain's emission has injected enough), Alpha sold
 * beyond what was ever bought from the pool (the AMM tracks it; the public contracts then panic), or
 * a trade that would leave a reserve under the minimum.
 */
export function swapBlocker(pool: PoolReserves, direction: SwapDirection, amountIn: bigint): SwapBlocker {
  const { subnetHetu, subnetAlphaIn, subnetAlphaOut, minimumLiquidity } = pool
  if (subnetHetu < minimumLiquidity || subnetAlphaIn < minimumLiquidity)
    return {
      code: 'POOL_BELOW_MINIMUM_LIQUIDITY',
      message: `The pool holds ${formatHetu(subnetHetu)} HETU and ${formatHetu(subnetAlphaIn)} Alpha, under its minimum liquidity of ${formatHetu(minimumLiquidity)} per side: every swap reverts until the chain's emission has injected enough (a new pool starts at 100/100; on the localnet, emission must be on and the subnet active with the system address as minter).`,
    }
  if (direction === 'alphaToHetu' && amountIn > subnetAlphaOut)
    return {
      code: 'ALPHA_NEVER_BOUGHT',
      message: `Only ${formatHetu(subnetAlphaOut)} Alpha was ever bought from this pool, and it buys back no more than that: selling ${formatHetu(amountIn)} reverts (the public contracts panic). Alpha earned as rewards becomes sellable as others buy.`,
    }
  return {
    code: 'TRADE_TOO_LARGE',
    message: `The trade would leave a reserve under the pool's minimum liquidity of ${formatHetu(minimumLiquidity)}: try a smaller amount.`,
  }
}

/** The InsufficientLiquidityError a swap quoted at 0 throws, with the pool's reason in its message. */
export async function unswappable(
  client: HetuBaseClient,
  args: { action: string; netuid: number; ammPool: Address; direction: SwapDirection; amountIn: bigint },
): Promise<InsufficientLiquidityError> {
  const info = await readHetu(client, args.action, {
    address: args.ammPool,
    abi: SubnetAMMAbi,
    functionName: 'getPoolInfo',
  })
  const blocked = swapBlocker(poolReserves(info), args.direction, args.amountIn)
  return new InsufficientLiquidityError(
    { reason: 'AMM: INSUFFICIENT_LIQUIDITY', action: args.action },
    { netuid: args.netuid, amountIn: args.amountIn, blocked },
  )
}
