import type { Command } from 'commander'
import { group } from './group.js'
import { lazy } from './lazy.js'

export function networkCommands(program: Command): void {
  group(
    program,
    ['network', 'net'],
    'list, add, show and choose networks (presets and your own in ~/.hetu/config.json)',
    (network) => {
      network
        .command('list')
        .description('presets and saved networks: chain id, RPC URL, contract generation; * = the default')
        .action(lazy(() => import('../commands/network/list.js')))

      network
        .command('add <name>')
        .description(
          'save a network after checking it against the chain: chain id, code at each address, contract generation (--rpc-url is the global option)',
        )
        .option('--chain-id <id>', 'the chain id the RPC must answer with (default: whatever it answers)')
        .option('--explorer <url>', 'block explorer URL')
        .option(
          '--contracts-file <file>',
          'JSON with the addresses: { "WHETU": "0x…", … }, a `hetu localnet` JSON, or hetu-chain contracts-*.json',
        )
        .option('--whetu <address>', 'WHETU')
        .option('--global-staking <address>', 'GlobalStaking')
        .option('--subnet-manager <address>', 'SubnetManager')
        .option('--subnet-amm-factory <address>', 'SubnetAMMFactory')
        .option('--neuron-manager <address>', 'NeuronManager')
        .option('--weights <address>', 'Weights (needed by weights set/get and validators)')
        .option('--multicall3 <address>', 'Multicall3 (without it, reads go out as JSON-RPC batches)')
        .option('--update', 'change a saved network: the values given replace its own, the rest stay')
        .option('--use', 'also make it the default network')
        .action(lazy(() => import('../commands/network/add.js')))

      network
        .command('use <name>')
        .description('make a network the default of every command (HETU_NETWORK and --network still win)')
        .action(lazy(() => import('../commands/network/use.js')))

      network
        .command('show [name]')
        .description('a network: chain id, endpoints, contracts and where each value comes from')
        .action(lazy(() => import('../commands/network/show.js')))
    },
  )
}
