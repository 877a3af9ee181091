import { type Address, concat, type Hex, numberToHex, parseAbi } from 'viem'
import type { RpcRequest } from '../rpc.js'
import { callData, encodeExecuteGroups } from './codec.js'

/** Where the localnet puts the SystemBatch code the system address delegates to ("Syst" in ASCII). */
export const SYSTEM_BATCH_ADDRESS: Address = '0x0000000000000000000000000000000053797374'

export const SystemBatchAbi = parseAbi([
  'struct Call { address target; uint256 value; bytes data; }',
  'struct Group { uint256 gas; Call[] calls; }',
  'function execute(Call[] calls) payable',
  'function executeGroups(Group[] groups) payable',
  'event GroupFailed(uint256 indexed index, bytes reason)',
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

/** Generous upper bounds (no estimate round trip); unused gas costs nothing here. */
const GAS = {
  base: 100_000n,
  perGroup: 40_000n,
  group: 30_000n,
  deposit: 70_000n,
  approve: 60_000n,
  mint: 80_000n,
  inject: 250_000n,
}
/** Mints per payout group: bounds a group's gas (~16 M) whatever the subnet's size. */
export const MINTS_PER_GROUP = 200
/** Gas of one system transaction at most (the module raises the block gas limit well above it). */
export const TRANSACTION_GAS_CAP = 200_000_000n

/**
 * docs/emission.md#coinbase: wrap tao_in, mint alpha_in to itself, approve both to the pool, injectLiquidity.
 */
export function injectionCalls(p: {
  whetu: Address
  alphaToken: Address
  pool: Address
  system: Address
  taoIn: bigint
  alphaIn: bigint
}): SystemCall[] {
  return [
    { target: p.whetu, value: p.taoIn, data: callData.deposit(), gas: GAS.deposit },
    { target: p.whetu, value: 0n, data: callData.approve(p.pool, p.taoIn), gas: GAS.approve },
    mintCall(p.alphaToken, p.system, p.alphaIn),
    { target: p.alphaToken, value: 0n, data: callData.approve(p.pool, p.alphaIn), gas: GAS.approve },
    { target: p.pool, value: 0n, data: callData.injectLiquidity(p.taoIn, p.alphaIn), gas: GAS.inject },
  ]
}

export function mintCall(alphaToken: Address, to: Address, amount: bigint): SystemCall {
  return { target: alphaToken, value: 0n, data: callData.mint(to, amount), gas: GAS.mint }
}

/** Gas of one group: its calls plus the nested call's own overhead. */
function groupGas(group: SystemGroup): bigint {
  let gas = GAS.group
  for (const call of group.calls) gas += call.gas
  return gas
}

/** One transaction of the system address and the groups it carries, in order. */
export interface SystemTransaction {
  request: RpcRequest
  groups: SystemGroup[]
}

/**
 * A block's groups as few transactions as possible (usually one) from the system address to itself:
 * SystemBatch.executeGroups runs each group atomically and reports a failed one by `GroupFailed`
 * without undoing the others, as the chain's BeginBlock logs a failed subnet and goes on. A new
 * transaction starts only when one would exceed {@link TRANSACTION_GAS_CAP}.
 */
export function systemTransactions(
  system: Address,
  groups: readonly SystemGroup[],
  firstNonce: bigint,
): SystemTransaction[] {
  const packs: SystemGroup[][] = []
  let gas = 0n
  for (const group of groups) {
    const g = groupGas(group) + GAS.perGroup
    if (packs.length === 0 || gas + g > TRANSACTION_GAS_CAP) {
      packs.push([])
      gas = GAS.base
    }
    packs[packs.length - 1]!.push(group)
    gas += g
  }
  return packs.map((pack, i) => {
    let value = 0n
    let gas = GAS.base
    for (const group of pack) {
      for (const call of group.calls) value += call.value
      gas += groupGas(group) + GAS.perGroup
    }
    const data = encodeExecuteGroups(pack.map((group) => ({ gas: groupGas(group), calls: group.calls })))
    return {
      groups: pack,
      request: {
        method: 'eth_sendTransaction',
        params: [
          {
            from: system,
            to: system,
            data,
            value: numberToHex(value),
            gas: numberToHex(gas),
            nonce: numberToHex(firstNonce + BigInt(i)),
          },
        ],
      },
    }
  })
}
