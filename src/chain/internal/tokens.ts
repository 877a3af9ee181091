import { type Address, encodeFunctionData } from 'viem'
import { getBalance } from 'viem/actions'
import { AlphaTokenAbi, WHETUAbi } from '../abi/index.js'
import type { HetuBaseClient } from '../client/types.js'
import { InsufficientFundsError } from '../errors/account.js'
import { InsufficientTokenBalanceError } from '../errors/contract.js'
import { toHetuError } from '../errors/decode.js'
import { contractAddress, errorContext } from './context.js'
import { type PlannedTx, PREREQUISITE_GAS } from './pipeline.js'
import { readHetu } from './read.js'

/** WHETU balance, allowance to `spender` and native balance of `owner`. */
export interface WhetuSpendState {
  whetu: Address
  spender: Address
  balance: bigint
  allowance: bigint
  native: bigint
}

/** Reads what a WHETU spend depends on; start it with the action's other reads so they share a batch. */
export async function readWhetuSpendState(
  client: HetuBaseClient,
  action: string,
  owner: Address,
  spender: Address,
): Promise<WhetuSpendState> {
  const whetu = contractAddress(client, 'WHETU')
  const [balance, allowance, native] = await Promise.all([
    readHetu(client, action, { address: whetu, abi: WHETUAbi, functionName: 'balanceOf', args: [owner] }),
    readHetu(client, action, {
      address: whetu,
      abi: WHETUAbi,
      functionName: 'allowance',
      args: [owner, spender],
    }),
    getBalance(client, { address: owner }).catch((err) => {
      throw toHetuError(err, errorContext(client, action))
    }),
  ])
  return { whetu, spender, balance, allowance, native }
}

/**
 * Transactions that let `state.spender` pull `amount` WHETU: wrap exactly the missing native HETU (never
 * more), approve exactly `amount` to exactly that contract when the allowance is short.
 */
export function planWhetuSpend(state: WhetuSpendState, owner: Address, amount: bigint): PlannedTx[] {
  const planned: PlannedTx[] = []
  if (state.balance < amount) {
    const missing = amount - state.balance
    if (state.native < missing)
      throw new InsufficientFundsError({ address: owner, balance: state.native, required: missing })
    planned.push({
      step: 'wrap',
      to: state.whetu,
      data: encodeFunctionData({ abi: WHETUAbi, functionName: 'deposit' }),
      value: missing,
      gas: PREREQUISITE_GAS.wrap,
    })
  }
  if (state.allowance < amount) planned.push(approveTx(state.whetu, state.spender, amount))
  return planned
}

/** Approval of exactly `amount` of a subnet's Alpha to `spender` when short; checks the balance. */
export async function planAlphaSpend(
  client: HetuBaseClient,
  action: string,
  args: { owner: Address; amount: bigint; spender: Address; token: Address },
): Promise<PlannedTx[]> {
  const [balance, allowance] = await Promise.all([
    readHetu(client, action, {
      address: args.token,
      abi: AlphaTokenAbi,
      functionName: 'balanceOf',
      args: [args.owner],
    }),
    readHetu(client, action, {
      address: args.token,
      abi: AlphaTokenAbi,
      functionName: 'allowance',
      args: [args.owner, args.spender],
    }),
  ])
  if (balance < args.amount)
    throw new InsufficientTokenBalanceError(
      { reason: 'INSUFFICIENT_BALANCE', action },
      { token: 'Alpha', balance, required: args.amount },
    )
  return allowance < args.amount ? [approveTx(args.token, args.spender, args.amount)] : []
}

function approveTx(token: Address, spender: Address, amount: bigint): PlannedTx {
  return {
    step: 'approve',
    to: token,
    data: encodeFunctionData({ abi: WHETUAbi, functionName: 'approve', args: [spender, amount] }),
    gas: PREREQUISITE_GAS.approve,
  }
}
