// SubnetAMM of a registered subnet (docs/contracts.md#subnetamm) on the localnet: the seeded pool is
// untradeable until the system (the chain's emission module, impersonated) injects liquidity; then swaps work
// both ways with the reference's constant-product maths, minimum reserves and moving price.
import {
  type Address,
  decodeEventLog,
  encodeFunctionData,
  parseEther,
  type TransactionReceipt,
  zeroAddress,
} from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AlphaTokenAbi, SubnetAMMAbi, SubnetManagerAbi, WHETUAbi } from '../../src/chain/abi/index.js'
import { revertOf, type SubnetEnv, startSubnetEnv } from './subnet-env.js'

const E18 = 10n ** 18n
const MIN_LIQUIDITY = parseEther('1000')
const HALVING_TIME = 1000n

type Account = SubnetEnv['accounts'][number]
let env: SubnetEnv
let pool: Address
let alpha: Address
let whetu: Address
let alice: Account // subnet owner
let bob: Account // trader
let carol: Account // holds Alpha that was never bought from the pool
let registeredAt: bigint

const amm = (functionName: string, args: unknown[] = []) =>
  env.client.readContract({ address: pool, abi: SubnetAMMAbi, functionName, args } as never) as Promise<never>
const ammWrite = (from: SubnetEnv['system'], functionName: string, args: unknown[] = []) =>
  env.write(from, { address: pool, abi: SubnetAMMAbi, functionName, args })
const balanceOf = (token: Address, who: Address) =>
  env.client.readContract({ address: token, abi: WHETUAbi, functionName: 'balanceOf', args: [who] })
const poolEvents = (receipt: TransactionReceipt) =>
  receipt.logs
    .filter((l) => l.address.toLowerCase() === pool.toLowerCase())
    .map((l) => decodeEventLog({ abi: SubnetAMMAbi, ...l }))

/** Reference maths (docs/contracts.md#swap-maths), Dynamic mechanism. */
function simHetuForAlpha(h: bigint, a: bigint, x: bigint): bigint {
  if (h === 0n || a === 0n) return 0n
  const newA = (h * a) / (h + x)
  if (newA < MIN_LIQUIDITY) return 0n
  const out = a - newA
  return out > a || a - out < MIN_LIQUIDITY ? 0n : out
}
function simAlphaForHetu(h: bigint, a: bigint, y: bigint): bigint {
  if (h === 0n || a === 0n) return 0n
  const newH = (h * a) / (a + y)
  if (newH < MIN_LIQUIDITY) return 0n
  const out = h - newH
  return out > h || h - out < MIN_LIQUIDITY ? 0n : out
}
function nextMovingPrice(moving: bigint, current: bigint, blocks: bigint): bigint {
  if (moving === 0n) return current
  const weight = (blocks * E18) / (blocks + HALVING_TIME)
  const capped = current > E18 ? E18 : current
  return (weight * capped + (E18 - weight) * moving) / E18
}
async function reserves(): Promise<[bigint, bigint, bigint]> {
  return [await amm('subnetHetu'), await amm('subnetAlphaIn'), await amm('subnetAlphaOut')]
}
/** Expected PriceUpdated of a refresh in block `at`, from the state before it. */
async function expectedRefresh(at: bigint, h: bigint, a: bigint) {
  const last: bigint = await amm('priceUpdateBlock')
  const current = a === 0n ? 0n : (h * E18) / a
  return { current, moving: nextMovingPrice(await amm('movingAlphaPrice'), current, at - last) }
}

beforeAll(async () => {
  env = await startSubnetEnv({ rules: 'fixed' })
  ;[, alice, bob, carol] = env.accounts as [Account, Account, Account, Account]
  whetu = env.net.contracts.WHETU
  const subnet = await env.registerSubnet(alice)
  pool = subnet.ammPool
  alpha = subnet.alphaToken
  registeredAt = subnet.receipt.blockNumber
  const sm = env.net.contracts.SubnetManager
  await env.write(alice, { address: sm, abi: SubnetManagerAbi, functionName: 'activateSubnet', args: [1] })
  await env.write(alice, {
    address: sm,
    abi: SubnetManagerAbi,
    functionName: 'addSubnetMinter',
    args: [1, env.net.systemAddress],
  })
})
afterAll(() => env?.stop())

describe('SubnetAMM', () => {
  it('knows its subnet, tokens and system addresses', async () => {
    const block = await env.client.getBlock({ blockNumber: registeredAt })
    const factory = env.net.contracts.SubnetAMMFactory
    const sm = env.net.contracts.SubnetManager
    expect(await amm('hetuToken')).toBe(whetu)
    expect(await amm('alphaToken')).toBe(alpha)
    expect(await amm('netuid')).toBe(1)
    expect(await amm('mechanism')).toBe(1)
    expect(await amm('minimumPoolLiquidity')).toBe(MIN_LIQUIDITY)
    expect(await amm('HALVING_TIME')).toBe(HALVING_TIME)
    expect(await amm('systemAddress')).toBe(env.net.systemAddress)
    expect(await amm('subnetContract')).toBe(sm)
    expect(await amm('creator')).toBe(factory)
    expect(await amm('createdAt')).toBe(block.timestamp)
    expect(await amm('getCreatorInfo')).toEqual([factory, block.timestamp, 1n])
    expect(await amm('getSystemInfo')).toEqual([env.net.systemAddress, sm])
    expect(await amm('isSystemAddress', [env.net.systemAddress])).toBe(true)
    expect(await amm('isSystemAddress', [sm])).toBe(true)
    expect(await amm('isSystemAddress', [bob.address])).toBe(false)
    expect(await amm('isCreator', [factory])).toBe(true)
    expect(await amm('isCreator', [bob.address])).toBe(false)
    expect(await env.client.getCode({ address: pool })).toMatch(/^0x363d3d373d3d3d363d73/) // an EIP-1167 clone
  })

  it('a fresh pool (100/100 vs minimum 1000) cannot be traded and has no cached price', async () => {
    const seed = parseEther('100')
    expect(await amm('getPoolInfo')).toEqual([1, seed, seed, 0n, 0n, 0n, 0n, MIN_LIQUIDITY])
    expect(await amm('priceUpdateBlock')).toBe(registeredAt)
    expect(await amm('getAlphaPrice')).toBe(E18)
    expect(await amm('getTheoreticalPrice')).toBe(E18)
    expect(await amm('getMovingAlphaPrice')).toBe(0n)
    expect(await amm('simSwapHETUForAlpha', [parseEther('10')])).toBe(0n)
    expect(await amm('simSwapAlphaForHETU', [parseEther('10')])).toBe(0n)
    expect(await amm('getK')).toBe(seed * seed)
    expect(await amm('getTokenBalances')).toEqual([seed, seed])
    expect(await amm('verifyReserves')).toEqual([true, 'Reserves are consistent'])
    expect(await amm('getPoolHealth')).toEqual([false, 'Low liquidity', 10n])
    expect(await amm('getStatistics')).toEqual([0n, 0n, 0n, registeredAt, 2n * seed])
    expect(await amm('getSwapPreview', [parseEther('10'), true])).toEqual([
      0n,
      1000n,
      parseEther('1.1'),
      false,
    ])
    expect(await amm('calculateSlippage', [parseEther('10'), true])).toBe(10_000n)
    expect(await amm('checkLargeTradeWarning', [parseEther('1'), true])).toEqual([
      false,
      100n,
      'Normal trade: Low price impact expected',
    ])
    expect(await amm('checkLargeTradeWarning', [parseEther('5'), true])).toEqual([
      true,
      500n,
      'Medium trade: Moderate price impact expected',
    ])
    expect(await amm('checkLargeTradeWarning', [parseEther('10'), false])).toEqual([
      true,
      1000n,
      'Large trade: High price impact expected',
    ])
    expect(await amm('checkLargeTradeWarning', [parseEther('20'), true])).toEqual([
      true,
      2000n,
      'Very large trade: Extreme price impact expected',
    ])

    await env.approve(bob, whetu, pool, parseEther('1000'))
    const swap = (fn: string, amount: bigint, to: Address = bob.address) =>
      ammWrite(bob, fn, [amount, 0n, to])
    for (const fn of ['swapHETUForAlpha', 'swapAlphaForHETU']) {
      expect(await revertOf(swap(fn, 0n))).toBe('AMM: INSUFFICIENT_INPUT_AMOUNT')
      expect(await revertOf(swap(fn, parseEther('10'), zeroAddress))).toBe('AMM: ZERO_ADDRESS')
      expect(await revertOf(swap(fn, parseEther('10')))).toBe('AMM: INSUFFICIENT_LIQUIDITY')
    }
  })

  it('refreshes the price in a later block; the first refresh takes the spot price', async () => {
    const receipt = await ammWrite(bob, 'updateMovingPrice')
    expect(poolEvents(receipt)).toEqual([
      { eventName: 'PriceUpdated', args: { currentPrice: E18, movingPrice: E18 } },
    ])
    expect(await amm('currentAlphaPrice')).toBe(E18)
    expect(await amm('movingAlphaPrice')).toBe(E18)
    expect(await amm('priceUpdateBlock')).toBe(receipt.blockNumber)
    const details = await env.client.readContract({
      address: env.net.contracts.SubnetManager,
      abi: SubnetManagerAbi,
      functionName: 'getSubnetDetails',
      args: [1],
    })
    expect(details.slice(1)).toEqual([E18, 0n, parseEther('100'), parseEther('100')])
  })

  it('refreshes at most once per block', async () => {
    const rpc = (method: string, params: unknown[] = []) => env.client.request({ method, params } as never)
    await env.mine(10)
    await rpc('evm_setAutomine', [false])
    try {
      const hashes: `0x${string}`[] = []
      for (const from of [bob, carol]) {
        const data = encodeFunctionData({ abi: SubnetAMMAbi, functionName: 'updateMovingPrice' })
        hashes.push(
          (await rpc('eth_sendTransaction', [
            { from: from.address, to: pool, data, gas: '0x30000' },
          ])) as never,
        )
      }
      await rpc('evm_mine')
      const receipts = await Promise.all(hashes.map((hash) => env.client.getTransactionReceipt({ hash })))
      expect(receipts[0]!.blockNumber).toBe(receipts[1]!.blockNumber)
      expect(receipts.map((r) => r.status)).toEqual(['success', 'success'])
      expect(receipts.map((r) => poolEvents(r).length)).toEqual([1, 0])
    } finally {
      await rpc('evm_setAutomine', [true])
    }
  })

  it('takes liquidity only from the system address or the SubnetManager', async () => {
    expect(await revertOf(ammWrite(bob, 'injectLiquidity', [1n, 1n]))).toBe('AMM: ONLY_SYSTEM')
    expect(await revertOf(ammWrite(bob, 'withdrawLiquidity', [1n, 1n, bob.address]))).toBe('AMM: ONLY_SYSTEM')
    expect(await revertOf(ammWrite(env.system, 'injectLiquidity', [0n, 0n]))).toBe('AMM: ZERO_AMOUNTS')

    // As the chain's coinbase does: wrap HETU, approve the pool, inject (here HETU only).
    const hetu = parseEther('2000')
    await env.wrap(env.system, hetu)
    await env.approve(env.system, whetu, pool, hetu)
    const [h, a, out] = await reserves()
    const at = (await env.blockNumber()) + 1n
    const price = await expectedRefresh(at, h + hetu, a)
    const receipt = await ammWrite(env.system, 'injectLiquidity', [hetu, 0n])
    expect(receipt.blockNumber).toBe(at)
    expect(poolEvents(receipt)).toEqual([
      { eventName: 'PriceUpdated', args: { currentPrice: price.current, movingPrice: price.moving } },
      {
        eventName: 'LiquidityInjected',
        args: { injector: env.net.systemAddress, hetuAmount: hetu, alphaAmount: 0n },
      },
      { eventName: 'ReservesUpdated', args: { subnetHetu: h + hetu, subnetAlphaIn: a, subnetAlphaOut: out } },
    ])
    // Spec Appendix A: after injecting 2000 HETU, Alpha side still 100.
    expect(price.current).toBe(parseEther('21'))
    expect(price.moving).toBe(E18) // the moving price follows min(spot, 1.0)
    expect(await amm('simSwapHETUForAlpha', [parseEther('10')])).toBe(0n)
    const sold = await amm('simSwapAlphaForHETU', [parseEther('10')])
    expect(sold).toBe(simAlphaForHetu(parseEther('2100'), parseEther('100'), parseEther('10')))
    expect(sold).toBe(190_909_090_909_090_909_091n) // 190.909…
  })

  it('cannot buy back Alpha that was never sold to it (clear revert instead of the reference panic)', async () => {
    const minted = parseEther('10')
    await env.write(env.system, {
      address: alpha,
      abi: AlphaTokenAbi,
      functionName: 'mint',
      args: [carol.address, minted],
    })
    await env.approve(carol, alpha, pool, minted)
    expect(await amm('subnetAlphaOut')).toBe(0n)
    expect(await amm('simSwapAlphaForHETU', [minted])).toBeGreaterThan(0n)
    expect(await revertOf(ammWrite(carol, 'swapAlphaForHETU', [minted, 0n, carol.address]))).toBe(
      'AMM: INSUFFICIENT_ALPHA_OUT',
    )
  })

  it('swaps HETU → Alpha and back once both reserves exceed the minimum', async () => {
    const alphaIn = parseEther('3000')
    await env.write(env.system, {
      address: alpha,
      abi: AlphaTokenAbi,
      functionName: 'mint',
      args: [env.net.systemAddress, alphaIn],
    })
    await env.approve(env.system, alpha, pool, alphaIn)
    await ammWrite(env.system, 'injectLiquidity', [0n, alphaIn])

    // Buy.
    let [h, a, out] = await reserves()
    expect([h, a, out]).toEqual([parseEther('2100'), parseEther('3100'), 0n])
    const x = parseEther('100')
    const bought = simHetuForAlpha(h, a, x)
    expect(bought).toBeGreaterThan(0n)
    expect(await amm('simSwapHETUForAlpha', [x])).toBe(bought)
    expect(await amm('getSwapPreview', [x, true])).toEqual([
      bought,
      ((((h + x) * E18) / (a - bought) - (h * E18) / a) * 10_000n) / ((h * E18) / a),
      ((h + x) * E18) / (a - bought),
      true,
    ])
    expect(await amm('calculateSlippage', [x, true])).toBe((((x * a) / h - bought) * 10_000n) / ((x * a) / h))
    expect(await revertOf(ammWrite(bob, 'swapHETUForAlpha', [x, bought + 1n, bob.address]))).toBe(
      'AMM: INSUFFICIENT_OUTPUT_AMOUNT',
    )
    const bobHetu = await balanceOf(whetu, bob.address)
    let at = (await env.blockNumber()) + 1n
    let price = await expectedRefresh(at, h + x, a - bought)
    let receipt = await ammWrite(bob, 'swapHETUForAlpha', [x, bought, bob.address])
    expect(poolEvents(receipt)).toEqual([
      { eventName: 'PriceUpdated', args: { currentPrice: price.current, movingPrice: price.moving } },
      {
        eventName: 'SwapHETUForAlpha',
        args: { user: bob.address, hetuAmountIn: x, alphaAmountOut: bought, newPrice: price.current },
      },
      {
        eventName: 'ReservesUpdated',
        args: { subnetHetu: h + x, subnetAlphaIn: a - bought, subnetAlphaOut: bought },
      },
    ])
    expect(await balanceOf(alpha, bob.address)).toBe(bought)
    expect(bobHetu - (await balanceOf(whetu, bob.address))).toBe(x)
    expect(await amm('totalVolume')).toBe(x)
    expect(await amm('getUserStats', [bob.address])).toEqual([x, 10_000n])
    expect(await amm('verifyReserves')).toEqual([true, 'Reserves are consistent'])

    // Sell half back, output to carol.
    ;[h, a, out] = await reserves()
    const y = bought / 2n
    const paid = simAlphaForHetu(h, a, y)
    expect(await amm('simSwapAlphaForHETU', [y])).toBe(paid)
    await env.approve(bob, alpha, pool, y)
    const cachedPrice: bigint = await amm('currentAlphaPrice')
    const carolHetu = await balanceOf(whetu, carol.address)
    at = (await env.blockNumber()) + 1n
    price = await expectedRefresh(at, h - paid, a + y)
    receipt = await ammWrite(bob, 'swapAlphaForHETU', [y, paid, carol.address])
    expect(poolEvents(receipt)).toEqual([
      { eventName: 'PriceUpdated', args: { currentPrice: price.current, movingPrice: price.moving } },
      {
        eventName: 'SwapAlphaForHETU',
        args: { user: bob.address, alphaAmountIn: y, hetuAmountOut: paid, newPrice: price.current },
      },
      {
        eventName: 'ReservesUpdated',
        args: { subnetHetu: h - paid, subnetAlphaIn: a + y, subnetAlphaOut: out - y },
      },
    ])
    expect((await balanceOf(whetu, carol.address)) - carolHetu).toBe(paid)
    // Alpha volume is valued at the price cached before this swap's refresh.
    expect(await amm('totalVolume')).toBe(x + (y * cachedPrice) / E18)
    expect(await amm('verifyReserves')).toEqual([true, 'Reserves are consistent'])
  })

  it('never lets a swap take a reserve below the minimum liquidity', async () => {
    const [h, a] = await reserves()
    // Largest HETU input that still leaves ≥ 1000 Alpha: A' = floor(H·A/(H+x)) ≥ 1000.
    const maxIn = (h * a) / MIN_LIQUIDITY - h
    expect(await amm('simSwapHETUForAlpha', [maxIn])).toBe(simHetuForAlpha(h, a, maxIn))
    expect(await amm('simSwapHETUForAlpha', [maxIn])).toBeGreaterThan(0n)
    expect(await amm('simSwapHETUForAlpha', [maxIn + parseEther('1')])).toBe(0n)
    expect(await amm('simSwapAlphaForHETU', [parseEther('100000')])).toBe(0n)
    await env.wrap(bob, parseEther('5000'))
    await env.approve(bob, whetu, pool, parseEther('5000'))
    expect(await revertOf(ammWrite(bob, 'swapHETUForAlpha', [parseEther('5000'), 0n, bob.address]))).toBe(
      'AMM: INSUFFICIENT_LIQUIDITY',
    )
    expect(await amm('getPoolHealth')).toEqual([true, 'Healthy', 100n])
  })

  it('lets the system withdraw liquidity down to the minimum', async () => {
    const [h, a] = await reserves()
    const dave = env.accounts[8]!
    const withdraw = (hetu: bigint, alphaAmount: bigint, to: Address = dave.address) =>
      ammWrite(env.system, 'withdrawLiquidity', [hetu, alphaAmount, to])
    expect(await revertOf(withdraw(0n, 0n))).toBe('AMM: ZERO_AMOUNTS')
    expect(await revertOf(withdraw(1n, 0n, zeroAddress))).toBe('AMM: ZERO_ADDRESS')
    expect(await revertOf(withdraw(h + 1n, 0n))).toBe('AMM: INSUFFICIENT_HETU_RESERVE')
    expect(await revertOf(withdraw(h - MIN_LIQUIDITY + 1n, 0n))).toBe('AMM: BELOW_MIN_LIQUIDITY')
    expect(await revertOf(withdraw(0n, a + 1n))).toBe('AMM: INSUFFICIENT_ALPHA_RESERVE')
    expect(await revertOf(withdraw(0n, a - MIN_LIQUIDITY + 1n))).toBe('AMM: BELOW_MIN_LIQUIDITY')

    const receipt = await withdraw(h - MIN_LIQUIDITY, parseEther('5'))
    const events = poolEvents(receipt).filter((e) => e.eventName !== 'PriceUpdated')
    expect(events).toEqual([
      {
        eventName: 'LiquidityWithdrawn',
        args: {
          withdrawer: env.net.systemAddress,
          hetuAmount: h - MIN_LIQUIDITY,
          alphaAmount: parseEther('5'),
        },
      },
      {
        eventName: 'ReservesUpdated',
        args: {
          subnetHetu: MIN_LIQUIDITY,
          subnetAlphaIn: a - parseEther('5'),
          subnetAlphaOut: await amm('subnetAlphaOut'),
        },
      },
    ])
    expect(await balanceOf(whetu, dave.address)).toBeGreaterThanOrEqual(h - MIN_LIQUIDITY)
    expect(await balanceOf(alpha, dave.address)).toBe(parseEther('5'))
    expect(await amm('verifyReserves')).toEqual([true, 'Reserves are consistent'])
  })

  it('moves the moving price towards min(spot, 1.0) with weight n/(n + 1000)', async () => {
    await env.mine(99)
    const [h, a] = await reserves()
    const before: bigint = await amm('movingAlphaPrice')
    const last: bigint = await amm('priceUpdateBlock')
    const receipt = await ammWrite(bob, 'updateMovingPrice')
    const n = receipt.blockNumber - last
    expect(n).toBeGreaterThanOrEqual(100n)
    const current = (h * E18) / a
    const moving = nextMovingPrice(before, current, n)
    expect(poolEvents(receipt)).toEqual([
      { eventName: 'PriceUpdated', args: { currentPrice: current, movingPrice: moving } },
    ])
    expect(await amm('getStatistics')).toEqual([
      await amm('totalVolume'),
      current,
      moving,
      receipt.blockNumber,
      h + (a * current) / E18,
    ])
  })
})
