import { GlobalStakingAbi, NeuronManagerAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { WalletLockedError } from '../../errors/account.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import type { NeuronNotRegisteredError } from '../../errors/contract.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { assertNetuid, contractAddress, signerOf } from '../../internal/context.js'
import { withSubject } from '../../internal/enrich.js'
import { readHetu } from '../../internal/read.js'
import { txResult, writeHetu } from '../../internal/write.js'
import type { HetuTxResult, WriteOptions } from '../../types/tx.js'

export type DeregisterNeuronParameters = {
  netuid: number
  /**
   * Also take back what stays allocated after leaving (a deallocateFromSubnet when anything does), so
   * the stake is available on both rule sets: the public contracts keep the allocation, the fixed
   * rule set releases it.
   */
  release?: boolean
} & WriteOptions
export type DeregisterNeuronReturnType = HetuTxResult & {
  netuid: number
  /** Stake still allocated to the subnet after leaving (and after `release`): 0 on contracts that
   * release it (the fixed rule set), the whole stake on the public contracts without `release`. */
  remainingAllocation: bigint
  /** What `release` deallocated (0 when nothing stayed allocated or `release` was not asked). */
  released: bigint
}
export type DeregisterNeuronErrorType =
  | NeuronNotRegisteredError
  | WalletLockedError
  | RpcUnavailableError
  | InvalidArgumentError

/**
 * Leaves the subnet; the registration fee is gone. The public contracts keep the allocation after
 * leaving, the fixed rule set releases it: `remainingAllocation` tells whether a deallocateFromSubnet is
 * needed before removeGlobalStake, and `release: true` does it, so one call works on both.
 */
export async function deregisterNeuron(
  client: HetuBaseClient,
  { netuid, account, release = false }: DeregisterNeuronParameters,
): Promise<DeregisterNeuronReturnType> {
  assertNetuid(netuid)
  const signer = signerOf(client, account, 'deregisterNeuron')
  try {
    const receipt = await writeHetu(client, 'deregisterNeuron', {
      account: signer,
      address: contractAddress(client, 'NeuronManager'),
      abi: NeuronManagerAbi,
      functionName: 'deregisterNeuron',
      args: [netuid],
    })
    const allocation = await readHetu(client, 'deregisterNeuron', {
      address: contractAddress(client, 'GlobalStaking'),
      abi: GlobalStakingAbi,
      functionName: 'getSubnetAllocation',
      args: [signer.address, netuid],
      blockNumber: receipt.blockNumber,
    })
    const remaining = allocation.allocated
    if (release && remaining > 0n) {
      await writeHetu(client, 'deregisterNeuron', {
        account: signer,
        address: contractAddress(client, 'GlobalStaking'),
        abi: GlobalStakingAbi,
        functionName: 'deallocateFromSubnet',
        args: [netuid, remaining],
      })
      return { ...txResult(receipt), netuid, remainingAllocation: 0n, released: remaining }
    }
    return { ...txResult(receipt), netuid, remainingAllocation: remaining, released: 0n }
  } catch (err) {
    throw withSubject(err, { netuid, account: signer.address })
  }
}
