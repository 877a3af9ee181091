import { type Address, concat, encodeFunctionData, type Hex, numberToHex, parseAbi } from 'viem'
import { AlphaTokenAbi, SubnetAMMAbi, WHETUAbi } from '../../chain/abi/index.js'
import type { RpcRequest } from '../rpc.js'

/** Where the localnet puts the SystemBatch code the system address delegates to ("Syst" in ASCII). */
export const SYSTEM_BATCH_ADDRESS: Address = '0x0000000000000000000000000000000053797374'

export const SystemBatchAbi = parseAbi([
  'struct Call { address target; uint256 value; bytes data; }',
  'function execute(Call[] calls) payable',
])

/** EIP-7702 delegation designator: the account runs `target`'s code as itself. */
export function delegationCode(target: Address): Hex {
  return concat(['0xef0100', target])
}

/** One call the system address makes; gas is a generous upper bound (no estimate round trip). */
export interface SystemCall {
  target: Address
  value: bigint
  data: Hex
  gas: bigint
}

/** Who gets what from a payout group, for the totals once it landed. */
export interface Credit {
  address: Address
  incentive: bigint
  dividend: bigint
  owner: bigint
}

/** Calls that must succeed or fail together: one transaction of the system address. */
export interface SystemGroup {
  block: bigint
  netuid: number
  kind: 'injection' | 'payout'
  calls: SystemCall[]
  /** Payout groups: the recipients' amounts. */
  credits: Credit[]
}

const GAS = { base: 60_000n, deposit: 70_000n, approve: 60_000n, mint: 80_000n, inject: 250_000n }
/** Mints per payout transaction: bounds a transaction's gas (~16 M) whatever the subnet's size. */
export const MINTS_PER_TRANSACTION = 200

/** Spec 3.4 step 3: wrap tao_in, mint alpha_in to itself, approve both to the pool, injectLiquidity. */
export function injectionCalls(p: {
  whetu: Address
  alphaToken: Address
  pool: Address
  system: Address
  taoIn: bigint
  alphaIn: bigint
}): SystemCall[] {
  return [
    {
      target: p.whetu,
      value: p.taoIn,
      data: encodeFunctionData({ abi: WHETUAbi, functionName: 'deposit' }),
      gas: GAS.deposit,
    },
    {
      target: p.whetu,
      value: 0n,
      data: encodeFunctionData({ abi: WHETUAbi, functionName: 'approve', args: [p.pool, p.taoIn] }),
      gas: GAS.approve,
    },
    mintCall(p.alphaToken, p.system, p.alphaIn),
    {
      target: p.alphaToken,
      value: 0n,
      data: encodeFunctionData({ abi: AlphaTokenAbi, functionName: 'approve', args: [p.pool, p.alphaIn] }),
      gas: GAS.approve,
    },
    {
      target: p.pool,
      value: 0n,
      data: encodeFunctionData({
        abi: SubnetAMMAbi,
        functionName: 'injectLiquidity',
        args: [p.taoIn, p.alphaIn],
      }),
      gas: GAS.inject,
    },
  ]
}

export function mintCall(alphaToken: Address, to: Address, amount: bigint): SystemCall {
  return {
    target: alphaToken,
    value: 0n,
    data: encodeFunctionData({ abi: AlphaTokenAbi, functionName: 'mint', args: [to, amount] }),
    gas: GAS.mint,
  }
}

/** The group as a transaction from the system address to itself (SystemBatch.execute). */
export function groupTransaction(system: Address, group: SystemGroup, nonce: bigint): RpcRequest {
  let value = 0n
  let gas = GAS.base
  for (const call of group.calls) {
    value += call.value
    gas += call.gas
  }
  const data = encodeFunctionData({
    abi: SystemBatchAbi,
    functionName: 'execute',
    args: [group.calls.map(({ target, value, data }) => ({ target, value, data }))],
  })
  return {
    method: 'eth_sendTransaction',
    params: [
      {
        from: system,
        to: system,
        data,
        value: numberToHex(value),
        gas: numberToHex(gas),
        nonce: numberToHex(nonce),
      },
    ],
  }
}
