import type { Account, Address } from 'viem'
import { getBalance } from 'viem/actions'
import { AlphaTokenAbi, WHETUAbi } from '../abi/index.js'
import type { HetuBaseClient } from '../client/types.js'
import { InsufficientFundsError } from '../errors/account.js'
import { InsufficientTokenBalanceError } from '../errors/contract.js'
import { toHetuError } from '../errors/decode.js'
import type { PrerequisiteTx } from '../types/tx.js'
import { contractAddress } from './context.js'
import { readHetu } from './read.js'
import { txResult, writeHetu } from './write.js'

/**
 * Makes `spender` able to pull `amount` WHETU from `account`: wraps the missing native HETU (never
 * more) and approves exactly `amount` to exactly that contract when the allowance is short. Balance,
 * native balance and allowance are read in one JSON-RPC batch.
 */
export async function prepareWhetuSpend(
  client: HetuBaseClient,
  action: string,
  args: { account: Account; amount: bigint; spender: Address },
): Promise<PrerequisiteTx[]> {
  const whetu = contractAddress(client, 'WHETU')
  const owner = args.account.address
  const [balance, allowance, native] = await Promise.all([
    readHetu(client, action, { address: whetu, abi: WHETUAbi, functionName: 'balanceOf', args: [owner] }),
    readHetu(client, action, {
      address: whetu,
      abi: WHETUAbi,
      functionName: 'allowance',
      args: [owner, args.spender],
    }),
    getBalance(client, { address: owner }).catch((err) => {
      throw toHetuError(err, { action })
    }),
  ])
  const steps: PrerequisiteTx[] = []
  if (balance < args.amount) {
    const missing = args.amount - balance
    if (native < missing)
      throw new InsufficientFundsError({ address: owner, balance: native, required: missing })
    const receipt = await writeHetu(client, action, {
      account: args.account,
      address: whetu,
      abi: WHETUAbi,
      functionName: 'deposit',
      value: missing,
    })
    steps.push({ step: 'wrap', ...txResult(receipt) })
  }
  if (allowance < args.amount) steps.push(await approve(client, action, { ...args, token: whetu }))
  return steps
}

/** Approves exactly `amount` of an Alpha token to `spender` when the allowance is short; checks the balance. */
export async function prepareAlphaSpend(
  client: HetuBaseClient,
  action: string,
  args: { account: Account; amount: bigint; spender: Address; token: Address },
): Promise<PrerequisiteTx[]> {
  const owner = args.account.address
  const [balance, allowance] = await Promise.all([
    readHetu(client, action, {
      address: args.token,
      abi: AlphaTokenAbi,
      functionName: 'balanceOf',
      args: [owner],
    }),
    readHetu(client, action, {
      address: args.token,
      abi: AlphaTokenAbi,
      functionName: 'allowance',
      args: [owner, args.spender],
    }),
  ])
  if (balance < args.amount)
    throw new InsufficientTokenBalanceError(
      { reason: 'INSUFFICIENT_BALANCE', action },
      { token: 'Alpha', balance, required: args.amount },
    )
  return allowance < args.amount ? [await approve(client, action, args)] : []
}

async function approve(
  client: HetuBaseClient,
  action: string,
  args: { account: Account; amount: bigint; spender: Address; token: Address },
): Promise<PrerequisiteTx> {
  const receipt = await writeHetu(client, action, {
    account: args.account,
    address: args.token,
    abi: WHETUAbi,
    functionName: 'approve',
    args: [args.spender, args.amount],
  })
  return { step: 'approve', ...txResult(receipt) }
}
