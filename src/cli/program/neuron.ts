import type { Command } from 'commander'
import { group } from './group.js'
import { lazy, read } from './lazy.js'

export function neuronCommands(program: Command): void {
  group(program, ['neuron', 'n'], 'register, update and inspect neurons', (neuron) => {
    neuron
      .command('register <netuid>')
      .description("join a subnet as a miner or a validator; stakes what the role needs (wallet's hotkey)")
      .option('--role <role>', 'miner or validator', 'miner')
      .option('--validator', 'same as --role validator')
      .option('--stake <amount>', "stake to allocate (default: the role's threshold)")
      .option(
        '--axon-endpoint <host>',
        'where validators reach your axon (default: 127.0.0.1 for a miner; a validator announces none)',
      )
      .option('--axon-port <port>', 'axon port (default: 8091 for a miner; 0, none, for a validator)')
      .option('--prometheus-endpoint <host>', 'metrics host', '')
      .option('--prometheus-port <port>', 'metrics port', '0')
      .action(lazy(() => import('../commands/neuron/register.js')))

    neuron
      .command('deregister <netuid>')
      .description('leave a subnet (the public contracts keep the allocation: --release frees it too)')
      .option('--release', 'also deallocate what stays allocated after leaving')
      .action(lazy(() => import('../commands/neuron/deregister.js')))

    neuron
      .command('update-service <netuid>')
      .description("change the neuron's axon and metrics endpoints")
      .requiredOption('--axon-endpoint <host>', 'axon host')
      .requiredOption('--axon-port <port>', 'axon port')
      .option('--prometheus-endpoint <host>', 'metrics host', '')
      .option('--prometheus-port <port>', 'metrics port', '0')
      .action(lazy(() => import('../commands/neuron/updateService.js')))

    neuron
      .command('info <netuid> [address]')
      .description("a neuron's role, stake and endpoints (default: the wallet's hotkey)")
      .action(lazy(() => import('../commands/neuron/info.js')))

    neuron
      .command('list <netuid>')
      .description("a subnet's neurons")
      .option('--role <role>', 'only miners or only validators')
      .action(read('neuron list'))
  })
}
