import type { Address } from 'viem'
import { SubnetAMMAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { WalletLockedError } from '../../errors/account.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import type {
  InsufficientLiquidityError,
  InsufficientTokenBalanceError,
  SlippageExceededError,
} from '../../errors/contract.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { assertPositive, signerOf } from '../../internal/context.js'
import { prefetchTxContext, sendPlanned } from '../../internal/pipeline.js'
import { readHetu } from '../../internal/read.js'
import { minimumOut } from '../../internal/slippage.js'
import { unswappable } from '../../internal/swapBlocker.js'
import { planAlphaSpend } from '../../internal/tokens.js'
import { findEvent, txResult, writeHetu } from '../../internal/write.js'
import type { HetuWriteResult, WriteOptions } from '../../types/tx.js'
import { getSubnetInfo } from '../subnet/getSubnetInfo.js'

export type SwapAlphaForHetuParameters = {
  netuid: number
  /** Alpha to sell (wei). */
  amountIn: bigint
  /** Minimum WHETU accepted; default: the quote minus `slippageBps`. */
  minAmountOut?: bigint
  /** Tolerance for the default minimum (basis points, default 50 = 0.5 %). */
  slippageBps?: number
  /** Recipient of the WHETU (default: the signer). */
  to?: Address
} & WriteOptions
export type SwapAlphaForHetuReturnType = HetuWriteResult & {
  netuid: number
  amountIn: bigint
  amountOut: bigint
}
export type SwapAlphaForHetuErrorType =
  | InsufficientLiquidityError
  | SlippageExceededError
  | InsufficientTokenBalanceError
  | WalletLockedError
  | RpcUnavailableError
  | InvalidArgumentError

/** Sells the subnet's Alpha for WHETU: quotes, approves exactly the pool, swaps. */
export async function swapAlphaForHetu(
  client: HetuBaseClient,
  parameters: SwapAlphaForHetuParameters,
): Promise<SwapAlphaForHetuReturnType> {
  const action = 'swapAlphaForHetu'
  const { netuid, amountIn } = parameters
  assertPositive('amountIn', amountIn)
  const signer = signerOf(client, parameters.account, action)
  const { ammPool, alphaToken } = await getSubnetInfo(client, { netuid })
  // Quote, Alpha balance, allowance, nonce and fees in one JSON-RPC batch.
  const context = prefetchTxContext(client, signer.address)
  const [quoted, planned] = await Promise.all([
    readHetu(client, action, {
      address: ammPool,
      abi: SubnetAMMAbi,
      functionName: 'simSwapAlphaForHETU',
      args: [amountIn],
    }),
    planAlphaSpend(client, action, {
      owner: signer.address,
      amount: amountIn,
      spender: ammPool,
      token: alphaToken,
    }),
  ])
  if (quoted === 0n)
    throw await unswappable(client, { action, netuid, ammPool, direction: 'alphaToHetu', amountIn })
  const minAmountOut = parameters.minAmountOut ?? minimumOut(quoted, parameters.slippageBps)
  const prerequisites = await sendPlanned(client, action, signer, planned, context)
  const receipt = await writeHetu(client, action, {
    account: signer,
    address: ammPool,
    abi: SubnetAMMAbi,
    functionName: 'swapAlphaForHETU',
    args: [amountIn, minAmountOut, parameters.to ?? signer.address],
  })
  const event = findEvent(receipt, SubnetAMMAbi, 'SwapAlphaForHETU', ammPool)
  return { ...txResult(receipt), prerequisites, netuid, amountIn, amountOut: event?.hetuAmountOut ?? quoted }
}
