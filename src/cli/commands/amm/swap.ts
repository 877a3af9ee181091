import { InsufficientLiquidityError } from '../../../chain/errors/contract.js'
import type { Cli } from '../../runtime/Cli.js'
import { hetu, percent } from '../../runtime/format.js'
import { parseAddress, parseAmount, parseNetuid, parseSlippage } from '../../runtime/parse.js'
import { formatFields } from '../../runtime/table.js'
import { swapSide } from './sell.js'

interface SwapOptions {
  sell: string
  slippage: string
  minOut?: string
  to?: string
}

/**
 * `hetu amm swap <netuid> <amount>`: quotes, then swaps with a floor of the quote minus the slippage
 * (or --min-out); the pool reverts any worse fill, so a moved price costs gas, never value.
 */
export async function run(
  cli: Cli,
  netuidText: string,
  amountText: string,
  opts: SwapOptions,
): Promise<void> {
  const netuid = parseNetuid(netuidText)
  const amountIn = parseAmount(amountText)
  const { direction, tokenIn, tokenOut } = swapSide(opts.sell)
  const slippageBps = parseSlippage(opts.slippage)
  const explicitMin =
    opts.minOut === undefined ? undefined : parseAmount(opts.minOut, 'minimum out', { allowZero: true })
  const to = opts.to === undefined ? undefined : parseAddress(opts.to, 'recipient')
  const client = await cli.signer('hotkey')
  const quote = await cli.step(
    `quoting ${hetu(amountIn, tokenIn)}`,
    () => client.quoteSwap({ netuid, amountIn, direction }),
    (q) => hetu(q.amountOut, tokenOut),
  )
  if (quote.amountOut === 0n || !quote.isLiquiditySufficient)
    throw new InsufficientLiquidityError({ reason: 'the quote is 0', action: 'swap' }, { netuid, amountIn })
  const minAmountOut = explicitMin ?? (quote.amountOut * BigInt(10_000 - slippageBps)) / 10_000n
  const parameters = { netuid, amountIn, minAmountOut, ...(to && { to }) }
  const done = await cli.step(`swapping for at least ${hetu(minAmountOut, tokenOut)}`, () =>
    direction === 'hetuToAlpha' ? client.swapHetuForAlpha(parameters) : client.swapAlphaForHetu(parameters),
  )
  cli.result({ ...done, quoted: quote.amountOut, minAmountOut, direction }, () =>
    formatFields([
      ['sold', hetu(done.amountIn, tokenIn)],
      ['received', hetu(done.amountOut, tokenOut)],
      ['quoted', hetu(quote.amountOut, tokenOut)],
      [
        'floor',
        `${hetu(minAmountOut, tokenOut)}${explicitMin === undefined ? ` (slippage ${percent(slippageBps)})` : ''}`,
      ],
      ['tx', done.hash],
    ]),
  )
}
