import type { Address } from 'viem'

/** `SubnetAMM.getPoolInfo` plus the pool address and a spot price computed from the reserves. */
export interface PoolInfo {
  netuid: number
  pool: Address
  alphaToken: Address
  /** 0 = Stable (1:1), 1 = Dynamic (constant product). */
  mechanism: number
  subnetHetu: bigint
  subnetAlphaIn: bigint
  subnetAlphaOut: bigint
  currentPrice: bigint
  movingPrice: bigint
  totalVolume: bigint
  minimumLiquidity: bigint
  /** HETU per Alpha from the reserves, 1e18 fixed point. */
  spotPrice: bigint
}

/** Why a swap would revert, in the user's terms. */
export interface SwapBlocker {
  code: 'POOL_BELOW_MINIMUM_LIQUIDITY' | 'ALPHA_NEVER_BOUGHT' | 'TRADE_TOO_LARGE'
  message: string
}

/** Direction of a swap. */
export type SwapDirection = 'hetuToAlpha' | 'alphaToHetu'

/** Result of a swap quote. `amountOut` 0 means the swap would revert. */
export interface SwapQuote {
  direction: SwapDirection
  amountIn: bigint
  amountOut: bigint
  /** Price impact in basis points. */
  priceImpactBps: bigint
  /** Price after the trade, 1e18 fixed point. */
  newPrice: bigint
  isLiquiditySufficient: boolean
  /** When the swap would revert (`amountOut` 0): why, in words (see {@link SwapBlocker}). */
  blocked?: SwapBlocker
}
