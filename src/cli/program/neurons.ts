import type { Command } from 'commander'
import { group } from './group.js'
import { lazy } from './lazy.js'

export function neuronProcessCommands(program: Command): void {
  group(program, ['axon'], 'run an axon', (axon) =>
    axon
      .command('serve')
      .description(
        'serve a demo miner answering "add A B" / "multiply A B"; with --netuid, as a Miner that keeps its endpoint on chain',
      )
      .option('--ip <ip>', 'interface to bind', '0.0.0.0')
      .option('--port <port>', 'port to bind (0: a free one)', '8091')
      .option('--external-ip <ip>', 'IP announced to others')
      .option('--external-port <port>', 'port announced to others')
      .option(
        '--netuid <netuid>',
        "serve as the wallet hotkey's neuron on this subnet (endpoint kept on chain)",
      )
      .option('--register', 'with --netuid: register as a miner first when not registered (stakes)')
      .option('--stake <amount>', "stake when registering (default: the subnet's miner threshold)")
      .option(
        '--endpoint-check <duration>',
        'how often the chain endpoint is compared (0: at start only)',
        '60s',
      )
      .option(
        '--allow <who>',
        'who may call: validators (the registered validators of --netuid) or any (every signer)',
        'validators',
      )
      .option('--min-stake <amount>', 'with --allow validators: least stake a validator needs')
      .option('--allow-unsigned', 'accept unsigned requests (Python hb_dev dendrites)')
      .option('--no-prometheus', 'no metrics server')
      .action(lazy(() => import('../commands/axon/serve.js'))),
  )

  group(program, ['validator'], 'run a validator', (validator) =>
    validator
      .command('run <netuid>')
      .description(
        'each round: resync, send the demo task to the miners, score the consensus, set weights (rate-limited)',
      )
      .option('--interval <duration>', 'time between the starts of two rounds', '12s')
      .option('--rounds <n>', 'stop after n rounds (0: until Ctrl-C)', '0')
      .option('--timeout <duration>', 'time each miner has to answer', '5s')
      .option('--register', 'register as a validator first when not registered (stakes)')
      .option('--stake <amount>', "stake when registering (default: the subnet's validator threshold)")
      .option('--weights-rate-limit <blocks>', "blocks between two setWeights (default: the subnet's)")
      .option('--dry-run', 'score only, do not set weights')
      .option('--state <file>', 'keep scores and the last weights block in this file across restarts')
      .option('--serve <port>', "also answer clients (`hetu query`) at this port with the miners' consensus")
      .option('--serve-ip <ip>', 'with --serve: interface to bind', '0.0.0.0')
      .option('--external-ip <ip>', 'with --serve: IP announced on chain for clients')
      .option(
        '--organic-only',
        "with --serve: no demo task of its own; score and weight from clients' requests",
      )
      .action(lazy(() => import('../commands/validator/run.js'))),
  )

  program
    .command('query <netuid> <task>')
    .description(
      "send a task to a subnet through a validator that serves clients; prints the miners' consensus answer and its agreement",
    )
    .option(
      '--synapse <name>',
      'synapse type (others than Synapse: the task is its request as JSON)',
      'Synapse',
    )
    .option('--timeout <duration>', 'time for the whole request, failovers included', '30s')
    .option('--attempts <n>', 'validators tried at most', '3')
    .action(lazy(() => import('../commands/query/query.js')))

  program
    .command('metagraph <netuid>')
    .description(
      'the neurons of a subnet: stake, Alpha, incentive, dividends, emission, axons (--json for tools)',
    )
    .option('--block <number>', 'as of this block')
    .action(lazy(() => import('../commands/metagraph/show.js')))
}
