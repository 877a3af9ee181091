import type { Address } from 'viem'
import { WHETUAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { InsufficientFundsError, WalletLockedError } from '../../errors/account.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import type { InsufficientTokenBalanceError } from '../../errors/contract.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { assertPositive, contractAddress, signerOf } from '../../internal/context.js'
import { sendValueHetu, txResult, writeHetu } from '../../internal/write.js'
import type { HetuTxResult, WriteOptions } from '../../types/tx.js'

export type TransferParameters = {
  to: Address
  amount: bigint
  /** 'HETU' (native, default) or 'WHETU'. */
  token?: 'HETU' | 'WHETU'
} & WriteOptions
export type TransferReturnType = HetuTxResult & { to: Address; amount: bigint; token: 'HETU' | 'WHETU' }
export type TransferErrorType =
  | InsufficientFundsError
  | InsufficientTokenBalanceError
  | WalletLockedError
  | RpcUnavailableError
  | InvalidArgumentError

/** Sends native HETU (or WHETU) to an address. */
export async function transfer(
  client: HetuBaseClient,
  { to, amount, token = 'HETU', account }: TransferParameters,
): Promise<TransferReturnType> {
  assertPositive('amount', amount)
  const signer = signerOf(client, account, 'transfer')
  const receipt =
    token === 'WHETU'
      ? await writeHetu(client, 'transfer', {
          account: signer,
          address: contractAddress(client, 'WHETU'),
          abi: WHETUAbi,
          functionName: 'transfer',
          args: [to, amount],
        })
      : await sendValueHetu(client, 'transfer', { account: signer, to, value: amount })
  return { ...txResult(receipt), to, amount, token }
}
