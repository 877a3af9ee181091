import type { Command } from 'commander'
import { lazy } from './lazy.js'

export function neuronProcessCommands(program: Command): void {
  program
    .command('axon')
    .description('run an axon')
    .command('serve')
    .description('serve a demo miner: answers "add A B" and "multiply A B" tasks (Ctrl-C stops it)')
    .option('--ip <ip>', 'interface to bind', '0.0.0.0')
    .option('--port <port>', 'port to bind (0: a free one)', '8091')
    .option('--external-ip <ip>', 'IP announced to others')
    .option('--external-port <port>', 'port announced to others')
    .option('--netuid <netuid>', 'publish this endpoint as the neuron service on that subnet')
    .option('--allow-unsigned', 'accept unsigned requests (Python hb_dev dendrites)')
    .option('--no-prometheus', 'no metrics server')
    .action(lazy(() => import('../commands/axon/serve.js')))

  program
    .command('validator')
    .description('run a validator')
    .command('run <netuid>')
    .description('query the subnet’s miners, score their answers and set weights, each round')
    .option('--interval <duration>', 'time between rounds', '12s')
    .option('--rounds <n>', 'stop after n rounds (0: until Ctrl-C)', '0')
    .option('--timeout <duration>', 'time each miner has to answer', '5s')
    .option('--dry-run', 'score only, do not set weights')
    .action(lazy(() => import('../commands/validator/run.js')))

  program
    .command('metagraph <netuid>')
    .description('the neurons of a subnet: role, stake, Alpha held, endpoints (--json for tools)')
    .option('--block <number>', 'as of this block')
    .action(lazy(() => import('../commands/metagraph/show.js')))
}
