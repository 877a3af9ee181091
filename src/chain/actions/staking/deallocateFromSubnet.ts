import { GlobalStakingAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { WalletLockedError } from '../../errors/account.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import { InsufficientAllocationError } from '../../errors/contract.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { assertNetuid, assertPositive, contractAddress, signerOf } from '../../internal/context.js'
import { txResult, writeHetu } from '../../internal/write.js'
import type { HetuTxResult, WriteOptions } from '../../types/tx.js'
import { getSubnetAllocation } from './getSubnetAllocation.js'

export type DeallocateFromSubnetParameters = {
  netuid: number
  /** Amount (wei) to take back from the subnet's allocation into available stake. */
  amount: bigint
} & WriteOptions
export type DeallocateFromSubnetReturnType = HetuTxResult & { netuid: number; amount: bigint }
export type DeallocateFromSubnetErrorType =
  | InsufficientAllocationError
  | WalletLockedError
  | RpcUnavailableError
  | InvalidArgumentError

/** Moves `amount` of a subnet allocation back to available stake (the Python SDK's withdraw_from_subnet). */
export async function deallocateFromSubnet(
  client: HetuBaseClient,
  { netuid, amount, account }: DeallocateFromSubnetParameters,
): Promise<DeallocateFromSubnetReturnType> {
  assertNetuid(netuid)
  assertPositive('amount', amount)
  const signer = signerOf(client, account, 'deallocateFromSubnet')
  try {
    const receipt = await writeHetu(client, 'deallocateFromSubnet', {
      account: signer,
      address: contractAddress(client, 'GlobalStaking'),
      abi: GlobalStakingAbi,
      functionName: 'deallocateFromSubnet',
      args: [netuid, amount],
    })
    return { ...txResult(receipt), netuid, amount }
  } catch (err) {
    if (err instanceof InsufficientAllocationError) {
      const allocation = await getSubnetAllocation(client, { address: signer.address, netuid }).catch(
        () => undefined,
      )
      throw new InsufficientAllocationError(err.revert, {
        allocated: allocation?.allocated,
        requested: amount,
        netuid,
      })
    }
    throw err
  }
}
