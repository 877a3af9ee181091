import { SubnetManagerAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { WalletLockedError } from '../../errors/account.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import type { InvalidContractArgumentError, NotOwnerError } from '../../errors/contract.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { contractAddress, signerOf } from '../../internal/context.js'
import { txResult, writeHetu } from '../../internal/write.js'
import type { HetuTxResult, WriteOptions } from '../../types/tx.js'
import { getNetworkParams } from './getNetworkParams.js'

export type UpdateNetworkConfigParameters = {
  /** Minimum subnet lock (wei), 1…10 000 HETU. */
  minLock?: bigint
  /** Blocks between subnet registrations, 100…50 000. */
  rateLimit?: bigint
  /** Blocks over which the lock cost decays by the last lock, 1 000…100 000. */
  reductionInterval?: bigint
} & WriteOptions
export type UpdateNetworkConfigReturnType = HetuTxResult & {
  minLock: bigint
  rateLimit: bigint
  reductionInterval: bigint
}
export type UpdateNetworkConfigErrorType =
  | NotOwnerError
  | InvalidContractArgumentError
  | WalletLockedError
  | RpcUnavailableError
  | InvalidArgumentError

/** Changes the network-wide subnet registration config (SubnetManager owner only); omitted fields keep their value. */
export async function updateNetworkConfig(
  client: HetuBaseClient,
  parameters: UpdateNetworkConfigParameters,
): Promise<UpdateNetworkConfigReturnType> {
  const signer = signerOf(client, parameters.account, 'updateNetworkConfig')
  const current = await getNetworkParams(client)
  const minLock = parameters.minLock ?? current.minLock
  const rateLimit = parameters.rateLimit ?? current.rateLimit
  const reductionInterval = parameters.reductionInterval ?? current.reductionInterval
  const receipt = await writeHetu(client, 'updateNetworkConfig', {
    account: signer,
    address: contractAddress(client, 'SubnetManager'),
    abi: SubnetManagerAbi,
    functionName: 'updateNetworkConfig',
    args: [minLock, rateLimit, reductionInterval],
  })
  return { ...txResult(receipt), minLock, rateLimit, reductionInterval }
}
