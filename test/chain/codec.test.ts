// The one hand-written ABI codec (src/chain/internal/codec/) must agree with viem's, byte for byte,
// on random data: the actions, the metagraph and the localnet's block loop all read through it.
import {
  type AbiParameter,
  type Address,
  decodeFunctionData,
  encodeAbiParameters,
  encodeFunctionData,
  encodeFunctionResult,
  type Hex,
  zeroAddress,
} from 'viem'
import { describe, expect, it } from 'vitest'
import {
  AlphaTokenAbi,
  GlobalStakingAbi,
  Multicall3Abi,
  NeuronManagerAbi,
  SubnetAMMAbi,
  WeightsAbi,
  WHETUAbi,
} from '../../src/chain/abi/index.js'
import {
  callData,
  decodeAddresses,
  decodeAggregate,
  decodeAggregate3,
  decodeBool,
  decodeNeuronInfo,
  decodeNeuronInfoFields,
  decodePoolReserves,
  decodeUint,
  decodeWeights,
  encodeAggregate,
  encodeAggregate3,
  encodeExecuteGroups,
  Words,
} from '../../src/chain/reads.js'
import { SystemBatchAbi } from '../../src/localnet/emission/systemCalls.js'
import { randomAbi } from './helpers/randomAbi.js'

const { rnd, int, hex, address, big, neuron } = randomAbi(42)
const neurons = Array.from({ length: 40 }, (_, i) => neuron(i))

/** What `name` returns, ABI-encoded by viem. */
const returned = (abi: readonly unknown[], name: string, values: readonly unknown[]): Hex => {
  const fn = (abi as { type: string; name: string; outputs: AbiParameter[] }[]).find(
    (x) => x.type === 'function' && x.name === name,
  )!
  return encodeAbiParameters(fn.outputs, values as never)
}

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
      expect(
        encodeAggregate(slice.map((a) => ({ target: manager, data: callData.getNeuronInfo(7, a) }))),
      ).toBe(expected)
    }
  })

  it('encodes getSubnetAllocation aggregates and decodes their results like viem', () => {
    const staking = address()
    const accounts = neurons.map((n) => n.account)
    expect(
      encodeAggregate(accounts.map((a) => ({ target: staking, data: callData.getSubnetAllocation(a, 513) }))),
    ).toBe(
      encodeFunctionData({
        abi: Multicall3Abi,
        functionName: 'aggregate',
        args: [
          accounts.map((account) => ({
            target: staking,
            callData: encodeFunctionData({
              abi: GlobalStakingAbi,
              functionName: 'getSubnetAllocation',
              args: [account, 513],
            }),
          })),
        ],
      }),
    )
    for (let i = 0; i < 20; i++) {
      const allocation = { allocated: big(int(33)), cost: big(int(33)), lastUpdateBlock: big(8) }
      const data = encodeFunctionResult({
        abi: GlobalStakingAbi,
        functionName: 'getSubnetAllocation',
        result: allocation as never,
      })
      expect(decodeUint(new Words(data))).toBe(allocation.allocated)
    }
  })

  it('picks NeuronInfo fields with the same code as the full decoder', () => {
    for (const n of neurons) {
      const w = new Words(
        encodeFunctionResult({ abi: NeuronManagerAbi, functionName: 'getNeuronInfo', result: n }),
      )
      expect(decodeNeuronInfoFields(w, ['account', 'isValidator', 'stake', 'axonEndpoint'])).toEqual({
        account: n.account,
        isValidator: n.isValidator,
        stake: n.stake,
        axonEndpoint: n.axonEndpoint,
      })
    }
  })

  it('decodes address lists, weight vectors and aggregate3 results of random sizes like viem', () => {
    for (let round = 0; round < 10; round++) {
      const list = Array.from({ length: int(50) }, address)
      const encodedList = returned(NeuronManagerAbi, 'getNeuronList', [list])
      expect(decodeAddresses(new Words(encodedList))).toEqual(list)
      const vector = Array.from({ length: int(50) }, () => ({ dest: address(), weight: big(int(33)) }))
      const encodedVector = returned(WeightsAbi, 'getWeights', [vector])
      expect(decodeWeights(new Words(encodedVector))).toEqual(vector)
      const results = Array.from({ length: int(20) }, () => ({
        success: rnd() < 0.7,
        returnData: `0x${hex(int(100))}` as Hex,
      }))
      const decoded = decodeAggregate3(returned(Multicall3Abi, 'aggregate3', [results]))
      expect(decoded.map((w) => w?.toHex())).toEqual(
        results.map((r) => (r.success ? r.returnData : undefined)),
      )
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
    expect(decoded.returnData.map((d) => d.toHex())).toEqual([...returnData, empty])
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

const A = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as Address
const B = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC' as Address
const huge = 2n ** 200n + 12345n

describe('codec: calldata of the block loop', () => {
  it('encodes each call like viem', () => {
    expect(callData.deposit()).toBe(encodeFunctionData({ abi: WHETUAbi, functionName: 'deposit' }))
    expect(callData.approve(A, huge)).toBe(
      encodeFunctionData({ abi: WHETUAbi, functionName: 'approve', args: [A, huge] }),
    )
    expect(callData.mint(B, 7n)).toBe(
      encodeFunctionData({ abi: AlphaTokenAbi, functionName: 'mint', args: [B, 7n] }),
    )
    expect(callData.injectLiquidity(huge, 1n)).toBe(
      encodeFunctionData({ abi: SubnetAMMAbi, functionName: 'injectLiquidity', args: [huge, 1n] }),
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
    const datas: Hex[] = [
      '0x',
      '0x12',
      `0x${'ab'.repeat(32)}`,
      `0x${'cd'.repeat(33)}`,
      callData.mint(A, huge),
    ]
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
      { gas: 500_000n, calls: datas.map((data, i) => ({ target: A, value: BigInt(i) * huge, data })) },
      { gas: 1n, calls: [] },
      { gas: huge, calls: [{ target: B, value: 0n, data: '0x' as Hex }] },
    ]
    const ours = encodeExecuteGroups(groups)
    expect(ours).toBe(
      encodeFunctionData({ abi: SystemBatchAbi, functionName: 'executeGroups', args: [groups] }),
    )
    expect(decodeFunctionData({ abi: SystemBatchAbi, data: ours }).args[0]).toEqual(groups)
  })
})

describe('codec: return data of the block loop', () => {
  it('decodes aggregate3 results, failures included', () => {
    const results = [
      { success: true, returnData: '0x' as Hex },
      { success: false, returnData: '0x08c379a0' as Hex },
      { success: true, returnData: `0x${'11'.repeat(45)}` as Hex },
    ]
    const data = returned(Multicall3Abi, 'aggregate3', [results])
    const decoded = decodeAggregate3(data)
    expect(decoded.map((w) => w?.toHex())).toEqual(['0x', undefined, results[2]!.returnData])
  })

  it('decodes the getters the block loop reads', () => {
    const pool = returned(SubnetAMMAbi, 'getPoolInfo', [1, huge, 5n, 6n, 7n, 8n, 9n, 10n])
    expect(decodePoolReserves(new Words(pool))).toEqual({ taoIn: huge, alphaIn: 5n })
    expect(decodeBool(new Words(encodeAbiParameters([{ type: 'bool' }], [true])))).toBe(true)
    const list = returned(NeuronManagerAbi, 'getNeuronList', [[A, B]])
    expect(decodeAddresses(new Words(list))).toEqual([A, B])
    const info = returned(NeuronManagerAbi, 'getNeuronInfo', [
      {
        account: B,
        netuid: 2,
        isActive: true,
        isValidator: true,
        stake: huge,
        registrationBlock: 9n,
        lastUpdate: 10n,
        axonEndpoint: 'http://127.0.0.1:8091/with/a/rather/long/path',
        axonPort: 8091,
        prometheusEndpoint: '',
        prometheusPort: 0,
      },
    ])
    expect(decodeNeuronInfoFields(new Words(info), ['account', 'isValidator', 'stake'])).toEqual({
      account: B,
      isValidator: true,
      stake: huge,
    })
    const vector = [
      { dest: A, weight: 1_000_000n },
      { dest: B, weight: 0n },
    ]
    const weights = returned(WeightsAbi, 'getWeights', [vector])
    expect(decodeWeights(new Words(weights))).toEqual(vector)
    expect(decodeWeights(new Words(returned(WeightsAbi, 'getWeights', [[]])))).toEqual([])
  })

  it('refuses truncated or oversized data instead of reading garbage', () => {
    const list = returned(NeuronManagerAbi, 'getNeuronList', [[A, B]])
    expect(() => decodeAddresses(new Words(list.slice(0, -64) as Hex))).toThrow(RangeError)
    expect(() => new Words(`0x${'ff'.repeat(32)}`).number(0)).toThrow(RangeError)
  })
})
