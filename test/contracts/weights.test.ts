import { type Address, type Hex, parseEther, parseEventLogs, zeroAddress } from 'viem'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { WeightsAbi } from '../../src/chain/abi/index.js'
import { actions, revertOf, type StakingEnv, startStakingEnv } from './staking-env.js'

let env: StakingEnv
let act: ReturnType<typeof actions>
let snap: Hex
const E = (n: number) => parseEther(String(n))
const SUBNET = 1
const OTHER = 2

beforeAll(async () => {
  env = await startStakingEnv()
  act = actions(env)
  await env.addSubnet(SUBNET)
  await env.addSubnet(OTHER)
  // accounts[1] = validator of SUBNET, accounts[2] = miner of SUBNET, accounts[3] = validator of OTHER.
  for (const i of [1, 2, 3]) await act.stake(env.accounts[i]!, E(1000))
  await act.register(env.accounts[1]!, SUBNET, E(500), true)
  await act.register(env.accounts[2]!, SUBNET, E(200), false)
  await act.register(env.accounts[3]!, OTHER, E(500), true)
})
afterAll(() => env?.stop())
beforeEach(async () => {
  snap = await env.snapshot()
})
afterEach(() => env.revert(snap))

const validator = () => env.accounts[1]!
const miner = () => env.accounts[2]!
const w = (dest: Address, weight: bigint | number) => ({ dest, weight: BigInt(weight) })
const addr = (n: number) => `0x${n.toString(16).padStart(40, '0')}` as Address
const stored = (dest: Address, who = validator().address, netuid = SUBNET) =>
  env.client.readContract({
    address: env.contracts.Weights,
    abi: WeightsAbi,
    functionName: 'weights',
    args: [netuid, who, dest],
  })
const vector = (who = validator().address, netuid = SUBNET) =>
  env.client.readContract({
    address: env.contracts.Weights,
    abi: WeightsAbi,
    functionName: 'getWeights',
    args: [netuid, who],
  })

describe('Weights.setWeights', () => {
  it('stores the vector and emits WeightsSet(netuid, validator, weights)', async () => {
    const entries = [w(miner().address, 600_000), w(validator().address, 400_000)]
    const receipt = await act.setWeights(validator(), SUBNET, entries)
    const [log] = parseEventLogs({ abi: WeightsAbi, logs: receipt.logs, eventName: 'WeightsSet' })
    expect(log?.args).toEqual({ netuid: SUBNET, validator: validator().address, weights: entries })
    // netuid and validator are topics (indexed), as the chain must read them.
    expect(log?.topics[1]).toBe(`0x${SUBNET.toString(16).padStart(64, '0')}`)
    expect(await stored(miner().address)).toBe(600_000n)
    expect(await vector()).toEqual(entries)
    expect(
      await env.client.readContract({
        address: env.contracts.Weights,
        abi: WeightsAbi,
        functionName: 'neuronManager',
      }),
    ).toBe(env.contracts.NeuronManager)
  })

  it('replaces the whole vector: entries left out are zeroed', async () => {
    await act.setWeights(validator(), SUBNET, [w(addr(1), 1), w(addr(2), 2), w(addr(3), 3)])
    await act.setWeights(validator(), SUBNET, [w(addr(3), 30), w(addr(4), 40)])
    expect(await vector()).toEqual([w(addr(3), 30), w(addr(4), 40)])
    expect(await stored(addr(1))).toBe(0n)
    expect(await stored(addr(2))).toBe(0n)
    expect(await stored(addr(3))).toBe(30n)
    await act.setWeights(validator(), SUBNET, [w(addr(5), 5), w(addr(6), 6), w(addr(7), 7)])
    expect(await vector()).toEqual([w(addr(5), 5), w(addr(6), 6), w(addr(7), 7)])
    expect(await stored(addr(4))).toBe(0n)
    await act.setWeights(validator(), SUBNET, []) // an empty vector clears everything
    expect(await vector()).toEqual([])
    expect(await stored(addr(5))).toBe(0n)
  })

  it('accepts the range 0..1_000_000 and rejects 1_000_001 (WEIGHT_OUT_OF_RANGE)', async () => {
    await act.setWeights(validator(), SUBNET, [w(addr(1), 0), w(addr(2), 1_000_000)])
    expect(await vector()).toEqual([w(addr(1), 0), w(addr(2), 1_000_000)])
    expect(await revertOf(act.setWeights(validator(), SUBNET, [w(addr(1), 1_000_001)]))).toBe(
      'WEIGHT_OUT_OF_RANGE',
    )
    expect(await revertOf(act.setWeights(validator(), SUBNET, [w(addr(1), 2n ** 255n)]))).toBe(
      'WEIGHT_OUT_OF_RANGE',
    )
  })

  it('rejects duplicate destinations (even with weight 0) and the zero address', async () => {
    expect(await revertOf(act.setWeights(validator(), SUBNET, [w(addr(1), 0), w(addr(1), 5)]))).toBe(
      'DUPLICATE_DEST',
    )
    expect(
      await revertOf(act.setWeights(validator(), SUBNET, [w(addr(1), 5), w(addr(2), 1), w(addr(1), 5)])),
    ).toBe('DUPLICATE_DEST')
    expect(await revertOf(act.setWeights(validator(), SUBNET, [w(zeroAddress, 1)]))).toBe('ZERO_DEST')
    // A destination of the previous vector may be set again.
    await act.setWeights(validator(), SUBNET, [w(addr(1), 5)])
    await act.setWeights(validator(), SUBNET, [w(addr(1), 6)])
    expect(await stored(addr(1))).toBe(6n)
  })

  it('refuses more than 4096 entries (TOO_MANY_WEIGHTS)', async () => {
    const many = Array.from({ length: 4097 }, (_, i) => w(addr(i + 1), 1))
    expect(await revertOf(act.setWeights(validator(), SUBNET, many))).toBe('TOO_MANY_WEIGHTS')
  })

  it('only a registered validator of that subnet may set weights (NOT_VALIDATOR)', async () => {
    const entries = [w(addr(1), 1)]
    expect(await revertOf(act.setWeights(miner(), SUBNET, entries))).toBe('NOT_VALIDATOR')
    expect(await revertOf(act.setWeights(env.accounts[5]!, SUBNET, entries))).toBe('NOT_VALIDATOR')
    expect(await revertOf(act.setWeights(env.accounts[3]!, SUBNET, entries))).toBe('NOT_VALIDATOR') // other subnet's
    expect(await revertOf(act.setWeights(validator(), 99, entries))).toBe('NOT_VALIDATOR')
    await act.setWeights(env.accounts[3]!, OTHER, entries)
    // After leaving, a former validator is refused too.
    await act.deregister(validator(), SUBNET)
    expect(await revertOf(act.setWeights(validator(), SUBNET, entries))).toBe('NOT_VALIDATOR')
  })

  it('keeps vectors per (subnet, validator)', async () => {
    await act.setWeights(validator(), SUBNET, [w(addr(1), 11)])
    await act.setWeights(env.accounts[3]!, OTHER, [w(addr(1), 22)])
    expect(await stored(addr(1))).toBe(11n)
    expect(await stored(addr(1), env.accounts[3]!.address, OTHER)).toBe(22n)
    expect(await stored(addr(1), env.accounts[3]!.address, SUBNET)).toBe(0n)
  })

  it('constructor rejects a zero NeuronManager', async () => {
    expect(await revertOf(env.deploy('Weights', [zeroAddress]))).toBe('ZERO_NEURON_MANAGER')
  })
})
