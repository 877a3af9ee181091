import type { Command } from 'commander'
import { group } from './group.js'
import { lazy, read } from './lazy.js'

export function subnetCommands(program: Command): void {
  group(program, ['subnet', 's'], 'list, inspect, create and govern subnets', (subnet) => {
    subnet
      .command('list')
      .description('every subnet: netuid, name, owner, state, locked amount, pool price')
      .action(read('subnet list'))

    subnet
      .command('info <netuid>')
      .description("a subnet's owner, tokens, pool reserves and price")
      .action(read('subnet info'))

    subnet.command('params <netuid>').description("a subnet's hyperparameters").action(read('subnet params'))

    subnet
      .command('lock-cost')
      .description('WHETU locked to register a subnet now, and the network registration parameters')
      .action(read('subnet lock-cost'))

    subnet
      .command('register')
      .description('create a subnet: locks the current lock cost in WHETU (approved and wrapped as needed)')
      .requiredOption('--name <name>', 'subnet name')
      .option('--description <text>', 'what the subnet does', '')
      .requiredOption('--token-name <name>', "name of the subnet's Alpha token")
      .requiredOption('--token-symbol <symbol>', "symbol of the subnet's Alpha token")
      .option('--set <key=value...>', 'hyperparameters other than the defaults, e.g. --set tempo=99')
      .option('--params-file <file>', 'hyperparameters from a JSON object')
      .option('--activate', 'also activate it and add the chain minter (ready for neurons)')
      .action(lazy(() => import('../commands/subnet/register.js')))

    subnet
      .command('activate <netuid>')
      .description('open a subnet to neurons (owner only, once)')
      .action(lazy(() => import('../commands/subnet/activate.js')))

    subnet
      .command('add-minter <netuid>')
      .description("let an address mint the subnet's Alpha (default: the chain's blockinflation module)")
      .option('--minter <address>', 'minter address')
      .action(lazy(() => import('../commands/subnet/addMinter.js')))

    subnet
      .command('update-params <netuid>')
      .description('change hyperparameters (owner only); the others keep their values')
      .option('--set <key=value...>', 'e.g. --set tempo=360 neuronThreshold=100hetu')
      .option('--params-file <file>', 'hyperparameters from a JSON object')
      .action(lazy(() => import('../commands/subnet/updateParams.js')))
  })
}
