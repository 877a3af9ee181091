import { WHETUAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { WalletLockedError } from '../../errors/account.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import { InsufficientTokenBalanceError } from '../../errors/contract.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { assertPositive, contractAddress, signerOf } from '../../internal/context.js'
import { readHetu } from '../../internal/read.js'
import { txResult, writeHetu } from '../../internal/write.js'
import type { HetuTxResult, WriteOptions } from '../../types/tx.js'

export type UnwrapHetuParameters = { amount: bigint } & WriteOptions
export type UnwrapHetuReturnType = HetuTxResult & { amount: bigint }
export type UnwrapHetuErrorType =
  | InsufficientTokenBalanceError
  | WalletLockedError
  | RpcUnavailableError
  | InvalidArgumentError

/** Unwraps WHETU back into native HETU. */
export async function unwrapHetu(
  client: HetuBaseClient,
  { amount, account }: UnwrapHetuParameters,
): Promise<UnwrapHetuReturnType> {
  assertPositive('amount', amount)
  const signer = signerOf(client, account, 'unwrapHetu')
  const whetu = contractAddress(client, 'WHETU')
  try {
    const receipt = await writeHetu(client, 'unwrapHetu', {
      account: signer,
      address: whetu,
      abi: WHETUAbi,
      functionName: 'withdraw',
      args: [amount],
    })
    return { ...txResult(receipt), amount }
  } catch (err) {
    if (err instanceof InsufficientTokenBalanceError) {
      const balance = await readHetu(client, 'unwrapHetu', {
        address: whetu,
        abi: WHETUAbi,
        functionName: 'balanceOf',
        args: [signer.address],
      }).catch(() => undefined)
      throw new InsufficientTokenBalanceError(err.revert, { token: 'WHETU', balance, required: amount })
    }
    throw err
  }
}
