import type { Command } from 'commander'
import { group } from './group.js'
import { lazy, read } from './lazy.js'

export function ammCommands(program: Command): void {
  group(program, ['amm'], "a subnet's HETU/Alpha pool: reserves, quotes, swaps", (amm) => {
    amm.command('pool <netuid>').description('reserves, prices and volume').action(read('amm pool'))

    amm
      .command('quote <netuid> <amount>')
      .description('what a swap would give now')
      .option('--sell <token>', 'hetu (buy Alpha) or alpha (buy HETU)', 'hetu')
      .action(lazy(() => import('../commands/amm/quote.js')))

    amm
      .command('swap <netuid> <amount>')
      .description('swap, refusing any fill worse than the quote minus the slippage')
      .option('--sell <token>', 'hetu (buy Alpha) or alpha (buy HETU)', 'hetu')
      .option('--slippage <percent>', 'tolerance below the quote, e.g. 0.5% or 50bps', '0.5%')
      .option('--min-out <amount>', 'explicit minimum to receive (instead of --slippage)')
      .option('--to <address>', 'recipient (default: the signer)')
      .action(lazy(() => import('../commands/amm/swap.js')))
  })
}
