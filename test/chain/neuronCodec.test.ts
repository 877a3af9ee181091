import { encodeFunctionData, encodeFunctionResult, getAddress, zeroAddress } from 'viem'
import { describe, expect, it } from 'vitest'
import { Multicall3Abi, NeuronManagerAbi } from '../../src/chain/actions/index.js'
import {
  decodeAggregate,
  decodeNeuronInfo,
  encodeNeuronInfoAggregate,
} from '../../src/chain/internal/neuronCodec.js'

// Deterministic pseudo-random data (mulberry32), so a failure reproduces.
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const rnd = random(42)
const int = (max: number) => Math.floor(rnd() * max)
const hex = (bytes: number) =>
  Array.from({ length: bytes }, () => int(256).toString(16).padStart(2, '0')).join('')
const address = () => getAddress(`0x${hex(20)}`)
const big = (bytes: number) => BigInt(`0x${hex(bytes) || '0'}`)
const text = () =>
  ['', '127.0.0.1', 'http://miner.example:8091', 'nœud-ünïcode-🚀', 'x'.repeat(int(200))][int(5)]!

const neurons = Array.from({ length: 40 }, (_, i) => ({
  account: address(),
  netuid: int(65536),
  isActive: rnd() < 0.5,
  isValidator: rnd() < 0.5,
  stake: big(int(33)),
  registrationBlock: big(int(9)),
  lastUpdate: big(int(33)),
  axonEndpoint: text(),
  axonPort: i === 0 ? 0xffffffff : int(2 ** 32),
  prometheusEndpoint: text(),
  prometheusPort: int(2 ** 32),
}))

describe('neuron multicall codec (checked against viem)', () => {
  it('encodes aggregate calldata exactly as viem does', () => {
    const manager = address()
    const accounts = neurons.map((n) => n.account)
    for (const slice of [accounts.slice(0, 1), accounts]) {
      const expected = encodeFunctionData({
        abi: Multicall3Abi,
        functionName: 'aggregate',
        args: [
          slice.map((account) => ({
            target: manager,
            callData: encodeFunctionData({
              abi: NeuronManagerAbi,
              functionName: 'getNeuronInfo',
              args: [7, account],
            }),
          })),
        ],
      })
      expect(encodeNeuronInfoAggregate(manager, 7, slice)).toBe(expected)
    }
  })

  it('decodes aggregate results and NeuronInfo structs exactly as viem does', () => {
    const returnData = neurons.map((n) =>
      encodeFunctionResult({ abi: NeuronManagerAbi, functionName: 'getNeuronInfo', result: n }),
    )
    const empty = encodeFunctionResult({
      abi: NeuronManagerAbi,
      functionName: 'getNeuronInfo',
      result: {
        ...neurons[0]!,
        account: zeroAddress,
        isActive: false,
        stake: 0n,
        axonEndpoint: '',
        prometheusEndpoint: '',
      },
    })
    const aggregate = encodeFunctionResult({
      abi: Multicall3Abi,
      functionName: 'aggregate',
      result: [987_654n, [...returnData, empty]],
    })
    const decoded = decodeAggregate(aggregate)
    expect(decoded.blockNumber).toBe(987_654n)
    expect(decoded.returnData.map((d) => `0x${d}`)).toEqual([...returnData, empty])
    neurons.forEach((n, i) => {
      expect(decodeNeuronInfo(decoded.returnData[i]!, n.account)).toEqual(n)
      // Without the account, it is read from the data and checksummed like viem does.
      expect(decodeNeuronInfo(decoded.returnData[i]!)).toEqual(n)
    })
    expect(decodeNeuronInfo(decoded.returnData.at(-1)!, neurons[0]!.account)).toBeNull()
    expect(
      decodeAggregate(
        encodeFunctionResult({ abi: Multicall3Abi, functionName: 'aggregate', result: [1n, []] }),
      ),
    ).toEqual({ blockNumber: 1n, returnData: [] })
  })
})
