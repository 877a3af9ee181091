import type { Command } from 'commander'
import { lazy } from './lazy.js'

export function weightsCommands(program: Command): void {
  const weights = program.command('weights').description("a validator's weights on a subnet's neurons")

  weights
    .command('set <netuid> [weights...]')
    .description(
      'replace the weights: <address>=<weight> pairs or --file; an integer is 0…1000000, a decimal or % a fraction (0.25, 25%)',
    )
    .option('--file <file>', 'JSON: { "<address>": weight, … } or [{ "dest": "<address>", "weight": w }, …]')
    .option('--normalize', 'scale the weights so they sum to 1000000')
    .action(lazy(() => import('../commands/weights/set.js')))

  weights
    .command('get <netuid> [validator]')
    .description("a validator's weights (default: the wallet's hotkey)")
    .action(lazy(() => import('../commands/weights/get.js')))
}
