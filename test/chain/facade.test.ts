import { inspect } from 'node:util'
import { encodeFunctionData, maxUint256, parseEther, toHex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  AlphaTokenAbi,
  createHetuClient,
  type HetuSubnet,
  parseHetu,
  SlippageExceededError,
  SubnetAMMAbi,
  Wallet,
  WalletLockedError,
  WalletNotFoundError,
  WHETUAbi,
  WrongPasswordError,
} from '../../src/index.js'
import { type Localnet, startLocalnet } from '../../src/localnet/localnet.js'
import { tempDir } from '../wallet/helpers.js'
import { connect, dev, rpc } from './helpers/localnet.js'

let net: Localnet
beforeAll(async () => {
  net = await startLocalnet()
})
afterAll(() => net?.stop())

describe('HetuSubnet wallets (the seed’s setWalletFromUsername)', () => {
  let dir: string
  let cleanup: () => Promise<void>
  beforeAll(async () => {
    ;({ dir, cleanup } = await tempDir('hetu-facade-'))
    await Wallet.import({
      name: 'alice',
      password: 'correct horse',
      privateKey: net.accounts[3]!.privateKey,
      hotkeyPrivateKey: net.accounts[4]!.privateKey,
      dir,
      scryptN: 1024,
    })
  })
  afterAll(() => cleanup?.())

  it('unlocks a named wallet and signs with its hotkey, or its coldkey on request', async () => {
    const hetu = await connect(net, { walletDir: dir })
    await expect(hetu.wrapHetu({ amount: 1n })).rejects.toBeInstanceOf(WalletLockedError)
    await hetu.setWalletFromUsername('alice', 'correct horse')
    expect(hetu.address).toBe(dev(net, 4).address)
    const wrapped = await hetu.wrapHetu({ amount: parseHetu('1') })
    expect(wrapped.from).toBe(dev(net, 4).address)
    hetu.useKey('coldkey')
    expect(hetu.address).toBe(dev(net, 3).address)
    expect((await hetu.wrapHetu({ amount: parseHetu('1') })).from).toBe(dev(net, 3).address)
    // Nothing secret in what the facade shows.
    const shown = `${inspect(hetu, { depth: 6 })}${JSON.stringify(hetu, (_k, v) => (typeof v === 'bigint' ? `${v}` : v))}`
    expect(shown).not.toContain(net.accounts[3]!.privateKey.slice(2))
    expect(shown).not.toContain(net.accounts[4]!.privateKey.slice(2))
  })

  it('signs one call with another wallet, as the seed’s `wallet=wallet` argument', async () => {
    const hetu = await connect(net, { account: net.accounts[5]!.privateKey })
    const wallet = await Wallet.load({ name: 'alice', password: 'correct horse', dir })
    const staked = await hetu.addGlobalStake({ wallet, amount: parseHetu('5') })
    expect(staked.from).toBe(wallet.hotkeyAddress)
    expect((await hetu.getStakeInfo(wallet.hotkeyAddress)).totalStaked).toBe(parseHetu('5'))
    expect(hetu.address).toBe(dev(net, 5).address)
  })

  it('passes the wallet’s typed errors through', async () => {
    const hetu = await connect(net, { walletDir: dir })
    await expect(hetu.setWalletFromUsername('alice', 'wrong')).rejects.toBeInstanceOf(WrongPasswordError)
    await expect(hetu.setWalletFromUsername('bob', 'x')).rejects.toBeInstanceOf(WalletNotFoundError)
    expect(hetu.account).toBeUndefined()
  })
})

describe('logging (the seed’s logVerbose)', () => {
  it('logs every chain call and transaction at debug level, never a secret', async () => {
    const lines: { fields: Record<string, unknown>; message?: string }[] = []
    const client = await createHetuClient({
      rpcUrl: net.rpcUrl,
      contracts: net.contracts,
      configPath: false,
      env: {},
      account: net.accounts[6]!.privateKey,
      logger: { debug: (fields, message) => lines.push({ fields, message }) },
    })
    await client.wrapHetu({ amount: parseHetu('2') })
    await client.getSubnets()
    await client.getSubnetMinerCount({ netuid: 1 })
    const messages = lines.map((l) => l.message)
    expect(messages).toContain('chain tx')
    expect(messages).toContain('chain read')
    expect(messages).toContain('chain multicall')
    expect(messages).toContain('rpc')
    const tx = lines.find((l) => l.message === 'chain tx')!.fields
    expect(tx).toMatchObject({ action: 'wrapHetu', call: 'deposit', status: 'success' })
    const text = JSON.stringify(lines, (_k, v) => (typeof v === 'bigint' ? `${v}` : v))
    expect(text).not.toContain(net.accounts[6]!.privateKey.slice(2))
    expect(text).not.toMatch(/0x02f8/) // no signed transaction bodies
    const quiet = await createHetuClient({
      rpcUrl: net.rpcUrl,
      contracts: net.contracts,
      configPath: false,
      env: {},
    })
    expect(quiet.hetu.logger).toBeUndefined()
    const verbose = await createHetuClient({
      rpcUrl: net.rpcUrl,
      contracts: net.contracts,
      configPath: false,
      env: {},
      logVerbose: true,
    })
    expect(verbose.hetu.logger).toBeDefined()
  })
})

describe('AMM swaps once the pool has liquidity', () => {
  let hetu: HetuSubnet
  let netuid: number

  beforeAll(async () => {
    hetu = await connect(net, { account: net.accounts[0]!.privateKey })
    netuid = (
      await hetu.registerSubnet({ name: 'amm', description: '', tokenName: 'Amm', tokenSymbol: 'AMM' })
    ).netuid
    await hetu.activateSubnet({ netuid })
    await hetu.addSubnetMinter({ netuid })
    await injectAsSystem(net, netuid, parseEther('5000'))
  })

  it('quotes, swaps HETU for Alpha and back, approving exactly the pool', async () => {
    const pool = await hetu.getPoolInfo(netuid)
    expect(pool.subnetHetu).toBe(parseEther('5100'))
    const quote = await hetu.quoteSwap({ netuid, amountIn: parseHetu('10'), direction: 'hetuToAlpha' })
    expect(quote.amountOut).toBeGreaterThan(0n)
    const bought = await hetu.swapHetuForAlpha({ netuid, amountIn: parseHetu('10') })
    expect(bought.amountOut).toBe(quote.amountOut)
    expect(bought.prerequisites.map((p) => p.step)).toEqual(['approve'])
    expect(await hetu.getAlphaBalance(netuid)).toBe(bought.amountOut)
    const sold = await hetu.swapAlphaForHetu({ netuid, amountIn: bought.amountOut / 2n })
    expect(sold.amountOut).toBeGreaterThan(0n)
    expect(sold.prerequisites.map((p) => p.step)).toEqual(['approve'])
    const slip = await hetu
      .swapHetuForAlpha({ netuid, amountIn: parseHetu('10'), minAmountOut: parseHetu('1000') })
      .catch((e) => e)
    expect(slip).toBeInstanceOf(SlippageExceededError)
  })
})

/** Plays the chain's blockinflation module: mints Alpha and injects both sides into the pool. */
async function injectAsSystem(net: Localnet, netuid: number, amount: bigint) {
  const reader = await connect(net)
  const { ammPool, alphaToken } = await reader.getSubnetInfo(netuid)
  const from = net.systemAddress
  await rpc(net.rpcUrl, 'anvil_impersonateAccount', [from])
  await rpc(net.rpcUrl, 'anvil_setBalance', [from, toHex(amount * 2n)])
  const send = async (to: `0x${string}`, data: `0x${string}`, value = 0n) => {
    const hash = (await rpc(net.rpcUrl, 'eth_sendTransaction', [
      { from, to, data, value: toHex(value), gas: toHex(1_000_000) },
    ])) as string
    let receipt: { status: string } | null = null
    while (!receipt)
      receipt = (await rpc(net.rpcUrl, 'eth_getTransactionReceipt', [hash])) as { status: string } | null
    if (receipt.status !== '0x1') throw new Error(`system transaction to ${to} failed`)
  }
  await send(net.contracts.WHETU, encodeFunctionData({ abi: WHETUAbi, functionName: 'deposit' }), amount)
  await send(
    alphaToken,
    encodeFunctionData({ abi: AlphaTokenAbi, functionName: 'mint', args: [from, amount] }),
  )
  await send(
    net.contracts.WHETU,
    encodeFunctionData({ abi: WHETUAbi, functionName: 'approve', args: [ammPool, maxUint256] }),
  )
  await send(
    alphaToken,
    encodeFunctionData({ abi: AlphaTokenAbi, functionName: 'approve', args: [ammPool, maxUint256] }),
  )
  await send(
    ammPool,
    encodeFunctionData({ abi: SubnetAMMAbi, functionName: 'injectLiquidity', args: [amount, amount] }),
  )
  await rpc(net.rpcUrl, 'anvil_stopImpersonatingAccount', [from])
}
