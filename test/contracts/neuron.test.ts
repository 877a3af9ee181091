import { encodeFunctionData, type Hex, maxUint256, parseEther, parseEventLogs, zeroAddress } from 'viem'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { GlobalStakingAbi, NeuronManagerAbi, WHETUAbi } from '../../src/chain/abi/index.js'
import { actions, revertOf, type StakingEnv, startStakingEnv, TestCallerAbi } from './staking-env.js'

let env: StakingEnv
let act: ReturnType<typeof actions>
let snap: Hex
const E = (n: number | string) => parseEther(String(n))
const ACTIVE = 1
const INACTIVE = 2

beforeAll(async () => {
  env = await startStakingEnv({ rules: 'fixed' })
  act = actions(env)
  await env.addSubnet(ACTIVE)
  await env.addSubnet(INACTIVE, { active: false })
})
afterAll(() => env?.stop())
beforeEach(async () => {
  snap = await env.snapshot()
})
afterEach(() => env.revert(snap))

const user = (i: number) => env.accounts[i]!
const nm = () => env.contracts.NeuronManager
const view = (
  functionName:
    | 'getNeuronList'
    | 'getSubnetValidators'
    | 'getNeuronCount'
    | 'getSubnetNeuronCount'
    | 'getSubnetValidatorCount',
  netuid = ACTIVE,
): Promise<unknown> =>
  env.client.readContract({ address: nm(), abi: NeuronManagerAbi, functionName, args: [netuid] } as never)
const isNeuron = (who: `0x${string}`, netuid = ACTIVE) =>
  env.client.readContract({
    address: nm(),
    abi: NeuronManagerAbi,
    functionName: 'isNeuron',
    args: [netuid, who],
  })
const isValidator = (who: `0x${string}`, netuid = ACTIVE) =>
  env.client.readContract({
    address: nm(),
    abi: NeuronManagerAbi,
    functionName: 'isValidator',
    args: [netuid, who],
  })

describe('join and leave (docs/contracts.md#join-a-subnet)', () => {
  it('a miner stakes 201, registers with 200, updates its service, then leaves and withdraws', async () => {
    const alice = user(1)
    await act.stake(alice, E(201))
    const reg = await act.register(alice, ACTIVE, E(200), false, {
      axon: 'http://10.0.0.1',
      axonPort: 8091,
      prom: 'http://10.0.0.1',
      promPort: 9090,
    })
    const nmLogs = parseEventLogs({ abi: NeuronManagerAbi, logs: reg.logs, eventName: 'NeuronRegistered' })
    expect(nmLogs[0]?.args).toEqual({
      netuid: ACTIVE,
      account: alice.address,
      stake: E(200),
      isValidator: false,
      requestedValidatorRole: false,
      axonEndpoint: 'http://10.0.0.1',
      axonPort: 8091,
      prometheusEndpoint: 'http://10.0.0.1',
      prometheusPort: 9090,
      blockNumber: reg.blockNumber,
    })
    const block = await env.client.getBlock({ blockNumber: reg.blockNumber })
    expect(await act.neuron(ACTIVE, alice.address)).toEqual({
      account: alice.address,
      netuid: ACTIVE,
      isActive: true,
      isValidator: false,
      stake: E(200),
      registrationBlock: reg.blockNumber,
      lastUpdate: block.timestamp,
      axonEndpoint: 'http://10.0.0.1',
      axonPort: 8091,
      prometheusEndpoint: 'http://10.0.0.1',
      prometheusPort: 9090,
    })
    expect(await act.stakeInfo(alice.address)).toMatchObject({
      totalStaked: E(201),
      totalAllocated: E(200),
      totalCost: E(1),
    })
    expect(await act.available(alice.address)).toBe(0n)
    expect(await act.whetuBalance(env.treasury)).toBe(E(1))
    expect(await view('getNeuronList')).toEqual([alice.address])
    expect(await view('getNeuronCount')).toBe(1n)
    expect(await isNeuron(alice.address)).toBe(true)
    expect(await isValidator(alice.address)).toBe(false)

    const upd = await act.write(alice, nm(), NeuronManagerAbi, 'updateNeuronService', [
      ACTIVE,
      'http://10.0.0.2',
      9000,
      '',
      0,
    ])
    expect(parseEventLogs({ abi: NeuronManagerAbi, logs: upd.logs })[0]).toMatchObject({
      eventName: 'ServiceUpdated',
      args: { netuid: ACTIVE, account: alice.address, axonEndpoint: 'http://10.0.0.2', axonPort: 9000 },
    })
    expect(await act.neuron(ACTIVE, alice.address)).toMatchObject({
      axonEndpoint: 'http://10.0.0.2',
      axonPort: 9000,
      prometheusEndpoint: '',
      prometheusPort: 0,
    })

    // Leaving releases the allocation in the same transaction (fix); the fee stays paid.
    const leave = await act.deregister(alice, ACTIVE)
    const gsLogs = parseEventLogs({ abi: GlobalStakingAbi, logs: leave.logs })
    expect(gsLogs.map((l) => [l.eventName, l.args])).toEqual([
      ['DeallocatedFromSubnet', { user: alice.address, netuid: ACTIVE, amount: E(200) }],
      ['SubnetAllocationChanged', { user: alice.address, netuid: ACTIVE, oldAmount: E(200), newAmount: 0n }],
    ])
    expect(parseEventLogs({ abi: NeuronManagerAbi, logs: leave.logs })[0]).toMatchObject({
      eventName: 'NeuronDeregistered',
      args: { netuid: ACTIVE, account: alice.address, blockNumber: leave.blockNumber },
    })
    expect(await isNeuron(alice.address)).toBe(false)
    expect((await act.neuron(ACTIVE, alice.address)).isActive).toBe(false)
    expect(await view('getNeuronList')).toEqual([])
    expect(await act.available(alice.address)).toBe(E(200))
    await act.removeStake(alice, E(200))
    const before = await env.client.getBalance({ address: alice.address })
    const out = await act.write(alice, env.contracts.WHETU, WHETUAbi, 'withdraw', [E(200)])
    expect((await env.client.getBalance({ address: alice.address })) - before).toBe(
      E(200) - out.gasUsed * out.effectiveGasPrice,
    )
  })

  it('a validator registers with 500 of 1000 staked (Appendix A figures) under 408 000 gas', async () => {
    const bob = user(2)
    await act.stake(bob, E(1000))
    const reg = await act.register(bob, ACTIVE, E(500), true)
    expect(reg.gasUsed).toBeLessThan(408_000n)
    expect(await act.stakeInfo(bob.address)).toMatchObject({
      totalStaked: E(1000),
      totalAllocated: E(500),
      totalCost: E(1),
    })
    expect(await act.available(bob.address)).toBe(E(499))
    expect(await isValidator(bob.address)).toBe(true)
    expect(await view('getSubnetValidators')).toEqual([bob.address])
    expect(await view('getSubnetValidatorCount')).toBe(1n)
    // Same account, other subnet state untouched.
    expect(await isNeuron(bob.address, INACTIVE)).toBe(false)
  })

  it('can register again after leaving (and pays the fee again)', async () => {
    const alice = user(1)
    await act.stake(alice, E(402))
    await act.register(alice, ACTIVE, E(200), false)
    await act.deregister(alice, ACTIVE)
    await act.register(alice, ACTIVE, E(200), false)
    expect(await act.stakeInfo(alice.address)).toMatchObject({ totalAllocated: E(200), totalCost: E(2) })
    expect(await act.whetuBalance(env.treasury)).toBe(E(2))
  })
})

describe('registration checks, in the spec order (1.8)', () => {
  it('STAKE_AMOUNT_ZERO, SUBNET_NOT_EXISTS, SUBNET_NOT_ACTIVE come before any stake check', async () => {
    const alice = user(1)
    expect(await revertOf(act.register(alice, 99, 0n, false))).toBe('STAKE_AMOUNT_ZERO')
    expect(await revertOf(act.register(alice, 99, E(200), false))).toBe('SUBNET_NOT_EXISTS')
    expect(await revertOf(act.register(alice, INACTIVE, E(200), false))).toBe('SUBNET_NOT_ACTIVE')
    await env.activateSubnet(INACTIVE)
    expect(await revertOf(act.register(alice, INACTIVE, E(200), false))).toBe('INSUFFICIENT_AVAILABLE_STAKE')
  })

  it('ALREADY_REGISTERED, then INSUFFICIENT_AVAILABLE_STAKE (stake + fee, without overflow)', async () => {
    const [alice, bob] = [user(1), user(2)]
    await act.stake(alice, E(1000))
    await act.register(alice, ACTIVE, E(200), false)
    expect(await revertOf(act.register(alice, ACTIVE, E(200), true))).toBe('ALREADY_REGISTERED')
    await act.stake(bob, E(200))
    expect(await revertOf(act.register(bob, ACTIVE, E(200), false))).toBe('INSUFFICIENT_AVAILABLE_STAKE')
    expect(await revertOf(act.register(bob, ACTIVE, maxUint256, false))).toBe('INSUFFICIENT_AVAILABLE_STAKE')
  })

  it('a prior allocation to the subnet counts as used (spec-verified behaviour)', async () => {
    const alice = user(1)
    await act.stake(alice, E(300))
    await act.allocate(alice, ACTIVE, E(200))
    expect(await revertOf(act.register(alice, ACTIVE, E(200), false))).toBe('INSUFFICIENT_AVAILABLE_STAKE')
    await act.deallocate(alice, ACTIVE, E(200))
    await act.register(alice, ACTIVE, E(200), false)
  })

  it('SUBNET_NEURONS_FULL and SUBNET_VALIDATORS_FULL come before the threshold checks', async () => {
    const [a, b, c] = [user(1), user(2), user(3)]
    for (const u of [a, b, c]) await act.stake(u, E(1000))
    await env.setSubnetLimits(ACTIVE, { maxAllowedUids: 2, maxAllowedValidators: 1 })
    await act.register(a, ACTIVE, E(500), true)
    expect(await revertOf(act.register(b, ACTIVE, E(1), true))).toBe('SUBNET_VALIDATORS_FULL')
    expect(await revertOf(act.register(b, ACTIVE, E(1), false))).toBe('INSUFFICIENT_NEURON_STAKE')
    await act.register(b, ACTIVE, E(200), false)
    expect(await revertOf(act.register(c, ACTIVE, E(1), false))).toBe('SUBNET_NEURONS_FULL')
    // Leaving frees the slot.
    await act.deregister(a, ACTIVE)
    await act.register(c, ACTIVE, E(500), true)
  })

  it('INSUFFICIENT_NEURON_STAKE and INSUFFICIENT_VALIDATOR_STAKE', async () => {
    const alice = user(1)
    await act.stake(alice, E(1000))
    expect(await revertOf(act.register(alice, ACTIVE, E(200) - 1n, false))).toBe('INSUFFICIENT_NEURON_STAKE')
    expect(await revertOf(act.register(alice, ACTIVE, E(200) - 1n, true))).toBe('INSUFFICIENT_NEURON_STAKE')
    expect(await revertOf(act.register(alice, ACTIVE, E(500) - 1n, true))).toBe(
      'INSUFFICIENT_VALIDATOR_STAKE',
    )
  })

  it('UNAUTHORIZED_CALLER when NeuronManager is not an authorized caller of GlobalStaking', async () => {
    const alice = user(1)
    await act.stake(alice, E(1000))
    await act.write(user(0), env.contracts.GlobalStaking, GlobalStakingAbi, 'setAuthorizedCaller', [
      nm(),
      false,
    ])
    expect(await revertOf(act.register(alice, ACTIVE, E(200), false))).toBe('UNAUTHORIZED_CALLER')
  })
})

describe('other NeuronManager checks', () => {
  it('NOT_REGISTERED for deregister and updateNeuronService; ONLY_GLOBAL_STAKING for the hook', async () => {
    const alice = user(1)
    expect(await revertOf(act.deregister(alice, ACTIVE))).toBe('NOT_REGISTERED')
    expect(
      await revertOf(
        act.write(alice, nm(), NeuronManagerAbi, 'updateNeuronService', [ACTIVE, 'x', 1, 'y', 2]),
      ),
    ).toBe('NOT_REGISTERED')
    expect(
      await revertOf(
        act.write(alice, nm(), NeuronManagerAbi, 'onAllocationChanged', [alice.address, ACTIVE, E(1)]),
      ),
    ).toBe('ONLY_GLOBAL_STAKING')
  })

  it('constructor rejects zero addresses in argument order; setRewardDistributor is owner-only', async () => {
    const [sm, gs, o] = [env.contracts.SubnetManager, env.contracts.GlobalStaking, user(0)]
    expect(await revertOf(env.deploy('NeuronManager', [zeroAddress, zeroAddress, zeroAddress, false]))).toBe(
      'ZERO_SUBNET_MANAGER',
    )
    expect(await revertOf(env.deploy('NeuronManager', [sm, zeroAddress, zeroAddress, false]))).toBe(
      'ZERO_GLOBAL_STAKING',
    )
    expect(await revertOf(env.deploy('NeuronManager', [sm, gs, zeroAddress, false]))).toBe(
      'ZERO_INITIAL_OWNER',
    )

    expect(
      await revertOf(act.write(user(5), nm(), NeuronManagerAbi, 'setRewardDistributor', [user(5).address])),
    ).toBe('OwnableUnauthorizedAccount')
    expect(await revertOf(act.write(o, nm(), NeuronManagerAbi, 'setRewardDistributor', [zeroAddress]))).toBe(
      'ZERO_ADDRESS',
    )
    await act.write(o, nm(), NeuronManagerAbi, 'setRewardDistributor', [user(7).address])
    expect(
      await env.client.readContract({
        address: nm(),
        abi: NeuronManagerAbi,
        functionName: 'rewardDistributor',
      }),
    ).toBe(user(7).address)
    expect(
      await env.client.readContract({ address: nm(), abi: NeuronManagerAbi, functionName: 'subnetManager' }),
    ).toBe(sm)
    expect(
      await env.client.readContract({ address: nm(), abi: NeuronManagerAbi, functionName: 'globalStaking' }),
    ).toBe(gs)
  })

  it('keeps the list compact on leave (swap-and-pop) and the validator views exact', async () => {
    const [a, b, c, d] = [user(1), user(2), user(3), user(4)]
    for (const u of [a, b, c, d]) await act.stake(u, E(1000))
    await act.register(a, ACTIVE, E(500), true)
    await act.register(b, ACTIVE, E(200), false)
    await act.register(c, ACTIVE, E(500), true)
    await act.register(d, ACTIVE, E(200), false)
    expect(await view('getNeuronList')).toEqual([a.address, b.address, c.address, d.address])
    await act.deregister(a, ACTIVE)
    expect(await view('getNeuronList')).toEqual([d.address, b.address, c.address])
    expect(
      await env.client.readContract({
        address: nm(),
        abi: NeuronManagerAbi,
        functionName: 'neuronList',
        args: [ACTIVE, 0n],
      }),
    ).toBe(d.address)
    expect(await view('getSubnetValidators')).toEqual([c.address])
    await act.deregister(d, ACTIVE) // the moved one can still leave
    await act.deregister(c, ACTIVE) // the last one
    expect(await view('getNeuronList')).toEqual([b.address])
    expect(await view('getSubnetValidators')).toEqual([])
    expect(await view('getSubnetValidatorCount')).toBe(0n)
    expect(await view('getSubnetNeuronCount')).toBe(1n)
    await act.register(a, ACTIVE, E(500), true)
    expect(await view('getNeuronList')).toEqual([b.address, a.address])
  })
})

describe('fixed quirk: updateStakeAllocation cannot invent stake', () => {
  it('an attacker cannot raise or lower a neuron’s recorded stake; only the real allocation resyncs', async () => {
    const [bob, mallory] = [user(2), user(6)]
    await act.stake(bob, E(1000))
    await act.register(bob, ACTIVE, E(500), true)
    const update = (account: `0x${string}`, stake: bigint) =>
      act.write(mallory, nm(), NeuronManagerAbi, 'updateStakeAllocation', [ACTIVE, account, stake])

    expect(await revertOf(update(bob.address, E(99_999)))).toBe('STAKE_MISMATCH')
    expect(await revertOf(update(bob.address, E(499)))).toBe('VALIDATOR_STAKE_BELOW_THRESHOLD')
    expect(await revertOf(update(mallory.address, E(500)))).toBe('NEURON_NOT_ACTIVE')
    expect((await act.neuron(ACTIVE, bob.address)).stake).toBe(E(500))

    // The permissionless resync with the true value is harmless and re-announces it.
    const ok = await update(bob.address, E(500))
    expect(parseEventLogs({ abi: NeuronManagerAbi, logs: ok.logs })[0]).toMatchObject({
      eventName: 'StakeAllocationChanged',
      args: { netuid: ACTIVE, account: bob.address, oldStake: E(500), newStake: E(500) },
    })
  })

  it('miners get NEURON_STAKE_BELOW_THRESHOLD', async () => {
    const alice = user(1)
    await act.stake(alice, E(1000))
    await act.register(alice, ACTIVE, E(200), false)
    expect(
      await revertOf(
        act.write(user(6), nm(), NeuronManagerAbi, 'updateStakeAllocation', [ACTIVE, alice.address, E(199)]),
      ),
    ).toBe('NEURON_STAKE_BELOW_THRESHOLD')
  })
})

describe('fixed quirk: registered stake is locked at the role threshold until deregistration', () => {
  it('refuses deallocating or re-allocating below the threshold; deregistering releases everything', async () => {
    const bob = user(2)
    await act.stake(bob, E(1000))
    await act.register(bob, ACTIVE, E(500), true)
    // The spec-verified attack: pull the stake out while staying registered.
    expect(await revertOf(act.deallocate(bob, ACTIVE, E(500)))).toBe('STAKE_LOCKED_BY_NEURON')
    expect(await revertOf(act.deallocate(bob, ACTIVE, 1n))).toBe('STAKE_LOCKED_BY_NEURON')
    expect(await revertOf(act.allocate(bob, ACTIVE, E(499)))).toBe('STAKE_LOCKED_BY_NEURON')
    expect(await revertOf(act.removeStake(bob, E(999)))).toBe('AMOUNT_NOT_AVAILABLE')
    expect((await act.neuron(ACTIVE, bob.address)).stake).toBe(E(500))

    // Above the threshold the neuron's stake follows the allocation, with events for the chain.
    const more = await act.allocate(bob, ACTIVE, E(700))
    expect(parseEventLogs({ abi: NeuronManagerAbi, logs: more.logs })[0]).toMatchObject({
      eventName: 'StakeAllocationChanged',
      args: { netuid: ACTIVE, account: bob.address, oldStake: E(500), newStake: E(700) },
    })
    expect((await act.neuron(ACTIVE, bob.address)).stake).toBe(E(700))
    await act.deallocate(bob, ACTIVE, E(200))
    expect((await act.neuron(ACTIVE, bob.address)).stake).toBe(E(500))

    await act.deregister(bob, ACTIVE)
    expect((await act.allocation(bob.address, ACTIVE)).allocated).toBe(0n)
    expect(await act.available(bob.address)).toBe(E(999))
    await act.removeStake(bob, E(999))
    expect(await act.stakeInfo(bob.address)).toMatchObject({
      totalStaked: E(1),
      totalAllocated: 0n,
      totalCost: E(1),
    })
  })

  it('binds other authorized callers too: only the NeuronManager may release a neuron’s allocation', async () => {
    const [owner, bob, operator] = [user(0), user(2), user(8)]
    const gs = env.contracts.GlobalStaking
    await act.stake(bob, E(1000))
    await act.register(bob, ACTIVE, E(500), true)
    await act.write(owner, gs, GlobalStakingAbi, 'setAuthorizedCaller', [operator.address, true])
    expect(
      await revertOf(act.write(operator, gs, GlobalStakingAbi, 'releaseAllocation', [bob.address, ACTIVE])),
    ).toBe('STAKE_LOCKED_BY_NEURON')
    expect(
      await revertOf(
        act.write(operator, gs, GlobalStakingAbi, 'allocateToSubnetFor', [bob.address, ACTIVE, E(100), 0n]),
      ),
    ).toBe('STAKE_LOCKED_BY_NEURON')
    expect(
      await revertOf(
        act.write(operator, gs, GlobalStakingAbi, 'allocateToSubnetFor', [
          bob.address,
          ACTIVE,
          E(100),
          E(101),
        ]),
      ),
    ).toBe('BELOW_MIN_THRESHOLD')
    // Raising it is allowed and keeps NeuronInfo.stake in step.
    await act.write(operator, gs, GlobalStakingAbi, 'allocateToSubnetFor', [bob.address, ACTIVE, E(600), 0n])
    expect((await act.neuron(ACTIVE, bob.address)).stake).toBe(E(600))
    // Unregistered users' allocations are not locked.
    await act.write(operator, gs, GlobalStakingAbi, 'releaseAllocation', [bob.address, 7])
    await act.allocate(bob, 7, E(10))
    await act.write(operator, gs, GlobalStakingAbi, 'releaseAllocation', [bob.address, 7])
    expect((await act.allocation(bob.address, 7)).allocated).toBe(0n)
  })

  it('the lock follows the subnet’s current threshold', async () => {
    const alice = user(1)
    await act.stake(alice, E(1000))
    await act.register(alice, ACTIVE, E(300), false)
    expect(await revertOf(act.deallocate(alice, ACTIVE, E(101)))).toBe('STAKE_LOCKED_BY_NEURON')
    await act.deallocate(alice, ACTIVE, E(100))
    await env.setSubnetLimits(ACTIVE, { neuronThreshold: E(50) })
    await act.deallocate(alice, ACTIVE, E(150))
    expect((await act.neuron(ACTIVE, alice.address)).stake).toBe(E(50))
    // Other subnets and unregistered users are not locked.
    await act.allocate(alice, 7, E(10))
    await act.deallocate(alice, 7, E(10))
  })
})

describe('fixed quirk: registration allocates for msg.sender, never tx.origin', () => {
  it('a contract registering on an EOA’s behalf cannot spend that EOA’s stake', async () => {
    const alice = user(1)
    await act.stake(alice, E(1000))
    const wallet = await env.deploy('TestCaller', [], alice)
    const registerData = encodeFunctionData({
      abi: NeuronManagerAbi,
      functionName: 'registerNeuronWithStakeAllocation',
      args: [ACTIVE, E(200), false, 'http://wallet', 1, '', 0],
    })
    const viaWallet = (target: `0x${string}`, data: Hex) =>
      act.write(alice, wallet, TestCallerAbi, 'execute', [target, data])

    // The public contract would allocate alice's (tx.origin's) stake here; ours checks the contract's.
    expect(await revertOf(viaWallet(nm(), registerData))).toBe('INSUFFICIENT_AVAILABLE_STAKE')
    expect(await act.stakeInfo(alice.address)).toMatchObject({ totalAllocated: 0n, totalCost: 0n })

    // With its own stake the contract registers itself; alice's stake is untouched.
    await act.deposit(alice, E(201))
    await act.write(alice, env.contracts.WHETU, WHETUAbi, 'transfer', [wallet, E(201)])
    await viaWallet(
      env.contracts.WHETU,
      encodeFunctionData({
        abi: WHETUAbi,
        functionName: 'approve',
        args: [env.contracts.GlobalStaking, E(201)],
      }),
    )
    await viaWallet(
      env.contracts.GlobalStaking,
      encodeFunctionData({ abi: GlobalStakingAbi, functionName: 'addGlobalStake', args: [E(201)] }),
    )
    await viaWallet(nm(), registerData)
    expect(await isNeuron(wallet)).toBe(true)
    expect(await isNeuron(alice.address)).toBe(false)
    expect(await act.allocation(wallet, ACTIVE)).toMatchObject({ allocated: E(200), cost: E(1) })
    expect(await act.stakeInfo(alice.address)).toMatchObject({ totalStaked: E(1000), totalAllocated: 0n })
    expect((await act.neuron(ACTIVE, wallet)).stake).toBe(E(200))
  })
})
