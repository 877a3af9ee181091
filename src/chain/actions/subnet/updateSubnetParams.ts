import { SubnetManagerAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { WalletLockedError } from '../../errors/account.js'
import { InvalidArgumentError } from '../../errors/amount.js'
import type {
  InvalidContractArgumentError,
  NotOwnerError,
  SubnetNotFoundError,
} from '../../errors/contract.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { assertNetuid, contractAddress, signerOf } from '../../internal/context.js'
import { withSubject } from '../../internal/enrich.js'
import { txResult, writeHetu } from '../../internal/write.js'
import { SUBNET_HYPERPARAM_KEYS, type SubnetHyperparams } from '../../types/subnet.js'
import type { HetuTxResult, WriteOptions } from '../../types/tx.js'
import { getSubnetParams } from './getSubnetParams.js'

export type UpdateSubnetParamsParameters = {
  netuid: number
  /** Only the fields to change; the others keep their current on-chain values. */
  params: Partial<SubnetHyperparams>
} & WriteOptions
export type UpdateSubnetParamsReturnType = HetuTxResult & { netuid: number; params: SubnetHyperparams }
export type UpdateSubnetParamsErrorType =
  | SubnetNotFoundError
  | NotOwnerError
  | InvalidContractArgumentError
  | WalletLockedError
  | RpcUnavailableError

/**
 * Changes subnet hyperparameters (SubnetManager owner only). Reads the current set, merges the
 * changes and writes the whole set; the contract validates it (INVALID_HYPERPARAMS).
 */
export async function updateSubnetParams(
  client: HetuBaseClient,
  { netuid, params, account }: UpdateSubnetParamsParameters,
): Promise<UpdateSubnetParamsReturnType> {
  assertNetuid(netuid)
  const signer = signerOf(client, account, 'updateSubnetParams')
  for (const key of Object.keys(params))
    if (!(SUBNET_HYPERPARAM_KEYS as readonly string[]).includes(key))
      throw new InvalidArgumentError(`params.${key}`, 'not a subnet hyperparameter')
  const current = await getSubnetParams(client, { netuid })
  const merged: SubnetHyperparams = { ...current }
  for (const key of SUBNET_HYPERPARAM_KEYS)
    if (params[key] !== undefined) Object.assign(merged, { [key]: params[key] })
  try {
    const receipt = await writeHetu(client, 'updateSubnetParams', {
      account: signer,
      address: contractAddress(client, 'SubnetManager'),
      abi: SubnetManagerAbi,
      functionName: 'updateSubnetHyperparams',
      args: [netuid, merged],
    })
    return { ...txResult(receipt), netuid, params: merged }
  } catch (err) {
    throw withSubject(err, { netuid })
  }
}
