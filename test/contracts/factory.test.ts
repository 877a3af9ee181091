// SubnetAMMFactory (docs/contracts.md#subnetammfactory) deployed standalone so its creator can wire an EOA as
// "SubnetManager" and reach every check of createPool directly; the pools it makes also exercise the Stable
// (1:1) mechanism.
import { type Address, decodeEventLog, parseEther, zeroAddress } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AlphaTokenAbi, SubnetAMMAbi, SubnetAMMFactoryAbi, WHETUAbi } from '../../src/chain/abi/index.js'
import { revertOf, type SubnetEnv, startSubnetEnv } from './subnet-env.js'

type Account = SubnetEnv['accounts'][number]
let env: SubnetEnv
let factory: Address
let creator: Account // deploys the factory and plays the SubnetManager
let system: Account // the factory's system address (an EOA here, so it can inject directly)
let trader: Account
let stranger: Account
let whetu: Address
let alpha: Address

const STABLE = 0
const DYNAMIC = 1
const MIN = parseEther('10')

const read = (functionName: string, args: unknown[] = []) =>
  env.client.readContract({
    address: factory,
    abi: SubnetAMMFactoryAbi,
    functionName,
    args,
  } as never) as Promise<never>
const call = (from: Account, functionName: string, args: unknown[] = []) =>
  env.write(from, { address: factory, abi: SubnetAMMFactoryAbi, functionName, args })
const createPool = (
  from: Account,
  args: Partial<{
    hetu: Address
    alpha: Address
    netuid: number
    subnet: Address
    mechanism: number
    min: bigint
  }> = {},
) =>
  call(from, 'createPool', [
    args.hetu ?? whetu,
    args.alpha ?? alpha,
    args.netuid ?? 5,
    args.subnet ?? creator.address,
    args.mechanism ?? STABLE,
    args.min ?? MIN,
  ])

beforeAll(async () => {
  env = await startSubnetEnv({ rules: 'fixed' })
  ;[creator, system, trader, stranger] = env.accounts.slice(4) as [Account, Account, Account, Account]
  whetu = env.net.contracts.WHETU
  factory = await env.deploy('SubnetAMMFactory', [system.address, false], creator)
  alpha = await env.deploy(
    'AlphaToken',
    ['Stable Alpha', 'SA', creator.address, 5, system.address, false],
    creator,
  )
})
afterAll(() => env?.stop())

describe('SubnetAMMFactory', () => {
  it('refuses a zero system address', async () => {
    expect(await env.deployRevertOf('SubnetAMMFactory', [zeroAddress, false])).toBe(
      'Factory: ZERO_SYSTEM_ADDRESS',
    )
  })

  it('describes itself', async () => {
    const createdAt: bigint = await read('createdAt')
    expect(await read('creator')).toBe(creator.address)
    expect(await read('systemAddress')).toBe(system.address)
    expect(await read('subnetManager')).toBe(zeroAddress)
    expect(await read('getFactoryInfo')).toEqual([creator.address, system.address, createdAt, 0n])
    expect(await read('allPoolsLength')).toBe(0n)
  })

  it('is wired to its SubnetManager once, by its creator', async () => {
    expect(await revertOf(call(stranger, 'setSubnetManager', [stranger.address]))).toBe(
      'Factory: ONLY_CREATOR',
    )
    expect(await revertOf(call(creator, 'setSubnetManager', [zeroAddress]))).toBe('Factory: ZERO_ADDRESS')
    const receipt = await call(creator, 'setSubnetManager', [creator.address])
    expect(decodeEventLog({ abi: SubnetAMMFactoryAbi, ...receipt.logs[0]! })).toEqual({
      eventName: 'SubnetManagerSet',
      args: { subnetManager: creator.address },
    })
    expect(await read('subnetManager')).toBe(creator.address)
    expect(await revertOf(call(creator, 'setSubnetManager', [stranger.address]))).toBe(
      'Factory: SUBNET_MANAGER_SET',
    )
    expect(await revertOf(call(creator, 'setSubnetManager', [zeroAddress]))).toBe(
      'Factory: SUBNET_MANAGER_SET',
    )
  })

  it('creates pools for the SubnetManager only, checking its arguments in order', async () => {
    expect(await revertOf(createPool(stranger))).toBe('Factory: ONLY_SUBNET_MANAGER')
    expect(await revertOf(createPool(creator, { hetu: zeroAddress, alpha: zeroAddress }))).toBe(
      'Factory: ZERO_HETU_ADDRESS',
    )
    expect(await revertOf(createPool(creator, { alpha: zeroAddress }))).toBe('Factory: ZERO_ALPHA_ADDRESS')
    expect(await revertOf(createPool(creator, { alpha: whetu }))).toBe('Factory: IDENTICAL_ADDRESSES')
    expect(await revertOf(createPool(creator, { subnet: zeroAddress, min: 0n }))).toBe(
      'Factory: ZERO_SUBNET_ADDRESS',
    )
    expect(await revertOf(createPool(creator, { min: 0n }))).toBe('Factory: ZERO_MIN_LIQUIDITY')

    const receipt = await createPool(creator)
    const event = decodeEventLog({ abi: SubnetAMMFactoryAbi, ...receipt.logs.at(-1)! })
    const pool = (await read('getPool', [5])) as Address
    expect(event).toEqual({
      eventName: 'PoolCreated',
      args: { netuid: 5, hetuToken: whetu, alphaToken: alpha, pool, poolsLength: 1n },
    })
    expect(await read('isPool', [pool])).toBe(true)
    expect(await read('isPool', [stranger.address])).toBe(false)
    expect(await read('allPools', [0n])).toBe(pool)
    expect(await revertOf(createPool(creator, { min: 0n }))).toBe('Factory: POOL_EXISTS') // one pool per netuid

    await createPool(creator, { netuid: 6, mechanism: DYNAMIC, min: parseEther('1000') })
    const second = (await read('getPool', [6])) as Address
    expect(await read('allPoolsLength')).toBe(2n)
    expect(await read('getPoolsInfo', [0n, 1n])).toEqual([
      [pool, second],
      [5, 6],
      [STABLE, DYNAMIC],
      [0n, 0n],
    ])
    expect(await read('getPoolsInfo', [1n, 1n])).toEqual([[second], [6], [DYNAMIC], [0n]])
    expect(await revertOf(read('getPoolsInfo', [0n, 2n]))).toBe('Factory: INVALID_RANGE')
    expect(await revertOf(read('getPoolsInfo', [1n, 0n]))).toBe('Factory: INVALID_RANGE')
    expect(((await read('getFactoryInfo')) as unknown[])[3]).toBe(2n)
  })
})

describe('SubnetAMM with the Stable mechanism', () => {
  let pool: Address
  const amm = (functionName: string, args: unknown[] = []) =>
    env.client.readContract({
      address: pool,
      abi: SubnetAMMAbi,
      functionName,
      args,
    } as never) as Promise<never>
  const ammWrite = (from: Account, functionName: string, args: unknown[] = []) =>
    env.write(from, { address: pool, abi: SubnetAMMAbi, functionName, args })

  beforeAll(async () => {
    pool = (await read('getPool', [5])) as Address
  })

  it('takes liquidity from its system address and its subnet contract', async () => {
    expect(await amm('getSystemInfo')).toEqual([system.address, creator.address])
    expect(await amm('mechanism')).toBe(STABLE)
    expect(await amm('minimumPoolLiquidity')).toBe(MIN)
    for (const [who, amount] of [
      [creator, parseEther('30')],
      [system, parseEther('20')],
    ] as const) {
      await env.wrap(who, amount)
      await env.approve(who, whetu, pool, amount)
      await env.write(creator, {
        address: alpha,
        abi: AlphaTokenAbi,
        functionName: 'mint',
        args: [who.address, amount],
      })
      await env.approve(who, alpha, pool, amount)
      await ammWrite(who, 'injectLiquidity', [amount, amount])
    }
    expect(await amm('getTokenBalances')).toEqual([parseEther('50'), parseEther('50')])
  })

  it('swaps 1:1 while both reserves stay above the minimum', async () => {
    expect(await amm('simSwapHETUForAlpha', [parseEther('40')])).toBe(parseEther('40'))
    expect(await amm('simSwapHETUForAlpha', [parseEther('40') + 1n])).toBe(0n) // would leave < 10
    expect(await amm('calculateSlippage', [parseEther('10'), true])).toBe(0n)
    const preview = (await amm('getSwapPreview', [parseEther('10'), true])) as unknown[]
    expect(preview).toEqual([parseEther('10'), 0n, await amm('currentAlphaPrice'), true])

    const balance = (token: Address) =>
      env.client.readContract({
        address: token,
        abi: WHETUAbi,
        functionName: 'balanceOf',
        args: [trader.address],
      })
    const hetuBefore = await balance(whetu) // dev accounts start with WHETU on the localnet
    await env.approve(trader, whetu, pool, parseEther('10'))
    await ammWrite(trader, 'swapHETUForAlpha', [parseEther('10'), parseEther('10'), trader.address])
    expect(await balance(alpha)).toBe(parseEther('10'))
    expect(hetuBefore - (await balance(whetu))).toBe(parseEther('10'))
    expect(((await amm('getPoolInfo')) as unknown[]).slice(0, 4)).toEqual([
      STABLE,
      parseEther('60'),
      parseEther('40'),
      parseEther('10'),
    ])

    await env.approve(trader, alpha, pool, parseEther('10'))
    await ammWrite(trader, 'swapAlphaForHETU', [parseEther('10'), parseEther('10'), trader.address])
    expect(await balance(alpha)).toBe(0n)
    expect(await balance(whetu)).toBe(hetuBefore)
    expect(((await amm('getPoolInfo')) as unknown[]).slice(0, 4)).toEqual([
      STABLE,
      parseEther('50'),
      parseEther('50'),
      0n,
    ])
  })
})
