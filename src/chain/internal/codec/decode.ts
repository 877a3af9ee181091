import type { Address, Hex } from 'viem'
import type { NeuronInfo } from '../../types/neuron.js'
import type { WeightEntry } from '../../types/weights.js'
import { Words } from './words.js'

// Word-level decoders of the contracts' structs and the multicall shapes, one per shape. viem's generic
// decoder spends ~0.1 ms per NeuronInfo, more than the node takes to execute the multicall;
// test/chain/codec.test.ts checks each against viem on random data.

/** `Multicall3.aggregate`'s `(uint256 blockNumber, bytes[] returnData)`. */
export function decodeAggregate(data: Hex): { blockNumber: bigint; returnData: Words[] } {
  const w = new Words(data)
  const array = w.number(32)
  const n = w.number(array)
  const heads = array + 32
  const returnData: Words[] = new Array(n)
  for (let i = 0; i < n; i++) returnData[i] = w.bytes(heads + w.number(heads + i * 32))
  return { blockNumber: w.bigint(0), returnData }
}

/** `Multicall3.aggregate3`'s results: each call's return data, or undefined when it reverted. */
export function decodeAggregate3(data: Hex): (Words | undefined)[] {
  const w = new Words(data)
  const start = w.number(0)
  const count = w.number(start)
  const heads = start + 32
  const out: (Words | undefined)[] = new Array(count)
  for (let i = 0; i < count; i++) {
    const tuple = heads + w.number(heads + 32 * i)
    out[i] = w.bool(tuple) ? w.bytes(tuple + w.number(tuple + 32)) : undefined
  }
  return out
}

/** Each field of NeuronInfo, read from the struct whose head is at `at`. */
const NEURON_FIELDS: { [K in keyof NeuronInfo]: (w: Words, at: number) => NeuronInfo[K] } = {
  account: (w, at) => w.address(at),
  netuid: (w, at) => w.number(at + 32),
  isActive: (w, at) => w.bool(at + 64),
  isValidator: (w, at) => w.bool(at + 96),
  stake: (w, at) => w.bigint(at + 128),
  registrationBlock: (w, at) => w.bigint(at + 160),
  lastUpdate: (w, at) => w.bigint(at + 192),
  axonEndpoint: (w, at) => w.string(at + w.number(at + 224)),
  axonPort: (w, at) => w.number(at + 256),
  prometheusEndpoint: (w, at) => w.string(at + w.number(at + 288)),
  prometheusPort: (w, at) => w.number(at + 320),
}
const F = NEURON_FIELDS

/**
 * `NeuronManager.getNeuronInfo`'s return data; `null` for the all-zero struct of non-members. Pass
 * the account when known (saves its checksum); otherwise it is read from the data.
 */
export function decodeNeuronInfo(w: Words, account?: Address): NeuronInfo | null {
  return neuronInfoAt(w, w.number(0), account)
}

/** The NeuronInfo struct whose head is at `at`. */
function neuronInfoAt(w: Words, at: number, account?: Address): NeuronInfo | null {
  if (w.isZero(at)) return null
  return {
    account: account ?? F.account(w, at),
    netuid: F.netuid(w, at),
    isActive: F.isActive(w, at),
    isValidator: F.isValidator(w, at),
    stake: F.stake(w, at),
    registrationBlock: F.registrationBlock(w, at),
    lastUpdate: F.lastUpdate(w, at),
    axonEndpoint: F.axonEndpoint(w, at),
    axonPort: F.axonPort(w, at),
    prometheusEndpoint: F.prometheusEndpoint(w, at),
    prometheusPort: F.prometheusPort(w, at),
  }
}

/** The same, only the fields asked for (the localnet's epoch reads thousands and needs three). */
export function decodeNeuronInfoFields<K extends keyof NeuronInfo>(
  w: Words,
  fields: readonly K[],
): Pick<NeuronInfo, K> | null {
  const at = w.number(0)
  if (w.isZero(at)) return null
  const out = {} as Pick<NeuronInfo, K>
  for (const field of fields) out[field] = F[field](w, at)
  return out
}

/** `address[]` (getNeuronList, getSubnetValidators, …). */
export function decodeAddresses(w: Words): Address[] {
  const at = w.number(0)
  const n = w.number(at)
  const out: Address[] = new Array(n)
  for (let i = 0; i < n; i++) out[i] = w.address(at + 32 + 32 * i)
  return out
}

/** `Weights.getWeights` → `(dest, weight)[]`. */
export function decodeWeights(w: Words): WeightEntry[] {
  const at = w.number(0)
  const n = w.number(at)
  const out: WeightEntry[] = new Array(n)
  for (let i = 0; i < n; i++)
    out[i] = { dest: w.address(at + 32 + 64 * i), weight: w.bigint(at + 64 + 64 * i) }
  return out
}

/** `SubnetAMM.getPoolInfo()`: (mechanism, subnetHetu, subnetAlphaIn, …) → the two reserves. */
export function decodePoolReserves(w: Words): { taoIn: bigint; alphaIn: bigint } {
  return { taoIn: w.bigint(32), alphaIn: w.bigint(64) }
}

/** A lone `bool`. */
export function decodeBool(w: Words): boolean {
  return w.bool(0)
}

/** The first word as a uint256 (a lone uint256, or a static struct's first field such as
 * `getSubnetAllocation`'s `allocated`). */
export function decodeUint(w: Words): bigint {
  return w.bigint(0)
}
