import { WHETUAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { InsufficientFundsError, WalletLockedError } from '../../errors/account.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { assertPositive, contractAddress, signerOf } from '../../internal/context.js'
import { txResult, writeHetu } from '../../internal/write.js'
import type { HetuTxResult, WriteOptions } from '../../types/tx.js'

export type WrapHetuParameters = { amount: bigint } & WriteOptions
export type WrapHetuReturnType = HetuTxResult & { amount: bigint }
export type WrapHetuErrorType =
  | InsufficientFundsError
  | WalletLockedError
  | RpcUnavailableError
  | InvalidArgumentError

/** Wraps native HETU into WHETU (1:1), the token every Hetu contract uses. */
export async function wrapHetu(
  client: HetuBaseClient,
  { amount, account }: WrapHetuParameters,
): Promise<WrapHetuReturnType> {
  assertPositive('amount', amount)
  const receipt = await writeHetu(client, 'wrapHetu', {
    account: signerOf(client, account, 'wrapHetu'),
    address: contractAddress(client, 'WHETU'),
    abi: WHETUAbi,
    functionName: 'deposit',
    value: amount,
  })
  return { ...txResult(receipt), amount }
}
