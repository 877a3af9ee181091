import { NeuronManagerAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { WalletLockedError } from '../../errors/account.js'
import type { NeuronNotRegisteredError } from '../../errors/contract.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { assertNetuid, contractAddress, signerOf } from '../../internal/context.js'
import { withSubject } from '../../internal/enrich.js'
import { txResult, writeHetu } from '../../internal/write.js'
import type { HetuTxResult, WriteOptions } from '../../types/tx.js'

export type DeregisterNeuronParameters = { netuid: number } & WriteOptions
export type DeregisterNeuronReturnType = HetuTxResult & { netuid: number }
export type DeregisterNeuronErrorType = NeuronNotRegisteredError | WalletLockedError | RpcUnavailableError

/**
 * Leaves the subnet. The stake stays allocated to it (and the fee is gone): follow with
 * deallocateFromSubnet, removeGlobalStake and unwrapHetu to get the HETU back.
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
    return { ...txResult(receipt), netuid }
  } catch (err) {
    throw withSubject(err, { netuid, account: signer.address })
  }
}
