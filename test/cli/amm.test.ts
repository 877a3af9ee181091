import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseHetu } from '../../src/index.js'
import { type Localnet, startLocalnet } from '../../src/localnet/localnet.js'
import { injectLiquidityAsSystem } from '../chain/helpers/localnet.js'
import { connect } from '../fixtures/localnet.js'
import { CliSandbox, ensureCliBuilt, errorLines } from './helpers.js'

// The AMM commands on a pool with liquidity (injected as the chain's system account would).
describe('hetu amm: pool, quote, swap with a slippage floor', () => {
  let net: Localnet
  let cli: CliSandbox
  const trader = ['--wallet', 'trader', '--password-env', 'PW']

  beforeAll(async () => {
    ensureCliBuilt()
    net = await startLocalnet()
    cli = new CliSandbox({ PW: 'pw' })
    cli.announce(net)
    const owner = await connect(net, { account: 0 })
    const { netuid, ammPool, alphaToken } = await owner.registerSubnet({
      name: 'amm',
      description: '',
      tokenName: 'Amm',
      tokenSymbol: 'AMM',
    })
    expect(netuid).toBe(1)
    await owner.activateSubnet({ netuid })
    await owner.addSubnetMinter({ netuid })
    await injectLiquidityAsSystem(net, { ammPool, alphaToken }, parseHetu('5000'))
    const imported = await cli.run(
      ['wallet', 'import', 'trader', '--private-key-env', 'KEY', '--single-key', '--password-env', 'PW'],
      {
        KEY: net.accounts[2]!.privateKey,
      },
    )
    expect(imported.code, imported.stderr).toBe(0)
  })
  afterAll(async () => {
    await net?.stop()
    cli?.cleanup()
  })

  it('reads the pool and quotes both ways', async () => {
    const pool = await cli.json(['amm', 'pool', '1'])
    expect(pool).toMatchObject({ netuid: 1, subnetHetu: parseHetu('5100').toString(), mechanism: 1 })
    const [buy, sell] = await Promise.all([
      cli.json(['amm', 'quote', '1', '10']),
      cli.json(['amm', 'quote', '1', '10', '--sell', 'alpha']),
    ])
    expect(buy.direction).toBe('hetuToAlpha')
    expect(sell.direction).toBe('alphaToHetu')
    expect(BigInt(buy.amountOut)).toBeGreaterThan(0n)
    expect(BigInt(buy.amountOut)).toBeLessThan(parseHetu('10'))
  })

  it('swaps at the quote with a floor of quote − slippage, and back', async () => {
    const quote = await cli.json(['amm', 'quote', '1', '10'])
    const swap = await cli.json([...trader, 'amm', 'swap', '1', '10', '--slippage', '1%'])
    expect(swap.amountOut).toBe(quote.amountOut)
    expect(BigInt(swap.minAmountOut)).toBe((BigInt(quote.amountOut) * 99n) / 100n)
    const back = await cli.json([...trader, 'amm', 'swap', '1', '1', '--sell', 'alpha'])
    expect(BigInt(back.amountOut)).toBeGreaterThan(0n)
  })

  it('refuses a floor above what the pool gives, and a trade the pool cannot fill', async () => {
    const refused = await cli.run([...trader, 'amm', 'swap', '1', '10', '--min-out', '1000'])
    expect(refused.code).not.toBe(0)
    expect(refused.stdout).toBe('')
    expect(errorLines(refused.stderr).errors).toEqual([expect.stringMatching(/minimum|slippage/i)])
    const tooBig = await cli.run([...trader, 'amm', 'swap', '1', '100000', '--sell', 'alpha'])
    expect(tooBig.code).not.toBe(0)
    expect(errorLines(tooBig.stderr).errors).toHaveLength(1)
  })
})
