import { GlobalStakingAbi, NeuronManagerAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { WalletLockedError } from '../../errors/account.js'
import type { NeuronNotRegisteredError } from '../../errors/contract.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { assertNetuid, contractAddress, signerOf } from '../../internal/context.js'
import { withSubject } from '../../internal/enrich.js'
import { readHetu } from '../../internal/read.js'
import { txResult, writeHetu } from '../../internal/write.js'
import type { HetuTxResult, WriteOptions } from '../../types/tx.js'

export type DeregisterNeuronParameters = { netuid: number } & WriteOptions
export type DeregisterNeuronReturnType = HetuTxResult & {
  netuid: number
  /** Stake still allocated to the subnet after leaving: 0 on contracts that release it (the localnet),
   * the whole stake on the public contracts (then call deallocateFromSubnet). */
  remainingAllocation: bigint
}
export type DeregisterNeuronErrorType = NeuronNotRegisteredError | WalletLockedError | RpcUnavailableError

/**
 * Leaves the subnet; the registration fee is gone. Our contracts release the allocation on the way
 * out; the public contracts keep it allocated, so `remainingAllocation` tells whether a
 * deallocateFromSubnet is needed before removeGlobalStake and unwrapHetu.
 */
export async function deregisterNeuron(
  client: HetuBaseClient,
  { netuid, account }: DeregisterNeuronParameters,
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
    return { ...txResult(receipt), netuid, remainingAllocation: allocation.allocated }
  } catch (err) {
    throw withSubject(err, { netuid, account: signer.address })
  }
}
