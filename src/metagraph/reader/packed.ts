import { type Address, getAbiItem, type Hex, toFunctionSelector } from 'viem'
import type { NeuronInfo } from '../../chain/types/neuron.js'
import { metagraphReaderAbi } from './bytecode.js'

// The MetagraphReader's calldata and its packed answer (MetagraphReader.sol), by hand: viem's encoder
// checks and pads each of thousands of addresses, and the answer is no ABI shape.

const READ_SELECTOR = toFunctionSelector(getAbiItem({ abi: metagraphReaderAbi, name: 'read' }))
const word = (value: number) => value.toString(16).padStart(64, '0')
const addressWord = (address: Address) => address.slice(2).toLowerCase().padStart(64, '0')

/** What the reader reads from. */
export interface ReaderSources {
  neuronManager: Address
  globalStaking: Address
  alphaToken: Address
  netuid: number
}

/** `read(neuronManager, globalStaking, alphaToken, netuid, accounts)`'s calldata. */
export function readerCallData(sources: ReaderSources, accounts: readonly Address[]): Hex {
  const { neuronManager, globalStaking, alphaToken, netuid } = sources
  let data = `${READ_SELECTOR}${addressWord(neuronManager)}${addressWord(globalStaking)}`
  data += `${addressWord(alphaToken)}${word(netuid)}${word(5 * 32)}${word(accounts.length)}`
  for (const account of accounts) data += addressWord(account)
  return data as Hex
}

/**
 * The reader's packed records (the contents of its `bytes`, as hex digits without 0x), one per account
 * asked for: each account's NeuronInfo (null when it is not a neuron of the subnet; `stake` is its live
 * allocation, `account` and `netuid` the ones asked for) and its Alpha balance. Throws RangeError when
 * the records do not fill the data exactly.
 */
export function decodeReaderRecords(
  hex: string,
  accounts: readonly Address[],
  netuid: number,
): { infos: (NeuronInfo | null)[]; balances: bigint[] } {
  const infos: (NeuronInfo | null)[] = new Array(accounts.length)
  const balances: bigint[] = new Array(accounts.length)
  let at = 0
  /** The next `bytes` bytes as hex digits. */
  const take = (bytes: number): string => {
    const end = at + bytes * 2
    if (end > hex.length) throw new RangeError('MetagraphReader data ends inside a record')
    const digits = hex.slice(at, end)
    at = end
    return digits
  }
  const big = (bytes: number) => BigInt(`0x${take(bytes)}`)
  const small = (bytes: number) => Number.parseInt(take(bytes), 16)
  const text = () => {
    const digits = take(small(4))
    return digits.length === 0 ? '' : Buffer.from(digits, 'hex').toString('utf8')
  }
  for (let i = 0; i < accounts.length; i++) {
    const flags = small(1)
    balances[i] = big(32)
    const stake = big(32)
    if ((flags & 1) === 0) {
      infos[i] = null
      continue
    }
    const registrationBlock = big(8)
    const lastUpdate = big(32)
    const axonPort = small(4)
    const prometheusPort = small(4)
    const axonEndpoint = text()
    infos[i] = {
      account: accounts[i]!,
      netuid,
      isActive: (flags & 2) !== 0,
      isValidator: (flags & 4) !== 0,
      stake,
      registrationBlock,
      lastUpdate,
      axonEndpoint,
      axonPort,
      prometheusEndpoint: text(),
      prometheusPort,
    }
  }
  if (at !== hex.length) throw new RangeError('MetagraphReader data holds more than the records asked for')
  return { infos, balances }
}
