import { encodeFunctionData, type Hex, parseEther, parseEventLogs, zeroAddress } from 'viem'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { GlobalStakingAbi, WHETUAbi } from '../../src/chain/abi/index.js'
import { actions, revertOf, type StakingEnv, startStakingEnv, TestCallerAbi } from './staking-env.js'

let env: StakingEnv
let act: ReturnType<typeof actions>
let snap: Hex
const E = (n: number | string) => parseEther(String(n))

beforeAll(async () => {
  env = await startStakingEnv({ rules: 'fixed' })
  act = actions(env)
})
afterAll(() => env?.stop())
beforeEach(async () => {
  snap = await env.snapshot()
})
afterEach(() => env.revert(snap))

const gs = () => env.contracts.GlobalStaking
const user = (i: number) => env.accounts[i]!

describe('GlobalStaking constructor', () => {
  it('rejects zero addresses in argument order', async () => {
    const [w, t, o] = [env.contracts.WHETU, env.treasury, user(0).address]
    expect(await revertOf(env.deploy('GlobalStaking', [zeroAddress, zeroAddress, zeroAddress, false]))).toBe(
      'ZERO_HETU_TOKEN',
    )
    expect(await revertOf(env.deploy('GlobalStaking', [w, zeroAddress, zeroAddress, false]))).toBe(
      'ZERO_TREASURY',
    )
    expect(await revertOf(env.deploy('GlobalStaking', [w, t, zeroAddress, false]))).toBe('ZERO_INITIAL_OWNER')
    const read = (functionName: 'hetuToken' | 'treasury' | 'owner' | 'neuronManager') =>
      env.client.readContract({ address: gs(), abi: GlobalStakingAbi, functionName })
    expect(await read('hetuToken')).toBe(w)
    expect(await read('treasury')).toBe(t)
    expect(await read('owner')).toBe(o)
    expect(await read('neuronManager')).toBe(env.contracts.NeuronManager)
  })
})

describe('global stake', () => {
  it('adds stake from an approved WHETU balance and removes what is available', async () => {
    const alice = user(1)
    const wallet = await act.whetuBalance(alice.address)
    const receipt = await act.stake(alice, E(10))
    const [added] = parseEventLogs({
      abi: GlobalStakingAbi,
      logs: receipt.logs,
      eventName: 'GlobalStakeAdded',
    })
    expect(added?.args).toEqual({ user: alice.address, amount: E(10) })
    expect(await act.stakeInfo(alice.address)).toEqual({
      totalStaked: E(10),
      totalAllocated: 0n,
      totalCost: 0n,
      lastUpdateBlock: receipt.blockNumber,
    })
    expect(await act.whetuBalance(gs())).toBe(E(10))

    const removed = await act.removeStake(alice, E(4))
    expect(
      parseEventLogs({ abi: GlobalStakingAbi, logs: removed.logs, eventName: 'GlobalStakeRemoved' })[0]?.args,
    ).toEqual({ user: alice.address, amount: E(4) })
    expect(await act.whetuBalance(alice.address)).toBe(wallet + E(4))
    expect(await act.available(alice.address)).toBe(E(6))
  })

  it('reverts ZERO_AMOUNT, OZ allowance/balance errors, INSUFFICIENT_STAKE and AMOUNT_NOT_AVAILABLE', async () => {
    const alice = user(1)
    expect(await revertOf(act.addStake(alice, 0n))).toBe('ZERO_AMOUNT')
    await act.deposit(alice, E(5))
    expect(await revertOf(act.addStake(alice, E(1)))).toBe('ERC20InsufficientAllowance')
    const balance = await act.whetuBalance(alice.address)
    await act.approve(alice, gs(), balance + 1n)
    expect(await revertOf(act.addStake(alice, balance + 1n))).toBe('ERC20InsufficientBalance')
    await act.addStake(alice, E(5))
    expect(await revertOf(act.removeStake(alice, 0n))).toBe('ZERO_AMOUNT')
    expect(await revertOf(act.removeStake(alice, E(6)))).toBe('INSUFFICIENT_STAKE')
    await act.allocate(alice, 7, E(3))
    expect(await revertOf(act.removeStake(alice, E(3)))).toBe('AMOUNT_NOT_AVAILABLE')
    await act.removeStake(alice, E(2))
  })
})

describe('allocation', () => {
  it('allocateToSubnet sets the allocation (absolute, not additive) and emits old/new', async () => {
    const alice = user(1)
    await act.stake(alice, E(100))
    const first = await act.allocate(alice, 3, E(30))
    expect(parseEventLogs({ abi: GlobalStakingAbi, logs: first.logs })[0]?.args).toEqual({
      user: alice.address,
      netuid: 3,
      oldAmount: 0n,
      newAmount: E(30),
    })
    await act.allocate(alice, 3, E(50))
    expect((await act.allocation(alice.address, 3)).allocated).toBe(E(50))
    const lower = await act.allocate(alice, 3, E(20))
    expect(parseEventLogs({ abi: GlobalStakingAbi, logs: lower.logs })[0]?.args).toMatchObject({
      oldAmount: E(50),
      newAmount: E(20),
    })
    await act.allocate(alice, 4, E(10))
    expect(await act.stakeInfo(alice.address)).toMatchObject({ totalStaked: E(100), totalAllocated: E(30) })
    expect(await act.available(alice.address)).toBe(E(70))
  })

  it('allocateToSubnet reverts ZERO_AMOUNT and INSUFFICIENT_AVAILABLE_STAKE (only the increase must be available)', async () => {
    const alice = user(1)
    await act.stake(alice, E(100))
    expect(await revertOf(act.allocate(alice, 1, 0n))).toBe('ZERO_AMOUNT')
    await act.allocate(alice, 1, E(60))
    expect(await revertOf(act.allocate(alice, 2, E(41)))).toBe('INSUFFICIENT_AVAILABLE_STAKE')
    await act.allocate(alice, 1, E(100)) // +40 of the 40 available
    expect(await revertOf(act.allocate(alice, 1, E(100) + 1n))).toBe('INSUFFICIENT_AVAILABLE_STAKE')
  })

  it('deallocateFromSubnet subtracts and emits DeallocatedFromSubnet then SubnetAllocationChanged', async () => {
    const alice = user(1)
    await act.stake(alice, E(100))
    await act.allocate(alice, 2, E(50))
    expect(await revertOf(act.deallocate(alice, 2, 0n))).toBe('ZERO_AMOUNT')
    expect(await revertOf(act.deallocate(alice, 2, E(51)))).toBe('INSUFFICIENT_ALLOCATION')
    const receipt = await act.deallocate(alice, 2, E(20))
    const logs = parseEventLogs({ abi: GlobalStakingAbi, logs: receipt.logs })
    expect(logs.map((l) => l.eventName)).toEqual(['DeallocatedFromSubnet', 'SubnetAllocationChanged'])
    expect(logs[0]?.args).toEqual({ user: alice.address, netuid: 2, amount: E(20) })
    expect(logs[1]?.args).toEqual({ user: alice.address, netuid: 2, oldAmount: E(50), newAmount: E(30) })
    expect(await act.available(alice.address)).toBe(E(70))
  })
})

describe('authorized callers', () => {
  it('only authorized callers allocate-with-threshold, allocate-for, release and charge', async () => {
    const mallory = user(5)
    const victim = user(1).address
    const calls = [
      ['allocateToSubnetWithMinThreshold', [1, E(1), 0n]],
      ['allocateToSubnetFor', [victim, 1, E(1), 0n]],
      ['releaseAllocation', [victim, 1]],
      ['chargeRegistrationCost', [victim, 1, E(1)]],
    ] as const
    for (const [fn, args] of calls) {
      expect(await revertOf(act.write(mallory, gs(), GlobalStakingAbi, fn, [...args]))).toBe(
        'UNAUTHORIZED_CALLER',
      )
    }
  })

  it('allocateToSubnetWithMinThreshold allocates for the authorized contract itself, never tx.origin', async () => {
    const [owner, alice] = [user(0), user(1)]
    await act.stake(alice, E(100))
    const wallet = await env.deploy('TestCaller', [], alice)
    // The contract wallet has its own stake of 10.
    const via = (data: Hex) => act.write(alice, wallet, TestCallerAbi, 'execute', [gs(), data])
    await act.deposit(alice, E(10))
    await act.write(alice, env.contracts.WHETU, WHETUAbi, 'transfer', [wallet, E(10)])
    await act.write(alice, wallet, TestCallerAbi, 'execute', [
      env.contracts.WHETU,
      encodeFunctionData({
        abi: WHETUAbi,
        functionName: 'approve',
        args: [gs(), E(10)],
      }),
    ])
    await via(encodeFunctionData({ abi: GlobalStakingAbi, functionName: 'addGlobalStake', args: [E(10)] }))
    await act.write(owner, gs(), GlobalStakingAbi, 'setAuthorizedCaller', [wallet, true])

    const allocate = (amount: bigint, min: bigint) =>
      via(
        encodeFunctionData({
          abi: GlobalStakingAbi,
          functionName: 'allocateToSubnetWithMinThreshold',
          args: [9, amount, min],
        }),
      )
    expect(await revertOf(allocate(E(5), E(6)))).toBe('BELOW_MIN_THRESHOLD')
    await allocate(E(5), E(5))
    expect((await act.allocation(wallet, 9)).allocated).toBe(E(5))
    expect((await act.allocation(alice.address, 9)).allocated).toBe(0n) // tx.origin untouched
    expect(await revertOf(allocate(E(20), 0n))).toBe('INSUFFICIENT_AVAILABLE_STAKE')
  })

  it('chargeRegistrationCost: ZERO_COST, INSUFFICIENT_AVAILABLE_STAKE, fee to treasury stays in totalStaked', async () => {
    const [owner, alice, charger] = [user(0), user(1), user(2)]
    await act.write(owner, gs(), GlobalStakingAbi, 'setAuthorizedCaller', [charger.address, true])
    await act.stake(alice, E(10))
    await act.allocate(alice, 1, E(8))
    const charge = (cost: bigint) =>
      act.write(charger, gs(), GlobalStakingAbi, 'chargeRegistrationCost', [alice.address, 1, cost])
    expect(await revertOf(charge(0n))).toBe('ZERO_COST')
    expect(await revertOf(charge(E(3)))).toBe('INSUFFICIENT_AVAILABLE_STAKE')
    const receipt = await charge(E(2))
    expect(
      parseEventLogs({ abi: GlobalStakingAbi, logs: receipt.logs, eventName: 'RegistrationCost' })[0]?.args,
    ).toEqual({ user: alice.address, netuid: 1, cost: E(2) })
    expect(await act.whetuBalance(env.treasury)).toBe(E(2))
    expect(await act.stakeInfo(alice.address)).toMatchObject({
      totalStaked: E(10),
      totalAllocated: E(8),
      totalCost: E(2),
    })
    expect(await act.allocation(alice.address, 1)).toMatchObject({ allocated: E(8), cost: E(2) })
    expect(await act.available(alice.address)).toBe(0n)
    // The fee is never withdrawable, even after deallocating everything.
    await act.deallocate(alice, 1, E(8))
    expect(await revertOf(act.removeStake(alice, E(10)))).toBe('AMOUNT_NOT_AVAILABLE')
    await act.removeStake(alice, E(8))
  })

  it('views canAllocateToSubnet / canPayRegistrationCost compare with available', async () => {
    const alice = user(1)
    await act.stake(alice, E(10))
    await act.allocate(alice, 1, E(4))
    const view = (functionName: 'canAllocateToSubnet' | 'canPayRegistrationCost', amount: bigint) =>
      env.client.readContract({
        address: gs(),
        abi: GlobalStakingAbi,
        functionName,
        args: [alice.address, amount],
      })
    expect(await view('canAllocateToSubnet', E(6))).toBe(true)
    expect(await view('canAllocateToSubnet', E(6) + 1n)).toBe(false)
    expect(await view('canPayRegistrationCost', E(6))).toBe(true)
    expect(await view('canPayRegistrationCost', E(7))).toBe(false)
  })
})

describe('owner administration', () => {
  it('setTreasury, setAuthorizedCaller and setNeuronManager are owner-only and refuse zero', async () => {
    const [owner, mallory] = [user(0), user(5)]
    const admin = [
      ['setTreasury', [mallory.address]],
      ['setAuthorizedCaller', [mallory.address, true]],
      ['setNeuronManager', [mallory.address]],
    ] as const
    for (const [fn, args] of admin) {
      expect(await revertOf(act.write(mallory, gs(), GlobalStakingAbi, fn, [...args]))).toBe(
        'OwnableUnauthorizedAccount',
      )
    }
    expect(await revertOf(act.write(owner, gs(), GlobalStakingAbi, 'setTreasury', [zeroAddress]))).toBe(
      'ZERO_ADDRESS',
    )
    expect(
      await revertOf(act.write(owner, gs(), GlobalStakingAbi, 'setAuthorizedCaller', [zeroAddress, true])),
    ).toBe('ZERO_ADDRESS')
    expect(await revertOf(act.write(owner, gs(), GlobalStakingAbi, 'setNeuronManager', [zeroAddress]))).toBe(
      'ZERO_ADDRESS',
    )

    const auth = await act.write(owner, gs(), GlobalStakingAbi, 'setAuthorizedCaller', [
      user(3).address,
      true,
    ])
    expect(parseEventLogs({ abi: GlobalStakingAbi, logs: auth.logs })[0]?.args).toEqual({
      caller: user(3).address,
      authorized: true,
    })
    const nm = await act.write(owner, gs(), GlobalStakingAbi, 'setNeuronManager', [user(3).address])
    expect(parseEventLogs({ abi: GlobalStakingAbi, logs: nm.logs })[0]).toMatchObject({
      eventName: 'NeuronManagerSet',
      args: { neuronManager: user(3).address },
    })
    await act.write(owner, gs(), GlobalStakingAbi, 'setTreasury', [user(4).address])
    expect(
      await env.client.readContract({ address: gs(), abi: GlobalStakingAbi, functionName: 'treasury' }),
    ).toBe(user(4).address)
  })
})
