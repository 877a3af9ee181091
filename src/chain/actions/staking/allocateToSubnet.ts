import { GlobalStakingAbi, NeuronManagerAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { WalletLockedError } from '../../errors/account.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import { InsufficientAvailableStakeError } from '../../errors/contract.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { AllocationBeforeRegistrationError } from '../../errors/staking.js'
import { assertNetuid, assertPositive, contractAddress, signerOf } from '../../internal/context.js'
import { readHetu } from '../../internal/read.js'
import { txResult, writeHetu } from '../../internal/write.js'
import type { HetuTxResult, WriteOptions } from '../../types/tx.js'

export type AllocateToSubnetParameters = {
  netuid: number
  /** The new allocation (wei): the contract *sets* it, it does not add to it. */
  amount: bigint
  /** Allocate even though the account is not a neuron of the subnet (breaks a later registration). */
  force?: boolean
} & WriteOptions
export type AllocateToSubnetReturnType = HetuTxResult & {
  netuid: number
  previous: bigint
  allocated: bigint
}
export type AllocateToSubnetErrorType =
  | AllocationBeforeRegistrationError
  | InsufficientAvailableStakeError
  | WalletLockedError
  | RpcUnavailableError
  | InvalidArgumentError

/**
 * Sets the stake allocated to a subnet where the account is a registered neuron (increase from
 * available stake, or decrease). Refuses before registration: registerNeuron allocates by itself and
 * fails if the stake is already allocated (docs/contracts.md#join-a-subnet).
 */
export async function allocateToSubnet(
  client: HetuBaseClient,
  { netuid, amount, force = false, account }: AllocateToSubnetParameters,
): Promise<AllocateToSubnetReturnType> {
  const action = 'allocateToSubnet'
  assertNetuid(netuid)
  assertPositive('amount', amount)
  const signer = signerOf(client, account, action)
  const globalStaking = contractAddress(client, 'GlobalStaking')
  const [registered, allocation] = await Promise.all([
    readHetu(client, action, {
      address: contractAddress(client, 'NeuronManager'),
      abi: NeuronManagerAbi,
      functionName: 'isNeuron',
      args: [netuid, signer.address],
    }),
    readHetu(client, action, {
      address: globalStaking,
      abi: GlobalStakingAbi,
      functionName: 'getSubnetAllocation',
      args: [signer.address, netuid],
    }),
  ])
  if (!registered && !force) throw new AllocationBeforeRegistrationError({ netuid, account: signer.address })
  try {
    const receipt = await writeHetu(client, action, {
      account: signer,
      address: globalStaking,
      abi: GlobalStakingAbi,
      functionName: 'allocateToSubnet',
      args: [netuid, amount],
    })
    return { ...txResult(receipt), netuid, previous: allocation.allocated, allocated: amount }
  } catch (err) {
    if (err instanceof InsufficientAvailableStakeError) {
      const available = await readHetu(client, action, {
        address: globalStaking,
        abi: GlobalStakingAbi,
        functionName: 'getAvailableStake',
        args: [signer.address],
      }).catch(() => undefined)
      throw new InsufficientAvailableStakeError(err.revert, {
        available,
        required: amount - allocation.allocated,
      })
    }
    throw err
  }
}
