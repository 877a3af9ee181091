import type { Address, Hex } from 'viem'

// Word-level ABI encoding of the calls read and sent in bulk (every neuron of a subnet, every block
// of the localnet): viem's generic encoder costs about a millisecond per hundred calls. Layouts are the
// standard ABI encoding; test/chain/codec.test.ts checks each against viem on random data.

// The functions' selectors (first 4 bytes of the keccak-256 of the signature beside each), written
// out: hashing them when the module loads cost every command ~10 ms of cold keccak.
// test/chain/codec.test.ts checks every encoding below against viem's.
const SELECTORS = {
  aggregate: '252dba42', // aggregate((address,bytes)[])
  aggregate3: '82ad56cb', // aggregate3((address,bool,bytes)[])
  executeGroups: 'cd6e59d4', // executeGroups((uint256,(address,uint256,bytes)[])[])
  deposit: 'd0e30db0', // deposit()
  approve: '095ea7b3', // approve(address,uint256)
  mint: '40c10f19', // mint(address,uint256)
  injectLiquidity: 'c1433f44', // injectLiquidity(uint256,uint256)
  getPoolInfo: '60246c88', // getPoolInfo()
  isAuthorizedMinter: '842392c2', // isAuthorizedMinter(address)
  getNeuronList: '4b0d7b72', // getNeuronList(uint16)
  getNeuronInfo: '6ee4d27f', // getNeuronInfo(uint16,address)
  getSubnetAllocation: 'dd9acd0d', // getSubnetAllocation(address,uint16)
  getWeights: '85cf1d4c', // getWeights(uint16,address)
}

/** A uint256 as 64 hex digits. */
function word(value: bigint | number): string {
  return value.toString(16).padStart(64, '0')
}

function addressWord(address: Address): string {
  return address.slice(2).toLowerCase().padStart(64, '0')
}

/** `bytes` contents right-padded to whole words, with its length word first. */
function bytesWords(data: Hex): string {
  const hex = data.slice(2)
  const padded = hex.length % 64 === 0 ? hex : hex.padEnd(hex.length + 64 - (hex.length % 64), '0')
  return word(hex.length / 2) + padded
}

/** Calldata of the contracts' functions read or called in bulk. */
export const callData = {
  deposit: (): Hex => `0x${SELECTORS.deposit}`,
  approve: (spender: Address, amount: bigint): Hex =>
    `0x${SELECTORS.approve}${addressWord(spender)}${word(amount)}`,
  mint: (to: Address, amount: bigint): Hex => `0x${SELECTORS.mint}${addressWord(to)}${word(amount)}`,
  injectLiquidity: (hetu: bigint, alpha: bigint): Hex =>
    `0x${SELECTORS.injectLiquidity}${word(hetu)}${word(alpha)}`,
  getPoolInfo: (): Hex => `0x${SELECTORS.getPoolInfo}`,
  isAuthorizedMinter: (who: Address): Hex => `0x${SELECTORS.isAuthorizedMinter}${addressWord(who)}`,
  getNeuronList: (netuid: number): Hex => `0x${SELECTORS.getNeuronList}${word(netuid)}`,
  getNeuronInfo: (netuid: number, account: Address): Hex =>
    `0x${SELECTORS.getNeuronInfo}${word(netuid)}${addressWord(account)}`,
  getSubnetAllocation: (account: Address, netuid: number): Hex =>
    `0x${SELECTORS.getSubnetAllocation}${addressWord(account)}${word(netuid)}`,
  getWeights: (netuid: number, validator: Address): Hex =>
    `0x${SELECTORS.getWeights}${word(netuid)}${addressWord(validator)}`,
}

/** A dynamic array of dynamic tuples: length, the heads' offsets, then each encoded tail. */
function dynamicArray(tails: readonly string[]): string {
  const parts = [word(tails.length)]
  let offset = tails.length * 32
  for (const tail of tails) {
    parts.push(word(offset))
    offset += tail.length / 2
  }
  parts.push(...tails)
  return parts.join('')
}

/** One view call: where, and its calldata. */
export interface Call {
  target: Address
  data: Hex
}

const WORD_1 = word(1)
const WORD_0x40 = word(0x40)
const WORD_0x60 = word(0x60)

/**
 * A `(address, [bool,] bytes)[]` of calls, built in one pass (calls in bulk mostly share a target and
 * a calldata length: their words are reused).
 */
function callArray(calls: readonly Call[], flag: string): string {
  const n = calls.length
  const heads: string[] = new Array(n)
  const tails: string[] = new Array(n)
  let offset = n * 32
  let lastTarget = ''
  let targetWord = ''
  let lastLength = -1
  let lengthWord = ''
  for (let i = 0; i < n; i++) {
    const { target, data } = calls[i]!
    if (target !== lastTarget) {
      lastTarget = target
      targetWord = addressWord(target)
    }
    const hexLength = data.length - 2
    if (hexLength !== lastLength) {
      lastLength = hexLength
      lengthWord = word(hexLength / 2)
    }
    const rest = hexLength % 64
    const tail =
      targetWord + flag + lengthWord + data.slice(2) + (rest === 0 ? '' : ZEROS.slice(0, 64 - rest))
    heads[i] = word(offset)
    tails[i] = tail
    offset += tail.length / 2
  }
  return word(n) + heads.join('') + tails.join('')
}

const ZEROS = '0'.repeat(64)

/**
 * `Multicall3.aggregate(calls)`: reverts as a whole when a call fails, returns the block number, and
 * takes 32 bytes less per call than `aggregate3` (which keeps all 4096 neurons of a full subnet under
 * anvil's 2 MiB request limit).
 */
export function encodeAggregate(calls: readonly Call[]): Hex {
  return `0x${SELECTORS.aggregate}${word(0x20)}${callArray(calls, WORD_0x40)}`
}

/** `Multicall3.aggregate3(calls)` with every call allowed to fail. */
export function encodeAggregate3(calls: readonly Call[]): Hex {
  return `0x${SELECTORS.aggregate3}${word(0x20)}${callArray(calls, WORD_1 + WORD_0x60)}`
}

/** `SystemBatch.executeGroups(groups)` (the localnet's system transactions). */
export function encodeExecuteGroups(
  groups: readonly { gas: bigint; calls: readonly { target: Address; value: bigint; data: Hex }[] }[],
): Hex {
  const tails = groups.map((group) => {
    const calls = group.calls.map(
      (c) => addressWord(c.target) + word(c.value) + word(0x60) + bytesWords(c.data),
    )
    return word(group.gas) + word(0x40) + dynamicArray(calls)
  })
  return `0x${SELECTORS.executeGroups}${word(0x20)}${dynamicArray(tails)}`
}
