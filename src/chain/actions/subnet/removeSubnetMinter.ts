import type { Address } from 'viem'
import { SubnetManagerAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import { HETU_BLOCKINFLATION_ADDRESS } from '../../constants.js'
import type { WalletLockedError } from '../../errors/account.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import type {
  InvalidContractArgumentError,
  NotOwnerError,
  SubnetNotFoundError,
} from '../../errors/contract.js'
import type { UnsupportedByContractsError } from '../../errors/generation.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { assertNetuid, contractAddress, signerOf } from '../../internal/context.js'
import { withSubject } from '../../internal/enrich.js'
import { requireSubnetMinters } from '../../internal/generation.js'
import { txResult, writeHetu } from '../../internal/write.js'
import type { HetuTxResult, WriteOptions } from '../../types/tx.js'

export type RemoveSubnetMinterParameters = {
  netuid: number
  /** Defaults to the blockinflation module. */
  minter?: Address
} & WriteOptions
export type RemoveSubnetMinterReturnType = HetuTxResult & { netuid: number; minter: Address }
export type RemoveSubnetMinterErrorType =
  | SubnetNotFoundError
  | NotOwnerError
  | InvalidContractArgumentError
  | UnsupportedByContractsError
  | WalletLockedError
  | RpcUnavailableError
  | InvalidArgumentError

/** Revokes a minter of the subnet’s Alpha (subnet owner only; the SubnetManager cannot be removed). */
export async function removeSubnetMinter(
  client: HetuBaseClient,
  { netuid, minter = HETU_BLOCKINFLATION_ADDRESS, account }: RemoveSubnetMinterParameters,
): Promise<RemoveSubnetMinterReturnType> {
  assertNetuid(netuid)
  const signer = signerOf(client, account, 'removeSubnetMinter')
  await requireSubnetMinters(client, 'removeSubnetMinter', 'removeSubnetMinter')
  try {
    const receipt = await writeHetu(client, 'removeSubnetMinter', {
      account: signer,
      address: contractAddress(client, 'SubnetManager'),
      abi: SubnetManagerAbi,
      functionName: 'removeSubnetMinter',
      args: [netuid, minter],
    })
    return { ...txResult(receipt), netuid, minter }
  } catch (err) {
    throw withSubject(err, { netuid })
  }
}
