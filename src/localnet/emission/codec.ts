import { type Address, getAddress, type Hex, toFunctionSelector } from 'viem'

// Hand-written ABI encoding and decoding for the few fixed shapes the block loop uses every block.
// viem's generic codec costs about a millisecond per hundred calls, which at an epoch of thousands of
// neurons would dominate the block; these word-level versions are tens of times faster. The tests
// check each against viem's.

const selector = (signature: string) => toFunctionSelector(signature).slice(2)

const SELECTORS = {
  aggregate3: selector('aggregate3((address,bool,bytes)[])'),
  executeGroups: selector('executeGroups((uint256,(address,uint256,bytes)[])[])'),
  deposit: selector('deposit()'),
  approve: selector('approve(address,uint256)'),
  mint: selector('mint(address,uint256)'),
  injectLiquidity: selector('injectLiquidity(uint256,uint256)'),
  getPoolInfo: selector('getPoolInfo()'),
  isAuthorizedMinter: selector('isAuthorizedMinter(address)'),
  getNeuronList: selector('getNeuronList(uint16)'),
  getNeuronInfo: selector('getNeuronInfo(uint16,address)'),
  getWeights: selector('getWeights(uint16,address)'),
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

// ---------------------------------------------------------------- calls the system address makes

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

/** `Multicall3.aggregate3(calls)` with every call allowed to fail. */
export function encodeAggregate3(calls: readonly { target: Address; data: Hex }[]): Hex {
  const tails = calls.map((c) => addressWord(c.target) + word(1) + word(0x60) + bytesWords(c.data))
  return `0x${SELECTORS.aggregate3}${word(0x20)}${dynamicArray(tails)}`
}

/** `SystemBatch.executeGroups(groups)`. */
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

// ---------------------------------------------------------------- decoding

/** Return data with word readers. Offsets are in bytes. */
export class Words {
  readonly bytes: Buffer
  constructor(data: Hex | Buffer) {
    this.bytes = typeof data === 'string' ? Buffer.from(data.slice(2), 'hex') : data
  }
  /** A word as a small number (offsets, lengths, uint16/32, bools); throws when it does not fit. */
  number(offset: number): number {
    this.#check(offset)
    for (let i = offset; i < offset + 26; i++)
      if (this.bytes[i] !== 0) throw new RangeError(`ABI word at ${offset} is not a small number`)
    return this.bytes.readUIntBE(offset + 26, 6)
  }
  bigint(offset: number): bigint {
    this.#check(offset)
    return BigInt(`0x${this.bytes.toString('hex', offset, offset + 32)}`)
  }
  address(offset: number): Address {
    this.#check(offset)
    return checksummed(this.bytes.toString('hex', offset + 12, offset + 32))
  }
  bool(offset: number): boolean {
    return this.number(offset) !== 0
  }
  #check(offset: number) {
    if (offset < 0 || offset + 32 > this.bytes.length)
      throw new RangeError(`ABI data too short: word at ${offset} of ${this.bytes.length} bytes`)
  }
}

const checksumCache = new Map<string, Address>()

/** EIP-55 form, cached: the same few addresses come back every block. */
function checksummed(lowerHex: string): Address {
  let address = checksumCache.get(lowerHex)
  if (!address) {
    address = getAddress(`0x${lowerHex}`)
    if (checksumCache.size > 100_000) checksumCache.clear()
    checksumCache.set(lowerHex, address)
  }
  return address
}

/** `aggregate3`'s results: each call's return data, or undefined when it reverted. */
export function decodeAggregate3(data: Hex): (Words | undefined)[] {
  const w = new Words(data)
  const start = w.number(0)
  const count = w.number(start)
  const heads = start + 32
  const out: (Words | undefined)[] = []
  for (let i = 0; i < count; i++) {
    const tuple = heads + w.number(heads + 32 * i)
    if (!w.bool(tuple)) {
      out.push(undefined)
      continue
    }
    const bytesAt = tuple + w.number(tuple + 32)
    const length = w.number(bytesAt)
    if (bytesAt + 32 + length > w.bytes.length) throw new RangeError('ABI bytes run past the data')
    out.push(new Words(w.bytes.subarray(bytesAt + 32, bytesAt + 32 + length)))
  }
  return out
}

export const decode = {
  /** `getPoolInfo()`: (mechanism, subnetHetu, subnetAlphaIn, …) → the two reserves. */
  poolReserves: (w: Words) => ({ taoIn: w.bigint(32), alphaIn: w.bigint(64) }),
  bool: (w: Words) => w.bool(0),
  /** `address[]`. */
  addresses: (w: Words): Address[] => {
    const at = w.number(0)
    const n = w.number(at)
    return Array.from({ length: n }, (_, i) => w.address(at + 32 + 32 * i))
  },
  /** `getNeuronInfo` → the fields the epoch uses (account is zero for non-members). */
  neuron: (w: Words) => {
    const at = w.number(0)
    return { account: w.address(at), isValidator: w.bool(at + 96), stake: w.bigint(at + 128) }
  },
  /** `getWeights` → `(dest, weight)[]`. */
  weights: (w: Words): { dest: Address; weight: bigint }[] => {
    const at = w.number(0)
    const n = w.number(at)
    return Array.from({ length: n }, (_, i) => ({
      dest: w.address(at + 32 + 64 * i),
      weight: w.bigint(at + 64 + 64 * i),
    }))
  },
}
