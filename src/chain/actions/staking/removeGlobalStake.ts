import { GlobalStakingAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { WalletLockedError } from '../../errors/account.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import { InsufficientAvailableStakeError, InsufficientStakeError } from '../../errors/contract.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { assertPositive, contractAddress, signerOf } from '../../internal/context.js'
import { txResult, writeHetu } from '../../internal/write.js'
import type { HetuTxResult, WriteOptions } from '../../types/tx.js'
import { getStakeInfo } from './getStakeInfo.js'

export type RemoveGlobalStakeParameters = { amount: bigint } & WriteOptions
export type RemoveGlobalStakeReturnType = HetuTxResult & { amount: bigint }
export type RemoveGlobalStakeErrorType =
  | InsufficientAvailableStakeError
  | InsufficientStakeError
  | WalletLockedError
  | RpcUnavailableError
  | InvalidArgumentError

/** Unstakes `amount` of *available* (unallocated, not spent on fees) stake back to WHETU. */
export async function removeGlobalStake(
  client: HetuBaseClient,
  { amount, account }: RemoveGlobalStakeParameters,
): Promise<RemoveGlobalStakeReturnType> {
  assertPositive('amount', amount)
  const signer = signerOf(client, account, 'removeGlobalStake')
  try {
    const receipt = await writeHetu(client, 'removeGlobalStake', {
      account: signer,
      address: contractAddress(client, 'GlobalStaking'),
      abi: GlobalStakingAbi,
      functionName: 'removeGlobalStake',
      args: [amount],
    })
    return { ...txResult(receipt), amount }
  } catch (err) {
    // Only on failure: read the amounts so the error says how much is available.
    if (err instanceof InsufficientAvailableStakeError || err instanceof InsufficientStakeError) {
      const info = await getStakeInfo(client, { address: signer.address }).catch(() => undefined)
      if (info && err instanceof InsufficientAvailableStakeError)
        throw new InsufficientAvailableStakeError(err.revert, { available: info.available, required: amount })
      if (info) throw new InsufficientStakeError(err.revert, { staked: info.totalStaked, requested: amount })
    }
    throw err
  }
}
