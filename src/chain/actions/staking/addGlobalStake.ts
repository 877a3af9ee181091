import { GlobalStakingAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { InsufficientFundsError, WalletLockedError } from '../../errors/account.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { assertPositive, contractAddress, signerOf } from '../../internal/context.js'
import { prefetchTxContext, sendPlanned } from '../../internal/pipeline.js'
import { planWhetuSpend, readWhetuSpendState } from '../../internal/tokens.js'
import { txResult, writeHetu } from '../../internal/write.js'
import type { HetuWriteResult, WriteOptions } from '../../types/tx.js'

export type AddGlobalStakeParameters = { amount: bigint } & WriteOptions
export type AddGlobalStakeReturnType = HetuWriteResult & { amount: bigint }
export type AddGlobalStakeErrorType =
  | InsufficientFundsError
  | WalletLockedError
  | RpcUnavailableError
  | InvalidArgumentError

/** Stakes `amount` WHETU globally, wrapping missing native HETU and approving exactly GlobalStaking first. */
export async function addGlobalStake(
  client: HetuBaseClient,
  { amount, account }: AddGlobalStakeParameters,
): Promise<AddGlobalStakeReturnType> {
  assertPositive('amount', amount)
  const signer = signerOf(client, account, 'addGlobalStake')
  const globalStaking = contractAddress(client, 'GlobalStaking')
  const context = prefetchTxContext(client, signer.address)
  const state = await readWhetuSpendState(client, 'addGlobalStake', signer.address, globalStaking)
  const planned = planWhetuSpend(state, signer.address, amount)
  const prerequisites = await sendPlanned(client, 'addGlobalStake', signer, planned, context)
  const receipt = await writeHetu(client, 'addGlobalStake', {
    account: signer,
    address: globalStaking,
    abi: GlobalStakingAbi,
    functionName: 'addGlobalStake',
    args: [amount],
  })
  return { ...txResult(receipt), prerequisites, amount }
}
