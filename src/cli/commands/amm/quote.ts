import type { Cli } from '../../runtime/Cli.js'
import { hetu, percent, price } from '../../runtime/format.js'
import { parseAmount, parseNetuid } from '../../runtime/parse.js'
import { formatFields } from '../../runtime/table.js'
import { swapSide } from './sell.js'

/** `hetu amm quote <netuid> <amount> [--sell hetu|alpha]` */
export async function run(
  cli: Cli,
  netuidText: string,
  amountText: string,
  opts: { sell: string },
): Promise<void> {
  const netuid = parseNetuid(netuidText)
  const amountIn = parseAmount(amountText)
  const { direction, tokenIn, tokenOut } = swapSide(opts.sell)
  const client = await cli.connect()
  const quote = await client.quoteSwap({ netuid, amountIn, direction })
  cli.result({ netuid, ...quote }, () =>
    quote.blocked
      ? formatFields([
          ['sell', hetu(amountIn, tokenIn)],
          ['receive', `nothing: the swap would revert (${quote.blocked.code})`],
          ['why', quote.blocked.message],
        ])
      : formatFields([
          ['sell', hetu(amountIn, tokenIn)],
          ['receive', hetu(quote.amountOut, tokenOut)],
          ['price impact', percent(quote.priceImpactBps)],
          ['price after', `${price(quote.newPrice)} HETU per Alpha`],
        ]),
  )
}
