// SubnetManager on a real localnet: the subnet happy path (docs/contracts.md#call-order), every revert of
// docs/contracts.md#subnetmanager, the lock-cost schedule and its example (docs/contracts.md#lock-cost), and
// the fixed quirks (default hyperparameters validate, nextNetuid is right, updateSubnetHyperparams emits an
// event, pool squatting and permit mismatch fail).
import {
  type Abi,
  type Address,
  decodeEventLog,
  decodeFunctionResult,
  encodeFunctionData,
  getAddress,
  type Hex,
  keccak256,
  pad,
  parseEther,
  parseSignature,
  toHex,
  zeroAddress,
} from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  AlphaTokenAbi,
  SubnetAMMAbi,
  SubnetAMMFactoryAbi,
  SubnetManagerAbi,
  WHETUAbi,
} from '../../src/chain/abi/index.js'
import { DEAD_ADDRESS } from '../../src/localnet/deploy.js'
import { networkRegistered, revertOf, type SubnetEnv, startSubnetEnv } from './subnet-env.js'

/** Gas of registerNetwork measured on the reference contracts (spec Appendix A). */
const REFERENCE_REGISTER_GAS = 3_577_186n
const MIN_LOCK = parseEther('100')
const INTERVAL = 14_400n

/**
 * The defaults of docs/contracts.md#hyperparameters as getters return them (uint16 → number, wider → bigint).
 */
const DEFAULT_HYPERPARAMS = {
  rho: 10,
  kappa: 32767,
  immunityPeriod: 7200,
  tempo: 99,
  maxValidators: 64,
  activityCutoff: 5000,
  maxAllowedUids: 4096,
  maxAllowedValidators: 128,
  minAllowedWeights: 8,
  maxWeightsLimit: 1000,
  baseNeuronCost: parseEther('1'),
  currentDifficulty: 10_000_000n,
  targetRegsPerInterval: 2,
  maxRegsPerBlock: 1,
  weightsRateLimit: 8000n, // the reference's 15000 fails its own validation
  registrationAllowed: true,
  commitRevealEnabled: false,
  commitRevealPeriod: 1000n,
  servingRateLimit: 50n,
  validatorThreshold: parseEther('500'),
  neuronThreshold: parseEther('200'),
}
type Hyperparams = typeof DEFAULT_HYPERPARAMS

const NO_FLAGS = Array<boolean>(21).fill(false)
/** Reverts bubbling up from WHETU (allowance, permit) decode with its errors next to the manager's. */
const SM_WITH_TOKEN_ERRORS = [...SubnetManagerAbi, ...WHETUAbi.filter((i) => i.type === 'error')] as Abi

/**
 * The lock cost formula of docs/contracts.md#lock-cost at block `b` after a lock of `last` at block
 * `lastBlock`.
 */
function lockCost(last: bigint, lastBlock: bigint, b: bigint, min = MIN_LOCK, interval = INTERVAL): bigint {
  let cost = last * 2n
  if (b > lastBlock) {
    const reduction = (last * (b - lastBlock)) / interval
    cost = cost > reduction ? cost - reduction : min
  }
  return cost < min ? min : cost
}

let env: SubnetEnv
let sm: Address
let owner: SubnetEnv['accounts'][number]
let alice: SubnetEnv['accounts'][number]
let bob: SubnetEnv['accounts'][number]

const read = <const F extends string>(functionName: F, args: readonly unknown[] = []) =>
  env.client.readContract({
    address: sm,
    abi: SubnetManagerAbi,
    functionName,
    args,
  } as never) as Promise<never>
const smWrite = (from: SubnetEnv['accounts'][number], functionName: string, args: unknown[] = []) =>
  env.write(from, { address: sm, abi: SM_WITH_TOKEN_ERRORS, functionName, args })
const register = (from: SubnetEnv['accounts'][number], args: unknown[] = ['Net', 'desc', 'Alpha', 'ALPHA']) =>
  smWrite(from, 'registerNetwork', args)
const cost = () => read('getNetworkLockCost') as Promise<bigint>
/** getNetworkLockCost evaluated as if in block `number` (an eth_call block override). */
async function costAt(number: bigint): Promise<bigint> {
  const { data } = await env.client.call({
    to: sm,
    data: encodeFunctionData({ abi: SubnetManagerAbi, functionName: 'getNetworkLockCost' }),
    blockOverrides: { number },
  })
  return decodeFunctionResult({ abi: SubnetManagerAbi, functionName: 'getNetworkLockCost', data: data! })
}

beforeAll(async () => {
  env = await startSubnetEnv({ rules: 'fixed' })
  sm = env.net.contracts.SubnetManager
  ;[owner, alice, bob] = env.accounts as [typeof owner, typeof alice, typeof bob]
})
afterAll(() => env?.stop())

/** Runs `body` and rolls the chain back afterwards, pass or fail. */
async function isolated(body: () => Promise<void>) {
  const snapshot = await env.snapshot()
  try {
    await body()
  } finally {
    await env.revert(snapshot)
  }
}

describe('subnet happy path (docs/contracts.md#call-order)', () => {
  it('registers a subnet with a seeded pool, cheaper than the reference', async () => {
    expect(await cost()).toBe(MIN_LOCK)
    const whetuBefore = await env.client.readContract({
      address: env.net.contracts.WHETU,
      abi: WHETUAbi,
      functionName: 'balanceOf',
      args: [alice.address],
    })
    const { netuid, alphaToken, ammPool, receipt } = await env.registerSubnet(alice, {
      name: 'Text generation',
      description: 'LLM prompts',
      tokenName: 'Text Alpha',
      tokenSymbol: 'TXT',
    })
    expect(receipt.gasUsed).toBeLessThan(REFERENCE_REGISTER_GAS)
    expect(netuid).toBe(1)

    // NetworkRegistered is the last log of the transaction; topic[1] is the netuid.
    const last = receipt.logs.at(-1)!
    expect(getAddress(last.address)).toBe(sm)
    expect(BigInt(last.topics[1]!)).toBe(1n)
    const event = networkRegistered(receipt, sm)
    expect(event).toEqual({
      netuid: 1,
      owner: alice.address,
      alphaToken,
      ammPool,
      lockedAmount: MIN_LOCK,
      poolAmount: MIN_LOCK,
      burnedAmount: 0n,
      name: 'Text generation',
      hyperparams: DEFAULT_HYPERPARAMS,
    })

    const info = {
      netuid: 1,
      owner: alice.address,
      alphaToken,
      ammPool,
      lockedAmount: MIN_LOCK,
      poolInitialTao: MIN_LOCK,
      burnedAmount: 0n,
      createdAt: (await env.client.getBlock({ blockNumber: receipt.blockNumber })).timestamp,
      isActive: false,
      name: 'Text generation',
      description: 'LLM prompts',
    }
    expect(await read('getSubnetInfo', [1])).toEqual(info)
    expect(await read('subnets', [1])).toEqual(Object.values(info))
    expect(await read('getSubnetParams', [1])).toEqual(DEFAULT_HYPERPARAMS)
    expect(await read('getSubnetHyperparams', [1])).toEqual(DEFAULT_HYPERPARAMS)
    expect(await read('subnetHyperparams', [1])).toEqual(Object.values(DEFAULT_HYPERPARAMS))
    expect(await read('subnetExists', [1])).toBe(true)
    expect(await read('isSubnetActive', [1])).toBe(false)
    expect(await read('getUserSubnets', [alice.address])).toEqual([1])
    expect(await read('ownerSubnets', [alice.address, 0n])).toBe(1)
    expect(await read('totalNetworks')).toBe(1)
    expect(await read('nextNetuid')).toBe(2)
    expect(await read('getNextNetuid')).toBe(2)
    expect(await read('networkLastLock')).toBe(MIN_LOCK)
    expect(await read('networkLastLockBlock')).toBe(receipt.blockNumber)
    expect(await read('getNetworkParams')).toEqual([
      MIN_LOCK,
      MIN_LOCK,
      receipt.blockNumber,
      1n,
      INTERVAL,
      1,
      2,
    ])
    expect(await read('systemAddress')).toBe(env.net.systemAddress)
    expect(await read('ammFactory')).toBe(env.net.contracts.SubnetAMMFactory)
    expect(await read('hetuToken')).toBe(env.net.contracts.WHETU)

    // Alpha: 100 minted to the manager and moved into the pool; the manager is owner and minter.
    const alpha = (functionName: string, args: unknown[] = []) =>
      env.client.readContract({
        address: alphaToken,
        abi: AlphaTokenAbi,
        functionName,
        args,
      } as never) as Promise<unknown>
    expect(await alpha('name')).toBe('Text Alpha')
    expect(await alpha('symbol')).toBe('TXT')
    expect(await alpha('decimals')).toBe(18)
    expect(await alpha('totalSupply')).toBe(MIN_LOCK)
    expect(await alpha('balanceOf', [ammPool])).toBe(MIN_LOCK)
    expect(await alpha('balanceOf', [sm])).toBe(0n)
    expect(await alpha('netuid')).toBe(1)
    expect(await alpha('owner')).toBe(sm)
    expect(await alpha('subnetManager')).toBe(sm)
    expect(await alpha('authorized_minters', [sm])).toBe(true)
    expect(await alpha('systemAddress')).toBe(env.net.systemAddress)

    // Pool: Dynamic, 100/100, prices not refreshed yet, minimum liquidity 1000.
    expect(
      await env.client.readContract({ address: ammPool, abi: SubnetAMMAbi, functionName: 'getPoolInfo' }),
    ).toEqual([1, MIN_LOCK, MIN_LOCK, 0n, 0n, 0n, 0n, parseEther('1000')])
    const factory = env.net.contracts.SubnetAMMFactory
    expect(
      await env.client.readContract({
        address: factory,
        abi: SubnetAMMFactoryAbi,
        functionName: 'getPool',
        args: [1],
      }),
    ).toBe(ammPool)

    // The lock left alice; the manager keeps nothing (all of it seeds the pool).
    const balance = (who: Address) =>
      env.client.readContract({
        address: env.net.contracts.WHETU,
        abi: WHETUAbi,
        functionName: 'balanceOf',
        args: [who],
      })
    expect(whetuBefore - (await balance(alice.address))).toBe(MIN_LOCK)
    expect(await balance(sm)).toBe(0n)
    expect(await balance(ammPool)).toBe(MIN_LOCK)

    expect(await read('getSubnetDetails', [1])).toEqual([info, 0n, 0n, MIN_LOCK, MIN_LOCK])
  })

  it('activates (owner only, once) and adds the emission module as Alpha minter', async () => {
    expect(await revertOf(smWrite(bob, 'activateSubnet', [1]))).toBe('NOT_OWNER')
    const receipt = await smWrite(alice, 'activateSubnet', [1])
    const block = await env.client.getBlock({ blockNumber: receipt.blockNumber })
    const event = decodeEventLog({ abi: SubnetManagerAbi, ...receipt.logs[0]! })
    expect(event).toEqual({
      eventName: 'SubnetActivated',
      args: { netuid: 1, owner: alice.address, timestamp: block.timestamp, blockNumber: receipt.blockNumber },
    })
    expect(await read('isSubnetActive', [1])).toBe(true)
    expect(await revertOf(smWrite(alice, 'activateSubnet', [1]))).toBe('SUBNET_ALREADY_ACTIVE')

    const { alphaToken } = (await read('getSubnetInfo', [1])) as { alphaToken: Address }
    const added = await smWrite(alice, 'addSubnetMinter', [1, env.net.systemAddress])
    expect(decodeEventLog({ abi: AlphaTokenAbi, ...added.logs[0]! })).toEqual({
      eventName: 'MinterAdded',
      args: { minter: env.net.systemAddress },
    })
    expect(
      await env.client.readContract({
        address: alphaToken,
        abi: AlphaTokenAbi,
        functionName: 'authorized_minters',
        args: [env.net.systemAddress],
      }),
    ).toBe(true)
  })

  it('charges twice the last lock next time and sends the excess to 0x…dEaD', async () => {
    const dead = () =>
      env.client.readContract({
        address: env.net.contracts.WHETU,
        abi: WHETUAbi,
        functionName: 'balanceOf',
        args: [DEAD_ADDRESS],
      })
    const deadBefore = await dead()
    const lastBlock = (await read('networkLastLockBlock')) as bigint
    const { netuid, receipt } = await env.registerSubnet(bob)
    const expected = lockCost(MIN_LOCK, lastBlock, receipt.blockNumber)
    expect(expected).toBeGreaterThan(MIN_LOCK)
    const event = networkRegistered(receipt, sm)
    expect(netuid).toBe(2)
    expect(event.lockedAmount).toBe(expected)
    expect(event.poolAmount).toBe(MIN_LOCK)
    expect(event.burnedAmount).toBe(expected - MIN_LOCK)
    expect((await dead()) - deadBefore).toBe(expected - MIN_LOCK)
    expect(await read('getUserSubnets', [bob.address])).toEqual([2])
    expect(await read('totalNetworks')).toBe(2)
  })
})

describe('network lock cost schedule (docs/contracts.md#lock-cost example)', () => {
  it('100 → 200 in the same block → ≈192.94 about 1011 blocks later → floor', () =>
    isolated(async () => {
      await smWrite(owner, 'resetNetworkLockState')
      expect(await read('networkLastLock')).toBe(0n)
      expect(await cost()).toBe(MIN_LOCK)
      await env.mine(2) // rate limit: block > lastLockBlock + 1

      const { receipt } = await env.registerSubnet(alice)
      expect(networkRegistered(receipt, sm).lockedAmount).toBe(MIN_LOCK)
      const paidAt = receipt.blockNumber
      expect(await env.blockNumber()).toBe(paidAt)
      expect(await cost()).toBe(parseEther('200')) // same block

      await env.mine(1011)
      expect(await cost()).toBe(parseEther('200') - (MIN_LOCK * 1011n) / INTERVAL) // 192.979…
      await env.mine(5)
      expect(await cost()).toBe(192_944_444_444_444_444_445n) // docs/contracts.md#lock-cost: "about 192.94"

      // Further out, evaluated at future block numbers rather than mining ~29 000 blocks.
      expect(await costAt(paidAt + INTERVAL - 1n)).toBe(100_006_944_444_444_444_445n) // just above
      expect(await costAt(paidAt + INTERVAL)).toBe(MIN_LOCK)
      expect(await costAt(paidAt + 2n * INTERVAL)).toBe(MIN_LOCK)
      for (const n of [0n, 1n, 1011n, 7200n, 14_399n, 14_400n, 30_000n]) {
        expect(await costAt(paidAt + n)).toBe(lockCost(MIN_LOCK, paidAt, paidAt + n))
      }
    }))

  it('after a lock above the floor it decays to the floor within 2I blocks', () =>
    isolated(async () => {
      await env.mine(2)
      await env.registerSubnet(alice)
      await env.mine(1)
      const { receipt } = await env.registerSubnet(alice)
      const paid = networkRegistered(receipt, sm).lockedAmount
      const at = receipt.blockNumber
      expect(paid).toBeGreaterThan(MIN_LOCK)
      expect(await cost()).toBe(paid * 2n)
      expect(await costAt(at + INTERVAL)).toBe(paid)
      expect(await costAt(at + 2n * INTERVAL - 1n)).toBe(MIN_LOCK)
      expect(await costAt(at + 2n * INTERVAL)).toBe(MIN_LOCK)
      for (const n of [1n, 100n, 14_400n, 20_000n, 28_799n]) {
        expect(await costAt(at + n)).toBe(lockCost(paid, at, at + n))
      }
      await env.mine(300) // and the chain agrees with the override
      expect(await cost()).toBe(lockCost(paid, at, at + 300n))
    }))

  it('enforces the network-wide rate limit (public default 1000 blocks)', () =>
    isolated(async () => {
      await smWrite(owner, 'updateNetworkParams', [MIN_LOCK, 1000n, INTERVAL])
      const last = (await read('networkLastLockBlock')) as bigint
      const c = await cost()
      await env.approve(alice, env.net.contracts.WHETU, sm, c)
      const gap = last + 1000n - (await env.blockNumber()) - 1n // the next tx lands at last + 1000
      if (gap > 0n) await env.mine(gap)
      expect(await revertOf(register(alice))).toBe('RATE_LIMIT_EXCEEDED')
      await env.mine(1) // now the next block is last + 1001
      const receipt = await register(alice)
      expect(receipt.blockNumber).toBe(last + 1001n)
    }))
})

describe('SubnetManager reverts (docs/contracts.md#subnetmanager)', () => {
  it('checks the names, then the rate limit, then the payment', async () => {
    await env.mine(2)
    expect(await revertOf(register(alice, ['', '', '', '']))).toBe('EMPTY_NAME')
    expect(await revertOf(register(alice, ['n', '', '', '']))).toBe('EMPTY_TOKEN_NAME')
    expect(await revertOf(register(alice, ['n', '', 't', '']))).toBe('EMPTY_TOKEN_SYMBOL')
    await env.approve(alice, env.net.contracts.WHETU, sm, 0n)
    expect(await revertOf(register(alice, ['n', '', 't', 'T']))).toBe('ERC20InsufficientAllowance')

    await env.approve(alice, env.net.contracts.WHETU, sm, parseEther('10000'))
    await register(alice, ['n', '', 't', 'T']) // the description may be empty
    expect(await revertOf(register(alice))).toBe('RATE_LIMIT_EXCEEDED') // next block = last + 1
    expect(await revertOf(register(alice, ['', '', '', '']))).toBe('EMPTY_NAME') // names first
  })

  it('validates merged custom hyperparameters before anything else', async () => {
    await env.mine(2)
    const custom: Hyperparams = { ...DEFAULT_HYPERPARAMS, weightsRateLimit: 15_000n }
    const flags = NO_FLAGS.map((_, i) => i === 14)
    const args = (name: string) => [name, '', 'Alpha', 'A', custom, flags]
    expect(await revertOf(smWrite(alice, 'registerNetworkWithPartialCustom', args('')))).toBe(
      'INVALID_MERGED_HYPERPARAMS',
    )
    custom.weightsRateLimit = 7200n // must be > immunityPeriod
    expect(await revertOf(smWrite(alice, 'registerNetworkWithPartialCustom', args('n')))).toBe(
      'INVALID_MERGED_HYPERPARAMS',
    )
    custom.weightsRateLimit = 9000n
    custom.tempo = 360
    flags[3] = true
    const receipt = await smWrite(alice, 'registerNetworkWithPartialCustom', args('n'))
    const event = networkRegistered(receipt, sm)
    expect(event.hyperparams).toEqual({ ...DEFAULT_HYPERPARAMS, weightsRateLimit: 9000n, tempo: 360 })
    expect(await read('getSubnetParams', [event.netuid])).toEqual(event.hyperparams)
    expect(await read('subnetHyperparams', [event.netuid])).toEqual(Object.values(event.hyperparams))
  })

  it('rejects unknown subnets and non-owners', async () => {
    const unknown = 999
    for (const view of [
      'isSubnetActive',
      'getSubnetInfo',
      'getSubnetParams',
      'getSubnetHyperparams',
      'getSubnetDetails',
    ]) {
      expect(await revertOf(read(view, [unknown]))).toBe('SUBNET_NOT_EXISTS')
    }
    expect(await read('subnetExists', [unknown])).toBe(false)
    expect(await read('subnets', [unknown])).toEqual([
      0,
      zeroAddress,
      zeroAddress,
      zeroAddress,
      0n,
      0n,
      0n,
      0n,
      false,
      '',
      '',
    ])
    expect(await read('subnetHyperparams', [unknown])).toEqual(
      Object.values(DEFAULT_HYPERPARAMS).map((v) =>
        typeof v === 'boolean' ? false : typeof v === 'bigint' ? 0n : 0,
      ),
    )
    expect(await revertOf(smWrite(alice, 'activateSubnet', [unknown]))).toBe('SUBNET_NOT_EXISTS')
    expect(await revertOf(smWrite(alice, 'addSubnetMinter', [unknown, bob.address]))).toBe(
      'SUBNET_NOT_EXISTS',
    )
    expect(await revertOf(smWrite(alice, 'removeSubnetMinter', [unknown, bob.address]))).toBe(
      'SUBNET_NOT_EXISTS',
    )
    expect(await revertOf(smWrite(owner, 'updateSubnetHyperparams', [unknown, DEFAULT_HYPERPARAMS]))).toBe(
      'SUBNET_NOT_EXISTS',
    )
  })

  it('manages Alpha minters for the subnet owner only', async () => {
    expect(await revertOf(smWrite(bob, 'addSubnetMinter', [1, bob.address]))).toBe('NOT_SUBNET_OWNER')
    expect(await revertOf(smWrite(bob, 'removeSubnetMinter', [1, env.net.systemAddress]))).toBe(
      'NOT_SUBNET_OWNER',
    )
    expect(await revertOf(smWrite(alice, 'addSubnetMinter', [1, zeroAddress]))).toBe('ZERO_MINTER_ADDRESS')
    expect(await revertOf(smWrite(alice, 'removeSubnetMinter', [1, zeroAddress]))).toBe('ZERO_MINTER_ADDRESS')
    expect(await revertOf(smWrite(alice, 'addSubnetMinter', [1, sm]))).toBe('CANNOT_ADD_SELF')
    const withAlphaErrors = [...SubnetManagerAbi, ...AlphaTokenAbi.filter((i) => i.type === 'error')] as Abi
    const call = (functionName: string, minter: Address) =>
      env.write(alice, { address: sm, abi: withAlphaErrors, functionName, args: [1, minter] })
    expect(await revertOf(call('addSubnetMinter', env.net.systemAddress))).toBe('AlphaToken: ALREADY_MINTER')
    expect(await revertOf(call('removeSubnetMinter', sm))).toBe('AlphaToken: CANNOT_REMOVE_SUBNET_MANAGER')
    expect(await revertOf(call('removeSubnetMinter', bob.address))).toBe('AlphaToken: NOT_AUTHORIZED_MINTER')
    const removed = await call('removeSubnetMinter', env.net.systemAddress)
    expect(decodeEventLog({ abi: AlphaTokenAbi, ...removed.logs[0]! })).toEqual({
      eventName: 'MinterRemoved',
      args: { minter: env.net.systemAddress },
    })
    await call('addSubnetMinter', env.net.systemAddress)
  })

  it('keeps the admin functions to the owner, with range checks', () =>
    isolated(async () => {
      for (const [fn, args] of [
        ['updateNetworkParams', [1n, 1n, 1n]],
        ['updateNetworkConfig', [MIN_LOCK, 1000n, INTERVAL]],
        ['resetNetworkLockState', []],
        ['updateSubnetHyperparams', [1, DEFAULT_HYPERPARAMS]],
      ] as const) {
        expect(await revertOf(smWrite(alice, fn, [...args]))).toBe('OwnableUnauthorizedAccount')
      }
      expect(await revertOf(smWrite(owner, 'updateNetworkParams', [0n, 1n, 1n]))).toBe('MIN_LOCK_ZERO')
      expect(await revertOf(smWrite(owner, 'updateNetworkParams', [1n, 0n, 1n]))).toBe('RATE_LIMIT_ZERO')
      expect(await revertOf(smWrite(owner, 'updateNetworkParams', [1n, 1n, 0n]))).toBe(
        'REDUCTION_INTERVAL_ZERO',
      )

      const config = (minLock: bigint, rate: bigint, interval: bigint) =>
        smWrite(owner, 'updateNetworkConfig', [minLock, rate, interval])
      expect(await revertOf(config(parseEther('0.5'), 1000n, INTERVAL))).toBe('INVALID_MIN_LOCK')
      expect(await revertOf(config(parseEther('10001'), 1000n, INTERVAL))).toBe('INVALID_MIN_LOCK')
      expect(await revertOf(config(MIN_LOCK, 99n, INTERVAL))).toBe('INVALID_RATE_LIMIT')
      expect(await revertOf(config(MIN_LOCK, 50_001n, INTERVAL))).toBe('INVALID_RATE_LIMIT')
      expect(await revertOf(config(MIN_LOCK, 1000n, 999n))).toBe('INVALID_INTERVAL')
      expect(await revertOf(config(MIN_LOCK, 1000n, 100_001n))).toBe('INVALID_INTERVAL')
      const receipt = await config(parseEther('50'), 500n, 2000n)
      const events = receipt.logs.map((log) => ({
        topic: log.topics[1],
        ...decodeEventLog({ abi: SubnetManagerAbi, ...log }),
      }))
      expect(events).toEqual(
        [
          ['networkMinLock', MIN_LOCK, parseEther('50')],
          ['networkRateLimit', 1n, 500n],
          ['lockReductionInterval', INTERVAL, 2000n],
        ].map(([name, oldValue, newValue]) => ({
          topic: keccak256(toHex(name as string)), // indexed string: the topic is its hash
          eventName: 'NetworkConfigUpdated',
          args: { paramName: keccak256(toHex(name as string)), oldValue, newValue, updater: owner.address },
        })),
      )
      expect(((await read('getNetworkParams')) as unknown[]).slice(0, 5)).toEqual([
        parseEther('50'),
        await read('networkLastLock'),
        await read('networkLastLockBlock'),
        500n,
        2000n,
      ])
    }))

  it('refuses zero constructor arguments', async () => {
    const factory = env.net.contracts.SubnetAMMFactory
    expect(await env.deployRevertOf('SubnetManager', [zeroAddress, factory])).toBe('ZERO_HETU_ADDRESS')
    expect(await env.deployRevertOf('SubnetManager', [env.net.contracts.WHETU, zeroAddress])).toBe(
      'ZERO_FACTORY_ADDRESS',
    )
  })
})

describe('fixed quirks of the reference SubnetManager', () => {
  it('the default hyperparameters pass its own validation', async () => {
    await env.mine(2)
    const c = await cost()
    await env.approve(bob, env.net.contracts.WHETU, sm, c)
    // Reference: all flags false → INVALID_MERGED_HYPERPARAMS (weightsRateLimit 15000 > 10000).
    const receipt = await smWrite(bob, 'registerNetworkWithPartialCustom', [
      'n',
      '',
      'A',
      'A',
      DEFAULT_HYPERPARAMS,
      NO_FLAGS,
    ])
    const { netuid, hyperparams } = networkRegistered(receipt, sm)
    expect(hyperparams).toEqual(DEFAULT_HYPERPARAMS)
    await smWrite(owner, 'updateSubnetHyperparams', [netuid, await read('getSubnetParams', [1])])
  })

  it('nextNetuid() is the id the next registration gets', async () => {
    await env.mine(2)
    const next = (await read('nextNetuid')) as number
    expect(next).toBeGreaterThan(2)
    expect(await read('getNextNetuid')).toBe(next)
    expect(((await read('getNetworkParams')) as unknown[])[6]).toBe(next)
    const { netuid } = await env.registerSubnet(alice)
    expect(netuid).toBe(next)
    expect(await read('nextNetuid')).toBe(next + 1)
    expect(await read('totalNetworks')).toBe(next)
  })

  it('updateSubnetHyperparams validates, stores and emits SubnetHyperparamsUpdated', async () => {
    const params: Hyperparams = { ...DEFAULT_HYPERPARAMS, tempo: 50, validatorThreshold: parseEther('1000') }
    expect(
      await revertOf(smWrite(owner, 'updateSubnetHyperparams', [1, { ...params, neuronThreshold: 0n }])),
    ).toBe('INVALID_HYPERPARAMS')
    const receipt = await smWrite(owner, 'updateSubnetHyperparams', [1, params])
    expect(decodeEventLog({ abi: SubnetManagerAbi, ...receipt.logs[0]! })).toEqual({
      eventName: 'SubnetHyperparamsUpdated',
      args: { netuid: 1, hyperparams: params },
    })
    expect(await read('getSubnetParams', [1])).toEqual(params)
    expect(await read('subnetHyperparams', [1])).toEqual(Object.values(params))
  })

  it('nobody can squat the pool of the next netuid (createPool is the manager’s)', async () => {
    const attacker = env.accounts[7]!
    const next = (await read('getNextNetuid')) as number
    const factory = env.net.contracts.SubnetAMMFactory
    const squat = env.write(attacker, {
      address: factory,
      abi: SubnetAMMFactoryAbi,
      functionName: 'createPool',
      args: [env.net.contracts.WHETU, attacker.address, next, attacker.address, 1, parseEther('1000')],
    })
    expect(await revertOf(squat)).toBe('Factory: ONLY_SUBNET_MANAGER')
    const setManager = env.write(attacker, {
      address: factory,
      abi: SubnetAMMFactoryAbi,
      functionName: 'setSubnetManager',
      args: [attacker.address],
    })
    expect(await revertOf(setManager)).toBe('Factory: ONLY_CREATOR')
    await env.mine(2)
    expect((await env.registerSubnet(bob)).netuid).toBe(next)
  })

  it('netuids run out cleanly at 65535 (NETUID_OVERFLOW)', () =>
    isolated(async () => {
      // Slot 4 packs totalNetworks (low 16 bits) and nextNetuid (next 16 bits); check before writing.
      const slot = pad(toHex(4))
      const total = (await read('totalNetworks')) as number
      const next = (await read('nextNetuid')) as number
      const raw = await env.client.getStorageAt({ address: sm, slot })
      expect(BigInt(raw!)).toBe(BigInt(total) | (BigInt(next) << 16n))
      await env.client.request({
        method: 'anvil_setStorageAt' as never,
        params: [sm, slot, pad(toHex(BigInt(total) | (65535n << 16n)))] as never,
      })
      await env.mine(2)
      expect((await env.registerSubnet(alice)).netuid).toBe(65535)
      expect(await read('nextNetuid')).toBe(0)
      expect(await revertOf(read('getNextNetuid'))).toBe('NETUID_OVERFLOW')
      await env.mine(2)
      await env.approve(alice, env.net.contracts.WHETU, sm, parseEther('100000'))
      expect(await revertOf(register(alice))).toBe('NETUID_OVERFLOW')
    }))
})

describe('registration with an EIP-2612 permit', () => {
  async function signPermit(from: SubnetEnv['accounts'][number], value: bigint, deadline: bigint) {
    const nonce = await env.client.readContract({
      address: env.net.contracts.WHETU,
      abi: WHETUAbi,
      functionName: 'nonces',
      args: [from.address],
    })
    const signature = await from.signTypedData({
      domain: {
        name: 'Wrapped HETU',
        version: '1',
        chainId: env.net.chainId,
        verifyingContract: env.net.contracts.WHETU,
      },
      types: {
        Permit: [
          { name: 'owner', type: 'address' },
          { name: 'spender', type: 'address' },
          { name: 'value', type: 'uint256' },
          { name: 'nonce', type: 'uint256' },
          { name: 'deadline', type: 'uint256' },
        ],
      },
      primaryType: 'Permit',
      message: { owner: from.address, spender: sm, value, nonce, deadline },
    })
    const { v, r, s } = parseSignature(signature)
    return [deadline, Number(v), r, s] as [bigint, number, Hex, Hex]
  }

  it('approves exactly the lock cost at inclusion in the same transaction', () =>
    isolated(async () => {
      await smWrite(owner, 'resetNetworkLockState') // the cost stays at the floor, so it is known in advance
      await env.mine(2)
      await env.approve(alice, env.net.contracts.WHETU, sm, 0n)
      const deadline = BigInt(Math.floor(Date.now() / 1000) + 3600)
      const receipt = await smWrite(alice, 'registerNetworkWithPermit', [
        'p',
        '',
        'P',
        'P',
        ...(await signPermit(alice, MIN_LOCK, deadline)),
      ])
      expect(networkRegistered(receipt, sm).lockedAmount).toBe(MIN_LOCK)

      // Now the cost is 200: a permit for 100 no longer matches the value the manager asks for.
      await env.mine(2)
      const custom = [DEFAULT_HYPERPARAMS, NO_FLAGS]
      const stale = await signPermit(alice, MIN_LOCK, deadline)
      expect(
        await revertOf(
          smWrite(alice, 'registerNetworkWithPartialCustomAndPermit', [
            'q',
            '',
            'Q',
            'Q',
            ...custom,
            ...stale,
          ]),
        ),
      ).toBe('ERC2612InvalidSigner')
    }))

  it('also with custom hyperparameters', () =>
    isolated(async () => {
      await smWrite(owner, 'resetNetworkLockState')
      await env.mine(2)
      const deadline = BigInt(Math.floor(Date.now() / 1000) + 3600)
      const custom = { ...DEFAULT_HYPERPARAMS, maxAllowedUids: 256 }
      const flags = NO_FLAGS.map((_, i) => i === 6)
      const receipt = await smWrite(bob, 'registerNetworkWithPartialCustomAndPermit', [
        'q',
        'with permit',
        'Q',
        'Q',
        custom,
        flags,
        ...(await signPermit(bob, MIN_LOCK, deadline)),
      ])
      expect(networkRegistered(receipt, sm).hyperparams).toEqual(custom)
    }))
})
