import fs from 'node:fs'
import { inspect } from 'node:util'
import { parseEther } from 'viem'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  type HetuSubnet,
  parseHetu,
  SlippageExceededError,
  Wallet,
  WalletLockedError,
  WalletNotFoundError,
  WrongPasswordError,
} from '../../src/index.js'
import { type Localnet, startLocalnet } from '../../src/localnet/localnet.js'
import { connect, hetuClient } from '../fixtures/localnet.js'
import { tempDir } from '../wallet/helpers.js'
import { dev, injectLiquidityAsSystem } from './helpers/localnet.js'

let net: Localnet
beforeAll(async () => {
  // Fixed rules: registering with some hyperparameters needs defaults that pass validation.
  net = await startLocalnet({ rules: 'fixed' })
})
afterAll(() => net?.stop())

describe('HetuSubnet wallets (the Python SDK’s set_wallet_from_username)', () => {
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

  it('signs one call with another wallet, as the Python SDK’s `wallet=wallet` argument', async () => {
    const hetu = await connect(net, { account: 5 })
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

describe('logging (the Python SDK’s log_verbose)', () => {
  it('logs every chain call and transaction at debug level, never a secret', async () => {
    const lines: { fields: Record<string, unknown>; message?: string }[] = []
    const client = await hetuClient(net, {
      account: 6,
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
    const quiet = await hetuClient(net)
    expect(quiet.hetu.logger).toBeUndefined()
    // logVerbose's own logger writes JSON lines to fd 2 (pino's sync destination calls fs.writeSync):
    // captured here and checked, not printed into the test output.
    const stderrLines: string[] = []
    const writeSync = fs.writeSync
    const spy = vi.spyOn(fs, 'writeSync').mockImplementation(((
      fd: number,
      data: unknown,
      ...rest: never[]
    ) => {
      if (fd !== 2) return (writeSync as (...args: unknown[]) => number)(fd, data, ...rest)
      const text = String(data)
      stderrLines.push(...text.split('\n').filter(Boolean))
      return Buffer.byteLength(text)
    }) as typeof fs.writeSync)
    try {
      const verbose = await hetuClient(net, { logVerbose: true })
      expect(verbose.hetu.logger).toBeDefined()
      await verbose.getSubnets()
    } finally {
      spy.mockRestore()
    }
    const logged = stderrLines.map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(logged.length).toBeGreaterThan(0)
    expect(logged).toContainEqual(expect.objectContaining({ level: 20, name: 'hetu-chain', msg: 'rpc' }))
    expect(logged).toContainEqual(
      expect.objectContaining({ level: 20, name: 'hetu-chain', msg: 'chain read' }),
    )
  })
})

describe('AMM swaps once the pool has liquidity', () => {
  let hetu: HetuSubnet
  let netuid: number

  beforeAll(async () => {
    hetu = await connect(net, { account: 0 })
    netuid = (
      await hetu.registerSubnet({ name: 'amm', description: '', tokenName: 'Amm', tokenSymbol: 'AMM' })
    ).netuid
    await hetu.activateSubnet({ netuid })
    await hetu.addSubnetMinter({ netuid })
    await injectLiquidityAsSystem(net, await hetu.getSubnetInfo(netuid), parseEther('5000'))
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

describe('subnet creation with custom hyperparameters, minters', () => {
  it('registers with some hyperparameters set and the rest at their defaults; adds and removes a minter', async () => {
    const hetu = await connect(net, { account: 8 })
    const defaults = await hetu.getSubnetParams(1).catch(() => undefined)
    const { netuid } = await hetu.registerSubnet({
      name: 'custom',
      description: 'fast epochs',
      tokenName: 'Custom',
      tokenSymbol: 'CUS',
      hyperparams: { tempo: 9, neuronThreshold: parseHetu('50'), validatorThreshold: parseHetu('100') },
    })
    const params = await hetu.getSubnetParams(netuid)
    expect(params).toMatchObject({
      tempo: 9,
      neuronThreshold: parseHetu('50'),
      validatorThreshold: parseHetu('100'),
    })
    if (defaults) expect(params.maxAllowedUids).toBe(defaults.maxAllowedUids)
    const minter = net.systemAddress // the only minter the fixed rules accept
    await hetu.addSubnetMinter({ netuid, minter })
    await expect(hetu.addSubnetMinter({ netuid, minter })).rejects.toMatchObject({
      code: 'INVALID_CONTRACT_ARGUMENT',
    })
    await hetu.removeSubnetMinter({ netuid, minter })
    await expect(
      hetu.registerSubnet({ name: '', description: '', tokenName: 'X', tokenSymbol: 'X' }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
    await expect(
      hetu.registerSubnet({
        name: 'x',
        description: '',
        tokenName: 'X',
        tokenSymbol: 'X',
        hyperparams: { tempo: 0 },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_CONTRACT_ARGUMENT', reason: 'INVALID_MERGED_HYPERPARAMS' })
  })
})

describe('names kept for one release (@deprecated)', () => {
  it('answer as the names that replace them', async () => {
    const hetu = await connect(net)
    const address = dev(net, 3).address
    const [netuid = 1] = await hetu.getSubnets()
    expect(await hetu.stakeStatus(address)).toEqual(await hetu.getStakeStatus(address))
    expect(await hetu.getSubnetAllocation(address, netuid)).toEqual(
      await hetu.getSubnetAllocation(netuid, address),
    )
    const block = await hetu.getCurrentBlock()
    expect(await hetu.getNetworkParams({ block })).toEqual(
      await hetu.getNetworkParams({ blockNumber: block }),
    )
  })
})
