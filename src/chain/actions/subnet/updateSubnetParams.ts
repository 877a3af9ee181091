import { SubnetManagerAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { WalletLockedError } from '../../errors/account.js'
import { InvalidArgumentError } from '../../errors/amount.js'
import {
  InvalidContractArgumentError,
  InvalidHyperparamsError,
  type NotOwnerError,
  type SubnetNotFoundError,
} from '../../errors/contract.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { assertNetuid, contractAddress, signerOf } from '../../internal/context.js'
import { explained, withSubject } from '../../internal/enrich.js'
import { txResult, writeHetu } from '../../internal/write.js'
import { SUBNET_HYPERPARAM_KEYS, type SubnetHyperparams } from '../../types/subnet.js'
import type { HetuTxResult, WriteOptions } from '../../types/tx.js'
import { checkSubnetParams } from './checkSubnetParams.js'
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
  | InvalidHyperparamsError
  | InvalidContractArgumentError
  | WalletLockedError
  | RpcUnavailableError
  | InvalidArgumentError

/**
 * Changes subnet hyperparameters (SubnetManager owner only). Reads the current set, merges the
 * changes and writes the whole set; the contract validates it. When it refuses (INVALID_HYPERPARAMS),
 * an {@link InvalidHyperparamsError} names each failing field, and those the caller did not pass: on the
 * public contracts a subnet keeps the invalid default weightsRateLimit 15000 until an update fixes it.
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
    if (err instanceof InvalidContractArgumentError && err.reason === 'INVALID_HYPERPARAMS')
      throw explained(
        new InvalidHyperparamsError(err.revert, checkSubnetParams(merged), Object.keys(params)),
        err,
      )
    throw withSubject(err, { netuid })
  }
}
