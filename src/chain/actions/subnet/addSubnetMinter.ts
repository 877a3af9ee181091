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

export type AddSubnetMinterParameters = {
  netuid: number
  /** Defaults to the chain's blockinflation module, which needs it to mint rewards and pool injections. */
  minter?: Address
} & WriteOptions
export type AddSubnetMinterReturnType = HetuTxResult & { netuid: number; minter: Address }
export type AddSubnetMinterErrorType =
  | SubnetNotFoundError
  | NotOwnerError
  | InvalidContractArgumentError
  | UnsupportedByContractsError
  | WalletLockedError
  | RpcUnavailableError
  | InvalidArgumentError

/** Lets `minter` mint and burn the subnet's Alpha (subnet owner only). */
export async function addSubnetMinter(
  client: HetuBaseClient,
  { netuid, minter = HETU_BLOCKINFLATION_ADDRESS, account }: AddSubnetMinterParameters,
): Promise<AddSubnetMinterReturnType> {
  assertNetuid(netuid)
  const signer = signerOf(client, account, 'addSubnetMinter')
  await requireSubnetMinters(client, 'addSubnetMinter', 'addSubnetMinter')
  try {
    const receipt = await writeHetu(client, 'addSubnetMinter', {
      account: signer,
      address: contractAddress(client, 'SubnetManager'),
      abi: SubnetManagerAbi,
      functionName: 'addSubnetMinter',
      args: [netuid, minter],
    })
    return { ...txResult(receipt), netuid, minter }
  } catch (err) {
    throw withSubject(err, { netuid })
  }
}
