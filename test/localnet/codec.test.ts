// The block loop's hand-written ABI codec must agree with viem's, byte for byte.
import {
  type AbiParameter,
  type Address,
  decodeFunctionData,
  encodeAbiParameters,
  encodeFunctionData,
  type Hex,
} from 'viem'
import { describe, expect, it } from 'vitest'
import {
  AlphaTokenAbi,
  Multicall3Abi,
  NeuronManagerAbi,
  SubnetAMMAbi,
  WeightsAbi,
  WHETUAbi,
} from '../../src/chain/abi/index.js'
import {
  callData,
  decode,
  decodeAggregate3,
  encodeAggregate3,
  encodeExecuteGroups,
  Words,
} from '../../src/localnet/emission/codec.js'
import { SystemBatchAbi } from '../../src/localnet/emission/systemCalls.js'

const A = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as Address
const B = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC' as Address
const big = 2n ** 200n + 12345n

/** What `name` returns, ABI-encoded by viem. */
const returned = (abi: readonly unknown[], name: string, values: readonly unknown[]): Hex => {
  const fn = (abi as { type: string; name: string; outputs: AbiParameter[] }[]).find(
    (x) => x.type === 'function' && x.name === name,
  )!
  return encodeAbiParameters(fn.outputs, values as never)
}

describe('codec: calldata', () => {
  it('encodes each call like viem', () => {
    expect(callData.deposit()).toBe(encodeFunctionData({ abi: WHETUAbi, functionName: 'deposit' }))
    expect(callData.approve(A, big)).toBe(
      encodeFunctionData({ abi: WHETUAbi, functionName: 'approve', args: [A, big] }),
    )
    expect(callData.mint(B, 7n)).toBe(
      encodeFunctionData({ abi: AlphaTokenAbi, functionName: 'mint', args: [B, 7n] }),
    )
    expect(callData.injectLiquidity(big, 1n)).toBe(
      encodeFunctionData({ abi: SubnetAMMAbi, functionName: 'injectLiquidity', args: [big, 1n] }),
    )
    expect(callData.getPoolInfo()).toBe(
      encodeFunctionData({ abi: SubnetAMMAbi, functionName: 'getPoolInfo' }),
    )
    expect(callData.isAuthorizedMinter(A)).toBe(
      encodeFunctionData({ abi: AlphaTokenAbi, functionName: 'isAuthorizedMinter', args: [A] }),
    )
    expect(callData.getNeuronList(65535)).toBe(
      encodeFunctionData({ abi: NeuronManagerAbi, functionName: 'getNeuronList', args: [65535] }),
    )
    expect(callData.getNeuronInfo(3, A)).toBe(
      encodeFunctionData({ abi: NeuronManagerAbi, functionName: 'getNeuronInfo', args: [3, A] }),
    )
    expect(callData.getWeights(3, B)).toBe(
      encodeFunctionData({ abi: WeightsAbi, functionName: 'getWeights', args: [3, B] }),
    )
  })

  it('encodes aggregate3 and executeGroups like viem, whatever the data lengths', () => {
    const datas: Hex[] = ['0x', '0x12', `0x${'ab'.repeat(32)}`, `0x${'cd'.repeat(33)}`, callData.mint(A, big)]
    const calls = datas.map((data, i) => ({ target: i % 2 ? A : B, data }))
    expect(encodeAggregate3(calls)).toBe(
      encodeFunctionData({
        abi: Multicall3Abi,
        functionName: 'aggregate3',
        args: [calls.map((c) => ({ target: c.target, allowFailure: true, callData: c.data }))],
      }),
    )
    expect(encodeAggregate3([])).toBe(
      encodeFunctionData({ abi: Multicall3Abi, functionName: 'aggregate3', args: [[]] }),
    )
    const groups = [
      { gas: 500_000n, calls: datas.map((data, i) => ({ target: A, value: BigInt(i) * big, data })) },
      { gas: 1n, calls: [] },
      { gas: big, calls: [{ target: B, value: 0n, data: '0x' as Hex }] },
    ]
    const ours = encodeExecuteGroups(groups)
    expect(ours).toBe(
      encodeFunctionData({ abi: SystemBatchAbi, functionName: 'executeGroups', args: [groups] }),
    )
    expect(decodeFunctionData({ abi: SystemBatchAbi, data: ours }).args[0]).toEqual(groups)
  })
})

describe('codec: return data', () => {
  it('decodes aggregate3 results, failures included', () => {
    const results = [
      { success: true, returnData: '0x' as Hex },
      { success: false, returnData: '0x08c379a0' as Hex },
      { success: true, returnData: `0x${'11'.repeat(45)}` as Hex },
    ]
    const data = returned(Multicall3Abi, 'aggregate3', [results])
    const decoded = decodeAggregate3(data)
    expect(decoded.map((w) => (w ? `0x${w.bytes.toString('hex')}` : undefined))).toEqual([
      '0x',
      undefined,
      results[2]!.returnData,
    ])
  })

  it('decodes the getters the block loop reads', () => {
    const pool = returned(SubnetAMMAbi, 'getPoolInfo', [1, big, 5n, 6n, 7n, 8n, 9n, 10n])
    expect(decode.poolReserves(new Words(pool))).toEqual({ taoIn: big, alphaIn: 5n })
    expect(decode.bool(new Words(encodeAbiParameters([{ type: 'bool' }], [true])))).toBe(true)
    const list = returned(NeuronManagerAbi, 'getNeuronList', [[A, B]])
    expect(decode.addresses(new Words(list))).toEqual([A, B])
    const info = returned(NeuronManagerAbi, 'getNeuronInfo', [
      {
        account: B,
        netuid: 2,
        isActive: true,
        isValidator: true,
        stake: big,
        registrationBlock: 9n,
        lastUpdate: 10n,
        axonEndpoint: 'http://127.0.0.1:8091/with/a/rather/long/path',
        axonPort: 8091,
        prometheusEndpoint: '',
        prometheusPort: 0,
      },
    ])
    expect(decode.neuron(new Words(info))).toEqual({ account: B, isValidator: true, stake: big })
    const vector = [
      { dest: A, weight: 1_000_000n },
      { dest: B, weight: 0n },
    ]
    const weights = returned(WeightsAbi, 'getWeights', [vector])
    expect(decode.weights(new Words(weights))).toEqual(vector)
    expect(decode.weights(new Words(returned(WeightsAbi, 'getWeights', [[]])))).toEqual([])
  })

  it('refuses truncated or oversized data instead of reading garbage', () => {
    const list = returned(NeuronManagerAbi, 'getNeuronList', [[A, B]])
    expect(() => decode.addresses(new Words(list.slice(0, -64) as Hex))).toThrow(RangeError)
    expect(() => new Words(`0x${'ff'.repeat(32)}`).number(0)).toThrow(RangeError)
  })
})
