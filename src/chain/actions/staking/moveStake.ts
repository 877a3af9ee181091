import { GlobalStakingAbi, NeuronManagerAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { WalletLockedError } from '../../errors/account.js'
import { InvalidArgumentError } from '../../errors/amount.js'
import { InsufficientAllocationError } from '../../errors/contract.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { AllocationBeforeRegistrationError } from '../../errors/staking.js'
import { assertNetuid, assertPositive, contractAddress, signerOf } from '../../internal/context.js'
import { readHetu } from '../../internal/read.js'
import { txResult, writeHetu } from '../../internal/write.js'
import type { HetuTxResult, WriteOptions } from '../../types/tx.js'

export type MoveStakeParameters = {
  fromNetuid: number
  toNetuid: number
  /** Amount (wei) to move from one subnet's allocation to the other's. */
  amount: bigint
  /** Move even though the account is not a neuron of `toNetuid`. */
  force?: boolean
} & WriteOptions
export type MoveStakeReturnType = HetuTxResult & {
  fromNetuid: number
  toNetuid: number
  amount: bigint
  /** The deallocation transaction (the main result is the allocation). */
  deallocation: HetuTxResult
  /** Allocation of `toNetuid` after the move. */
  allocated: bigint
}
export type MoveStakeErrorType =
  | InsufficientAllocationError
  | AllocationBeforeRegistrationError
  | WalletLockedError
  | RpcUnavailableError
  | InvalidArgumentError

/**
 * Moves allocated stake between subnets (the Python SDK's transfer_between_subnets): deallocates from one,
 * then raises the other's allocation by the same amount. Both allocations are checked before anything
 * is sent.
 */
export async function moveStake(
  client: HetuBaseClient,
  { fromNetuid, toNetuid, amount, force = false, account }: MoveStakeParameters,
): Promise<MoveStakeReturnType> {
  const action = 'moveStake'
  assertNetuid(fromNetuid)
  assertNetuid(toNetuid)
  assertPositive('amount', amount)
  if (fromNetuid === toNetuid) throw new InvalidArgumentError('toNetuid', 'must differ from fromNetuid')
  const signer = signerOf(client, account, action)
  const globalStaking = contractAddress(client, 'GlobalStaking')
  const allocationOf = (netuid: number) =>
    readHetu(client, action, {
      address: globalStaking,
      abi: GlobalStakingAbi,
      functionName: 'getSubnetAllocation',
      args: [signer.address, netuid],
    })
  const [from, to, registered] = await Promise.all([
    allocationOf(fromNetuid),
    allocationOf(toNetuid),
    readHetu(client, action, {
      address: contractAddress(client, 'NeuronManager'),
      abi: NeuronManagerAbi,
      functionName: 'isNeuron',
      args: [toNetuid, signer.address],
    }),
  ])
  if (from.allocated < amount)
    throw new InsufficientAllocationError(
      { reason: 'INSUFFICIENT_ALLOCATION', action },
      { allocated: from.allocated, requested: amount, netuid: fromNetuid },
    )
  if (!registered && !force)
    throw new AllocationBeforeRegistrationError({ netuid: toNetuid, account: signer.address })
  const deallocated = await writeHetu(client, action, {
    account: signer,
    address: globalStaking,
    abi: GlobalStakingAbi,
    functionName: 'deallocateFromSubnet',
    args: [fromNetuid, amount],
  })
  const allocated = to.allocated + amount
  const receipt = await writeHetu(client, action, {
    account: signer,
    address: globalStaking,
    abi: GlobalStakingAbi,
    functionName: 'allocateToSubnet',
    args: [toNetuid, allocated],
  })
  return {
    ...txResult(receipt),
    fromNetuid,
    toNetuid,
    amount,
    deallocation: txResult(deallocated),
    allocated,
  }
}
