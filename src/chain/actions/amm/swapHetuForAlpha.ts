import type { Address } from 'viem'
import { SubnetAMMAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { InsufficientFundsError, WalletLockedError } from '../../errors/account.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import type { InsufficientLiquidityError, SlippageExceededError } from '../../errors/contract.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { assertPositive, signerOf } from '../../internal/context.js'
import { prefetchTxContext, sendPlanned } from '../../internal/pipeline.js'
import { readHetu } from '../../internal/read.js'
import { minimumOut } from '../../internal/slippage.js'
import { unswappable } from '../../internal/swapBlocker.js'
import { planWhetuSpend, readWhetuSpendState } from '../../internal/tokens.js'
import { findEvent, txResult, writeHetu } from '../../internal/write.js'
import type { HetuWriteResult, WriteOptions } from '../../types/tx.js'
import { getSubnetInfo } from '../subnet/getSubnetInfo.js'

export type SwapHetuForAlphaParameters = {
  netuid: number
  /** WHETU to sell (wei); missing WHETU is wrapped from native HETU. */
  amountIn: bigint
  /** Minimum Alpha accepted; default: the quote minus `slippageBps`. */
  minAmountOut?: bigint
  /** Tolerance for the default minimum (basis points, default 50 = 0.5 %). */
  slippageBps?: number
  /** Recipient of the Alpha (default: the signer). */
  to?: Address
} & WriteOptions
export type SwapHetuForAlphaReturnType = HetuWriteResult & {
  netuid: number
  amountIn: bigint
  amountOut: bigint
}
export type SwapHetuForAlphaErrorType =
  | InsufficientLiquidityError
  | SlippageExceededError
  | InsufficientFundsError
  | WalletLockedError
  | RpcUnavailableError
  | InvalidArgumentError

/** Buys the subnet's Alpha with WHETU: quotes, wraps/approves exactly the pool, swaps. */
export async function swapHetuForAlpha(
  client: HetuBaseClient,
  parameters: SwapHetuForAlphaParameters,
): Promise<SwapHetuForAlphaReturnType> {
  const action = 'swapHetuForAlpha'
  const { netuid, amountIn } = parameters
  assertPositive('amountIn', amountIn)
  const signer = signerOf(client, parameters.account, action)
  const { ammPool } = await getSubnetInfo(client, { netuid })
  // Quote, balances, allowance, nonce and fees in one JSON-RPC batch.
  const context = prefetchTxContext(client, signer.address)
  const [quoted, state] = await Promise.all([
    readHetu(client, action, {
      address: ammPool,
      abi: SubnetAMMAbi,
      functionName: 'simSwapHETUForAlpha',
      args: [amountIn],
    }),
    readWhetuSpendState(client, action, signer.address, ammPool),
  ])
  if (quoted === 0n)
    throw await unswappable(client, { action, netuid, ammPool, direction: 'hetuToAlpha', amountIn })
  const minAmountOut = parameters.minAmountOut ?? minimumOut(quoted, parameters.slippageBps)
  const planned = planWhetuSpend(state, signer.address, amountIn)
  const prerequisites = await sendPlanned(client, action, signer, planned, context)
  const receipt = await writeHetu(client, action, {
    account: signer,
    address: ammPool,
    abi: SubnetAMMAbi,
    functionName: 'swapHETUForAlpha',
    args: [amountIn, minAmountOut, parameters.to ?? signer.address],
  })
  const event = findEvent(receipt, SubnetAMMAbi, 'SwapHETUForAlpha', ammPool)
  return { ...txResult(receipt), prerequisites, netuid, amountIn, amountOut: event?.alphaAmountOut ?? quoted }
}
