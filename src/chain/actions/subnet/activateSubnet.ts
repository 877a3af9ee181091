import { SubnetManagerAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { WalletLockedError } from '../../errors/account.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import type { NotOwnerError, SubnetAlreadyActiveError, SubnetNotFoundError } from '../../errors/contract.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { assertNetuid, contractAddress, signerOf } from '../../internal/context.js'
import { withSubject } from '../../internal/enrich.js'
import { findEvent, txResult, writeHetu } from '../../internal/write.js'
import type { HetuTxResult, WriteOptions } from '../../types/tx.js'

export type ActivateSubnetParameters = { netuid: number } & WriteOptions
export type ActivateSubnetReturnType = HetuTxResult & { netuid: number; activatedAtBlock: bigint }
export type ActivateSubnetErrorType =
  | SubnetNotFoundError
  | NotOwnerError
  | SubnetAlreadyActiveError
  | WalletLockedError
  | RpcUnavailableError
  | InvalidArgumentError

/** Activates a subnet (subnet owner only): neurons may register and emissions start from this block. */
export async function activateSubnet(
  client: HetuBaseClient,
  { netuid, account }: ActivateSubnetParameters,
): Promise<ActivateSubnetReturnType> {
  assertNetuid(netuid)
  const signer = signerOf(client, account, 'activateSubnet')
  const address = contractAddress(client, 'SubnetManager')
  try {
    const receipt = await writeHetu(client, 'activateSubnet', {
      account: signer,
      address,
      abi: SubnetManagerAbi,
      functionName: 'activateSubnet',
      args: [netuid],
    })
    const event = findEvent(receipt, SubnetManagerAbi, 'SubnetActivated', address)
    return { ...txResult(receipt), netuid, activatedAtBlock: event?.blockNumber ?? receipt.blockNumber }
  } catch (err) {
    throw withSubject(err, { netuid })
  }
}
