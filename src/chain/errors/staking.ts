import { HetuError } from '../../errors.js'

/**
 * allocateToSubnet/moveStake into a subnet where the account is not a registered neuron: the
 * allocation would make the later registration fail (it needs that stake *unallocated*:
 * docs/contracts.md#join-a-subnet).
 */
export class AllocationBeforeRegistrationError extends HetuError {
  override name = 'AllocationBeforeRegistrationError'
  constructor(args: { netuid: number; account: string }) {
    super(
      'ALLOCATION_BEFORE_REGISTRATION',
      `${args.account} is not registered in subnet ${args.netuid}; allocating stake there first would make registration fail.`,
      {
        hint: 'Call registerNeuron({ netuid, stake, … }): it allocates the stake itself. Pass `force: true` to allocate anyway.',
        docsPath: 'docs/errors.md#allocation_before_registration',
        meta: args,
      },
    )
  }
}
