import { type Address, type Hex, hexToBytes, toFunctionSelector } from 'viem'
import type { NeuronInfo } from '../types/neuron.js'
import { checksumLower } from './checksum.js'

// Hand-rolled ABI codec for the hot path of getSubnetNeurons: viem's generic codec spends ~0.1 ms per
// NeuronInfo, more than the node takes to execute the multicall. Layouts are the standard ABI encoding;
// test/chain/neuronCodec.test.ts checks both directions against viem on random data.

const AGGREGATE = toFunctionSelector('aggregate((address,bytes)[])').slice(2)
const GET_NEURON_INFO = toFunctionSelector('getNeuronInfo(uint16,address)').slice(2)
const GET_SUBNET_ALLOCATION = toFunctionSelector('getSubnetAllocation(address,uint16)').slice(2)
const ZERO_WORD = '0'.repeat(64)
const utf8 = new TextDecoder()

const word = (n: number | bigint) => n.toString(16).padStart(64, '0')

/**
 * Calldata of Multicall3.aggregate calling NeuronManager.getNeuronInfo(netuid, account) for each account.
 * `aggregate` rather than `aggregate3`: 224 bytes per call instead of 256, which keeps all 4096 neurons of
 * a full subnet under the 2 MiB request limit of anvil (geth-based nodes allow 5 MB); it reverts as a
 * whole on a failing call, and getNeuronInfo never fails. It also returns the block number.
 */
export function encodeNeuronInfoAggregate(
  neuronManager: Address,
  netuid: number,
  accounts: readonly Address[],
): Hex {
  const netuidWord = word(netuid)
  return encodeAccountAggregate(neuronManager, GET_NEURON_INFO, accounts, (account) => netuidWord + account)
}

/** The same for GlobalStaking.getSubnetAllocation(account, netuid) (never fails either). */
export function encodeAllocationAggregate(
  globalStaking: Address,
  netuid: number,
  accounts: readonly Address[],
): Hex {
  const netuidWord = word(netuid)
  return encodeAccountAggregate(
    globalStaking,
    GET_SUBNET_ALLOCATION,
    accounts,
    (account) => account + netuidWord,
  )
}

/** `aggregate` over one function taking two words, one call per account (`args` orders the words). */
function encodeAccountAggregate(
  target: Address,
  selector: string,
  accounts: readonly Address[],
  args: (accountWord: string) => string,
): Hex {
  const n = accounts.length
  // Each element: target, offset of callData (0x40), length (68), 68 bytes padded to 96.
  const tupleSize = 32 * 3 + 96
  const targetWord = word(BigInt(target))
  const parts: string[] = ['0x', AGGREGATE, word(0x20), word(n)]
  for (let i = 0; i < n; i++) parts.push(word(n * 32 + i * tupleSize))
  for (const account of accounts)
    parts.push(
      targetWord,
      word(0x40),
      word(68),
      selector,
      args(account.slice(2).toLowerCase().padStart(64, '0')),
      '0'.repeat(56),
    )
  return parts.join('') as Hex
}

/** The `allocated` field of getSubnetAllocation's return data (hex without 0x): its first word. */
export function decodeAllocated(h: string): bigint {
  return BigInt(`0x${h.slice(0, 64)}`)
}

/** Decodes aggregate's `(uint256 blockNumber, bytes[] returnData)`; return data as hex without 0x. */
export function decodeAggregate(data: Hex): { blockNumber: bigint; returnData: string[] } {
  const h = data.slice(2)
  const array = small(h, 32)
  const n = small(h, array)
  const start = array + 32
  const returnData: string[] = new Array(n)
  for (let i = 0; i < n; i++) {
    const item = start + small(h, start + i * 32)
    returnData[i] = h.slice((item + 32) * 2, (item + 32 + small(h, item)) * 2)
  }
  return { blockNumber: BigInt(`0x${h.slice(0, 64)}`), returnData }
}

/**
 * Decodes getNeuronInfo's return data (hex without 0x); `null` for the all-zero struct of non-members.
 * Pass the account when known (saves its checksum); otherwise it is read from the data.
 */
export function decodeNeuronInfo(h: string, account?: Address): NeuronInfo | null {
  const tuple = small(h, 0)
  const field = (i: number) => tuple + i * 32
  const accountWord = h.slice(field(0) * 2, field(0) * 2 + 64)
  if (accountWord === ZERO_WORD) return null
  const big = (byte: number) => BigInt(`0x${h.slice(byte * 2, byte * 2 + 64)}`)
  const text = (i: number) => {
    const at = tuple + small(h, field(i))
    const length = small(h, at)
    return length === 0 ? '' : utf8.decode(hexToBytes(`0x${h.slice((at + 32) * 2, (at + 32 + length) * 2)}`))
  }
  return {
    account: account ?? checksumLower(accountWord.slice(24)),
    netuid: small(h, field(1)),
    isActive: small(h, field(2)) !== 0,
    isValidator: small(h, field(3)) !== 0,
    stake: big(field(4)),
    registrationBlock: big(field(5)),
    lastUpdate: big(field(6)),
    axonEndpoint: text(7),
    axonPort: small(h, field(8)),
    prometheusEndpoint: text(9),
    prometheusPort: small(h, field(10)),
  }
}

/** A word read as a JS number (offsets, lengths, ports, netuids: all far below 2^53). */
function small(h: string, byte: number): number {
  return Number.parseInt(h.slice(byte * 2 + 48, byte * 2 + 64), 16)
}
