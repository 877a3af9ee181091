import { describe, expect, it } from 'vitest'
import { swapBlocker } from '../../src/chain/internal/swapBlocker.js'
import { parseHetu } from '../../src/index.js'

const pool = (hetu: string, alphaIn: string, alphaOut: string) => ({
  subnetHetu: parseHetu(hetu),
  subnetAlphaIn: parseHetu(alphaIn),
  subnetAlphaOut: parseHetu(alphaOut),
  minimumLiquidity: parseHetu('1000'),
})

describe('why a swap quoted at 0 would revert', () => {
  it('a pool under its minimum liquidity, Alpha never bought, or a trade too large', () => {
    expect(swapBlocker(pool('100', '100', '0'), 'hetuToAlpha', parseHetu('10')).code).toBe(
      'POOL_BELOW_MINIMUM_LIQUIDITY',
    )
    // After emission injected HETU only: the Alpha side is still under the minimum.
    expect(swapBlocker(pool('2100', '100', '0'), 'alphaToHetu', parseHetu('1')).code).toBe(
      'POOL_BELOW_MINIMUM_LIQUIDITY',
    )
    const neverBought = swapBlocker(pool('5000', '5000', '3'), 'alphaToHetu', parseHetu('10'))
    expect(neverBought.code).toBe('ALPHA_NEVER_BOUGHT')
    expect(neverBought.message).toMatch(/Only 3 Alpha was ever bought/)
    expect(swapBlocker(pool('5000', '5000', '3'), 'hetuToAlpha', parseHetu('4500')).code).toBe(
      'TRADE_TOO_LARGE',
    )
  })
})
