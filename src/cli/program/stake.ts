import type { Command } from 'commander'
import { group } from './group.js'
import { lazy } from './lazy.js'

export function stakeCommands(program: Command): void {
  group(
    program,
    ['stake'],
    'global stake and its allocation to subnets (signed by the hotkey, the neuron)',
    (stake) => {
      stake
        .command('add <amount>')
        .description('stake WHETU globally (native HETU is wrapped and approved as needed)')
        .action(lazy(() => import('../commands/stake/add.js')))

      stake
        .command('remove <amount>')
        .description('unstake available (unallocated) stake back to WHETU')
        .action(lazy(() => import('../commands/stake/remove.js')))

      stake
        .command('allocate <netuid> <amount>')
        .description("set the subnet's allocation to <amount> (it replaces the previous allocation)")
        .option('--force', 'allocate although the account is not a neuron of the subnet')
        .action(lazy(() => import('../commands/stake/allocate.js')))

      stake
        .command('deallocate <netuid> <amount>')
        .description("take <amount> back from a subnet's allocation")
        .action(lazy(() => import('../commands/stake/deallocate.js')))

      stake
        .command('move <from> <to> <amount>')
        .description('move <amount> of allocation from subnet <from> to subnet <to>')
        .option('--force', 'move although the account is not a neuron of the target subnet')
        .action(lazy(() => import('../commands/stake/move.js')))

      stake
        .command('info [address]')
        .description('staked, allocated, fees and available stake, with the allocation per subnet')
        .action(lazy(() => import('../commands/stake/info.js')))
    },
  )
}
