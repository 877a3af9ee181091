// The localnet's two rule sets, one difference at a time (the table in contracts/README.md): under
// `public` each quirk of the public Hetu contracts happens, under `fixed` it is refused or fixed. Both
// localnets run side by side with the same setup: subnet 1 registered and activated by the owner, the
// chain's system address added as its Alpha minter. Every test runs in a snapshot that is rolled back.
import { type Abi, type Address, decodeEventLog, encodeFunctionData, type Hex, parseEther } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  AlphaTokenAbi,
  GlobalStakingAbi,
  NeuronManagerAbi,
  SubnetAMMAbi,
  SubnetAMMFactoryAbi,
  SubnetManagerAbi,
  WHETUAbi,
} from '../../src/chain/abi/index.js'
import type { LocalnetRules } from '../../src/localnet/rules.js'
import { TestCallerAbi } from './staking-env.js'
import { revertOf, type SubnetEnv, startSubnetEnv } from './subnet-env.js'

const E = (n: number | string) => parseEther(String(n))
const NETUID = 1
const NO_FLAGS = Array<boolean>(21).fill(false)
type Account = SubnetEnv['accounts'][number]

/** One localnet with subnet 1 set up, and typed helpers bound to it. */
interface World {
  env: SubnetEnv
  alpha: Address
  pool: Address
  owner: Account
  bob: Account // a validator
  alice: Account
  attacker: Account
}

const worlds = {} as Record<LocalnetRules, World>

async function setUp(rules: LocalnetRules): Promise<World> {
  const env = await startSubnetEnv({ rules })
  const [owner, bob, alice, attacker] = env.accounts as [Account, Account, Account, Account]
  const { netuid, alphaToken, ammPool } = await env.registerSubnet(owner)
  expect(netuid).toBe(NETUID)
  const sm = env.net.contracts.SubnetManager
  await env.write(owner, {
    address: sm,
    abi: SubnetManagerAbi,
    functionName: 'activateSubnet',
    args: [NETUID],
  })
  await env.write(owner, {
    address: sm,
    abi: SubnetManagerAbi,
    functionName: 'addSubnetMinter',
    args: [NETUID, env.net.systemAddress],
  })
  return { env, alpha: alphaToken, pool: ammPool, owner, bob, alice, attacker }
}

beforeAll(async () => {
  ;[worlds.public, worlds.fixed] = await Promise.all([setUp('public'), setUp('fixed')])
})
afterAll(() => Promise.all(Object.values(worlds).map((w) => w.env.stop())))

/** Runs `body` on the world of `rules` and rolls its chain back afterwards, pass or fail. */
async function inWorld(rules: LocalnetRules, body: (w: World) => Promise<void>) {
  const w = worlds[rules]
  const snapshot = await w.env.snapshot()
  try {
    await body(w)
  } finally {
    await w.env.revert(snapshot)
  }
}

// ---------------------------------------------------------------- helpers on one world

const call = (
  w: World,
  from: Account | SubnetEnv['system'],
  address: Address,
  abi: Abi,
  fn: string,
  args: unknown[],
) => w.env.write(from, { address, abi, functionName: fn, args })
const read = <T>(w: World, address: Address, abi: Abi, functionName: string, args: unknown[] = []) =>
  w.env.client.readContract({ address, abi, functionName, args } as never) as Promise<T>
const sm = (w: World) => w.env.net.contracts.SubnetManager
const gs = (w: World) => w.env.net.contracts.GlobalStaking
const nm = (w: World) => w.env.net.contracts.NeuronManager

const smWrite = (w: World, from: Account, fn: string, args: unknown[]) =>
  call(w, from, sm(w), SubnetManagerAbi, fn, args)
const smRead = <T>(w: World, fn: string, args: unknown[] = []) =>
  read<T>(w, sm(w), SubnetManagerAbi, fn, args)
const gsWrite = (w: World, from: Account, fn: string, args: unknown[]) =>
  call(w, from, gs(w), GlobalStakingAbi, fn, args)
const nmWrite = (w: World, from: Account, fn: string, args: unknown[]) =>
  call(w, from, nm(w), NeuronManagerAbi, fn, args)

/** Stakes `amount` of the account's WHETU (the localnet funds every dev account). */
async function stake(w: World, who: Account, amount: bigint) {
  await w.env.approve(who, w.env.net.contracts.WHETU, gs(w), amount)
  await gsWrite(w, who, 'addGlobalStake', [amount])
}
const REGISTER_ARGS = (stakeAmount: bigint, validator: boolean) => [
  NETUID,
  stakeAmount,
  validator,
  'http://127.0.0.1',
  8091,
  '',
  0,
]
/** Bob stakes 1000 and registers as a validator with 500 (Appendix A). */
async function registerBob(w: World) {
  await stake(w, w.bob, E(1000))
  await nmWrite(w, w.bob, 'registerNeuronWithStakeAllocation', REGISTER_ARGS(E(500), true))
}
const allocation = (w: World, who: Address) =>
  read<{ allocated: bigint; cost: bigint }>(w, gs(w), GlobalStakingAbi, 'getSubnetAllocation', [who, NETUID])
const stakeInfo = (w: World, who: Address) =>
  read<{ totalStaked: bigint; totalAllocated: bigint }>(w, gs(w), GlobalStakingAbi, 'getStakeInfo', [who])
const neuron = (w: World, who: Address) =>
  read<{ stake: bigint; isActive: boolean; isValidator: boolean }>(
    w,
    nm(w),
    NeuronManagerAbi,
    'getNeuronInfo',
    [NETUID, who],
  )
const isNeuron = (w: World, who: Address) =>
  read<boolean>(w, nm(w), NeuronManagerAbi, 'isNeuron', [NETUID, who])
const alphaBalance = (w: World, who: Address) => read<bigint>(w, w.alpha, AlphaTokenAbi, 'balanceOf', [who])
/** The system address (the chain's emission module, a minter of subnet 1) mints Alpha, as rewards. */
const mintAsSystem = (w: World, to: Address, amount: bigint) =>
  call(w, w.env.system, w.alpha, AlphaTokenAbi, 'mint', [to, amount])

// ---------------------------------------------------------------- the differences

describe('SubnetAMMFactory.createPool', () => {
  const squat = (w: World, next: number) =>
    call(w, w.attacker, w.env.net.contracts.SubnetAMMFactory, SubnetAMMFactoryAbi, 'createPool', [
      w.env.net.contracts.WHETU,
      w.attacker.address,
      next,
      w.attacker.address,
      1,
      E(1000),
    ])

  it('public: anyone squats the next netuid’s pool and every later registration fails', () =>
    inWorld('public', async (w) => {
      const next = await smRead<number>(w, 'getNextNetuid')
      await squat(w, next)
      await w.env.mine(2)
      expect(await revertOf(w.env.registerSubnet(w.alice))).toBe('Factory: POOL_EXISTS')
    }))

  it('fixed: only the SubnetManager creates pools; the next registration gets the netuid', () =>
    inWorld('fixed', async (w) => {
      const next = await smRead<number>(w, 'getNextNetuid')
      expect(await revertOf(squat(w, next))).toBe('Factory: ONLY_SUBNET_MANAGER')
      await w.env.mine(2)
      expect((await w.env.registerSubnet(w.alice)).netuid).toBe(next)
    }))
})

describe('NeuronManager.updateStakeAllocation', () => {
  const invent = (w: World) =>
    nmWrite(w, w.attacker, 'updateStakeAllocation', [NETUID, w.bob.address, E(99_999)])

  it('public: anyone sets any neuron’s recorded stake, whatever its allocation', () =>
    inWorld('public', async (w) => {
      await registerBob(w)
      await invent(w)
      expect((await neuron(w, w.bob.address)).stake).toBe(E(99_999))
      expect((await allocation(w, w.bob.address)).allocated).toBe(E(500))
    }))

  it('fixed: only a resync to the real allocation is accepted (STAKE_MISMATCH)', () =>
    inWorld('fixed', async (w) => {
      await registerBob(w)
      expect(await revertOf(invent(w))).toBe('STAKE_MISMATCH')
      expect((await neuron(w, w.bob.address)).stake).toBe(E(500))
    }))
})

describe('NeuronInfo.stake after an allocation change', () => {
  it('public: stays at the registration stake (stale) when GlobalStaking allocation changes', () =>
    inWorld('public', async (w) => {
      await registerBob(w)
      await gsWrite(w, w.bob, 'allocateToSubnet', [NETUID, E(700)])
      expect((await allocation(w, w.bob.address)).allocated).toBe(E(700))
      expect((await neuron(w, w.bob.address)).stake).toBe(E(500))
    }))

  it('fixed: follows every allocation change', () =>
    inWorld('fixed', async (w) => {
      await registerBob(w)
      await gsWrite(w, w.bob, 'allocateToSubnet', [NETUID, E(700)])
      expect((await neuron(w, w.bob.address)).stake).toBe(E(700))
    }))
})

describe('deallocating a registered neuron’s stake', () => {
  it('public: a validator deallocates all its stake and stays registered', () =>
    inWorld('public', async (w) => {
      await registerBob(w)
      await gsWrite(w, w.bob, 'deallocateFromSubnet', [NETUID, E(500)])
      expect((await allocation(w, w.bob.address)).allocated).toBe(0n)
      expect(await neuron(w, w.bob.address)).toMatchObject({
        isActive: true,
        isValidator: true,
        stake: E(500),
      })
      await gsWrite(w, w.bob, 'removeGlobalStake', [E(999)])
    }))

  it('fixed: the allocation cannot drop below the role threshold (STAKE_LOCKED_BY_NEURON)', () =>
    inWorld('fixed', async (w) => {
      await registerBob(w)
      expect(await revertOf(gsWrite(w, w.bob, 'deallocateFromSubnet', [NETUID, E(500)]))).toBe(
        'STAKE_LOCKED_BY_NEURON',
      )
      expect(await revertOf(gsWrite(w, w.bob, 'deallocateFromSubnet', [NETUID, 1n]))).toBe(
        'STAKE_LOCKED_BY_NEURON',
      )
      expect((await allocation(w, w.bob.address)).allocated).toBe(E(500))
    }))
})

describe('deregisterNeuron and the allocation', () => {
  it('public: keeps the allocation; the user deallocates it after leaving', () =>
    inWorld('public', async (w) => {
      await registerBob(w)
      await nmWrite(w, w.bob, 'deregisterNeuron', [NETUID])
      expect(await isNeuron(w, w.bob.address)).toBe(false)
      expect((await allocation(w, w.bob.address)).allocated).toBe(E(500))
      expect(await read(w, gs(w), GlobalStakingAbi, 'getAvailableStake', [w.bob.address])).toBe(E(499))
      await gsWrite(w, w.bob, 'deallocateFromSubnet', [NETUID, E(500)])
      expect(await read(w, gs(w), GlobalStakingAbi, 'getAvailableStake', [w.bob.address])).toBe(E(999))
    }))

  it('fixed: releases the allocation (nothing left to deallocate)', () =>
    inWorld('fixed', async (w) => {
      await registerBob(w)
      await nmWrite(w, w.bob, 'deregisterNeuron', [NETUID])
      expect((await allocation(w, w.bob.address)).allocated).toBe(0n)
      expect(await read(w, gs(w), GlobalStakingAbi, 'getAvailableStake', [w.bob.address])).toBe(E(999))
      expect(await revertOf(gsWrite(w, w.bob, 'deallocateFromSubnet', [NETUID, E(500)]))).toBe(
        'INSUFFICIENT_ALLOCATION',
      )
    }))
})

describe('registration through a contract wallet', () => {
  /** Alice stakes 1000; her contract wallet stakes 201 of its own and registers itself as a miner. */
  async function registerViaWallet(w: World): Promise<Address> {
    await stake(w, w.alice, E(1000))
    const wallet = await w.env.deploy('TestCaller', [], w.alice)
    const via = (target: Address, data: Hex) =>
      call(w, w.alice, wallet, TestCallerAbi as Abi, 'execute', [target, data])
    const whetu = w.env.net.contracts.WHETU
    await call(w, w.alice, whetu, WHETUAbi, 'transfer', [wallet, E(201)])
    await via(whetu, encodeFunctionData({ abi: WHETUAbi, functionName: 'approve', args: [gs(w), E(201)] }))
    await via(
      gs(w),
      encodeFunctionData({ abi: GlobalStakingAbi, functionName: 'addGlobalStake', args: [E(201)] }),
    )
    await via(
      nm(w),
      encodeFunctionData({
        abi: NeuronManagerAbi,
        functionName: 'registerNeuronWithStakeAllocation',
        args: REGISTER_ARGS(E(200), false) as never,
      }),
    )
    expect(await isNeuron(w, wallet)).toBe(true)
    return wallet
  }

  it('public: the allocation lands on tx.origin (the EOA), not on the registering contract', () =>
    inWorld('public', async (w) => {
      const wallet = await registerViaWallet(w)
      expect((await allocation(w, w.alice.address)).allocated).toBe(E(200))
      expect(await allocation(w, wallet)).toMatchObject({ allocated: 0n, cost: E(1) })
    }))

  it('fixed: the allocation is the registrant’s own; the EOA’s stake is untouched', () =>
    inWorld('fixed', async (w) => {
      const wallet = await registerViaWallet(w)
      expect(await allocation(w, wallet)).toMatchObject({ allocated: E(200), cost: E(1) })
      expect(await stakeInfo(w, w.alice.address)).toMatchObject({ totalStaked: E(1000), totalAllocated: 0n })
    }))
})

describe('AlphaToken.burn by a minter', () => {
  const burnAlices = (w: World) =>
    call(w, w.env.system, w.alpha, AlphaTokenAbi, 'burn', [w.alice.address, E(4)])

  it('public: a minter burns anyone’s Alpha without their approval', () =>
    inWorld('public', async (w) => {
      await mintAsSystem(w, w.alice.address, E(10))
      await burnAlices(w)
      expect(await alphaBalance(w, w.alice.address)).toBe(E(6))
    }))

  it('fixed: burning someone else’s Alpha needs their allowance', () =>
    inWorld('fixed', async (w) => {
      await mintAsSystem(w, w.alice.address, E(10))
      expect(await revertOf(burnAlices(w))).toBe('ERC20InsufficientAllowance')
      expect(await alphaBalance(w, w.alice.address)).toBe(E(10))
    }))
})

describe('SubnetManager.addSubnetMinter', () => {
  it('public: the subnet owner makes itself a minter and mints Alpha at will', () =>
    inWorld('public', async (w) => {
      await smWrite(w, w.owner, 'addSubnetMinter', [NETUID, w.owner.address])
      await call(w, w.owner, w.alpha, AlphaTokenAbi, 'mint', [w.owner.address, E(1_000_000)])
      expect(await alphaBalance(w, w.owner.address)).toBe(E(1_000_000))
    }))

  it('fixed: only the chain’s system address may become a minter (INVALID_MINTER)', () =>
    inWorld('fixed', async (w) => {
      expect(await revertOf(smWrite(w, w.owner, 'addSubnetMinter', [NETUID, w.owner.address]))).toBe(
        'INVALID_MINTER',
      )
      expect(await revertOf(smWrite(w, w.owner, 'addSubnetMinter', [NETUID, w.alice.address]))).toBe(
        'INVALID_MINTER',
      )
      expect(await read(w, w.alpha, AlphaTokenAbi, 'authorized_minters', [w.env.net.systemAddress])).toBe(
        true,
      )
      expect(await read(w, w.alpha, AlphaTokenAbi, 'authorized_minters', [w.owner.address])).toBe(false)
    }))
})

describe('default hyperparameters', () => {
  type Params = Record<string, unknown>
  const registerWithDefaults = async (w: World, defaults: Params) => {
    await w.env.mine(2)
    await w.env.approve(
      w.alice,
      w.env.net.contracts.WHETU,
      sm(w),
      await smRead<bigint>(w, 'getNetworkLockCost'),
    )
    return smWrite(w, w.alice, 'registerNetworkWithPartialCustom', ['n', '', 'A', 'A', defaults, NO_FLAGS])
  }

  it('public: weightsRateLimit 15000 fails the contract’s own validation (INVALID_HYPERPARAMS)', () =>
    inWorld('public', async (w) => {
      const defaults = await smRead<Params>(w, 'getSubnetParams', [NETUID])
      expect(defaults.weightsRateLimit).toBe(15000n)
      expect(await revertOf(smWrite(w, w.owner, 'updateSubnetHyperparams', [NETUID, defaults]))).toBe(
        'INVALID_HYPERPARAMS',
      )
      expect(await revertOf(registerWithDefaults(w, defaults))).toBe('INVALID_MERGED_HYPERPARAMS')
    }))

  it('fixed: weightsRateLimit 8000, so the defaults pass validation', () =>
    inWorld('fixed', async (w) => {
      const defaults = await smRead<Params>(w, 'getSubnetParams', [NETUID])
      expect(defaults.weightsRateLimit).toBe(8000n)
      await smWrite(w, w.owner, 'updateSubnetHyperparams', [NETUID, defaults])
      await registerWithDefaults(w, defaults)
    }))
})

describe('SubnetManager.nextNetuid()', () => {
  it('public: always 1; getNextNetuid() is the id the next registration gets', () =>
    inWorld('public', async (w) => {
      expect(await smRead(w, 'nextNetuid')).toBe(1)
      expect(((await smRead<unknown[]>(w, 'getNetworkParams')) as unknown[])[6]).toBe(1)
      expect(await smRead(w, 'getNextNetuid')).toBe(2)
      await w.env.mine(2)
      expect((await w.env.registerSubnet(w.alice)).netuid).toBe(2)
      expect(await smRead(w, 'nextNetuid')).toBe(1)
      expect(await smRead(w, 'getNextNetuid')).toBe(3)
    }))

  it('fixed: the id the next registration gets', () =>
    inWorld('fixed', async (w) => {
      expect(await smRead(w, 'nextNetuid')).toBe(2)
      expect(((await smRead<unknown[]>(w, 'getNetworkParams')) as unknown[])[6]).toBe(2)
      await w.env.mine(2)
      expect((await w.env.registerSubnet(w.alice)).netuid).toBe(2)
      expect(await smRead(w, 'nextNetuid')).toBe(3)
    }))
})

describe('SubnetManager.updateSubnetHyperparams', () => {
  const update = async (w: World) => {
    const params = { ...(await smRead<Record<string, unknown>>(w, 'getSubnetParams', [NETUID])) }
    Object.assign(params, { weightsRateLimit: 8000n, tempo: 50 })
    const receipt = await smWrite(w, w.owner, 'updateSubnetHyperparams', [NETUID, params])
    expect(await smRead(w, 'getSubnetParams', [NETUID])).toEqual(params)
    return { receipt, params }
  }

  it('public: stores the parameters and emits no event', () =>
    inWorld('public', async (w) => {
      const { receipt } = await update(w)
      expect(receipt.logs).toEqual([])
    }))

  it('fixed: emits SubnetHyperparamsUpdated(netuid, hyperparams)', () =>
    inWorld('fixed', async (w) => {
      const { receipt, params } = await update(w)
      expect(receipt.logs.map((l) => decodeEventLog({ abi: SubnetManagerAbi, ...l }))).toEqual([
        { eventName: 'SubnetHyperparamsUpdated', args: { netuid: NETUID, hyperparams: params } },
      ])
    }))
})

describe('selling Alpha that was never bought from the pool', () => {
  /** The system injects 2000 HETU (so HETU → out is possible) and mints 10 Alpha to alice as a reward. */
  async function sellRewards(w: World) {
    const { env, pool } = w
    await env.wrap(env.system, E(2000))
    await env.approve(env.system, env.net.contracts.WHETU, pool, E(2000))
    await call(w, env.system, pool, SubnetAMMAbi, 'injectLiquidity', [E(2000), 0n])
    await mintAsSystem(w, w.alice.address, E(10))
    await env.approve(w.alice, w.alpha, pool, E(10))
    expect(await read(w, pool, SubnetAMMAbi, 'subnetAlphaOut')).toBe(0n)
    expect(await read<bigint>(w, pool, SubnetAMMAbi, 'simSwapAlphaForHETU', [E(10)])).toBeGreaterThan(0n)
    return revertOf(call(w, w.alice, pool, SubnetAMMAbi, 'swapAlphaForHETU', [E(10), 0n, w.alice.address]))
  }

  it('public: panics with an arithmetic underflow (Panic 0x11)', () =>
    inWorld('public', async (w) => {
      expect(await sellRewards(w)).toBe('Panic(0x11)')
    }))

  it('fixed: reverts AMM: INSUFFICIENT_ALPHA_OUT', () =>
    inWorld('fixed', async (w) => {
      expect(await sellRewards(w)).toBe('AMM: INSUFFICIENT_ALPHA_OUT')
    }))
})
