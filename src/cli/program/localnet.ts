import type { Command } from 'commander'
import { lazy } from './lazy.js'

/** `hetu localnet` starts a chain (its options live on the command itself); these find a running one. */
export function localnetSubcommands(localnet: Command): void {
  localnet
    .command('start')
    .description('start a localnet (same as `hetu localnet`)')
    .action(async (_opts: unknown, command: Command) =>
      (await import('../commands/localnet.js')).runLocalnet(command.parent!.opts()),
    )

  localnet
    .command('status')
    .description(
      'running localnets (found through their info files): RPC URL, chain id, block, pid; exit code 0 when one runs, 3 when none does',
    )
    .action(lazy(() => import('../commands/localnet/status.js')))

  localnet
    .command('stop')
    .description('stop the running localnet (SIGTERM to its `hetu localnet` process)')
    .option('--timeout <duration>', 'how long to wait for it to exit', '15s')
    .action(lazy(() => import('../commands/localnet/stop.js')))
}
