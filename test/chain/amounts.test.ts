import { describe, expect, it } from 'vitest'
import { formatHetu, InvalidAmountError, parseHetu } from '../../src/index.js'

describe('parseHetu', () => {
  it('converts exact decimals to wei', () => {
    expect(parseHetu('1')).toBe(10n ** 18n)
    expect(parseHetu('1.5')).toBe(1_500_000_000_000_000_000n)
    expect(parseHetu('0.000000000000000001')).toBe(1n)
    expect(parseHetu('.25')).toBe(250_000_000_000_000_000n)
    expect(parseHetu('200.')).toBe(200n * 10n ** 18n)
    expect(parseHetu(' 1_000 ')).toBe(1000n * 10n ** 18n)
    expect(parseHetu('0')).toBe(0n)
  })

  it('accepts numbers without binary noise', () => {
    expect(parseHetu(0.1)).toBe(100_000_000_000_000_000n)
    expect(parseHetu(500)).toBe(500n * 10n ** 18n)
    expect(parseHetu(1e-7)).toBe(100_000_000_000n)
  })

  it('rejects what would lose precision or is not an amount', () => {
    for (const bad of ['', '-1', '1e18', 'abc', '1.2.3', '0x10', '1.0000000000000000001'])
      expect(() => parseHetu(bad), bad).toThrow(InvalidAmountError)
    expect(() => parseHetu(Number.NaN)).toThrow(InvalidAmountError)
    expect(() => parseHetu(-0.5)).toThrow(InvalidAmountError)
    expect(() => parseHetu(1e21)).toThrow(/as a string/)
    try {
      parseHetu('12x')
    } catch (err) {
      expect((err as InvalidAmountError).code).toBe('INVALID_AMOUNT')
      expect((err as InvalidAmountError).hint).toMatch(/parseHetu/)
    }
  })
})

describe('formatHetu', () => {
  it('prints wei as the shortest exact decimal', () => {
    expect(formatHetu(10n ** 18n)).toBe('1')
    expect(formatHetu(1_500_000_000_000_000_000n)).toBe('1.5')
    expect(formatHetu(1n)).toBe('0.000000000000000001')
    expect(formatHetu(0n)).toBe('0')
    expect(formatHetu(-25n * 10n ** 16n)).toBe('-0.25')
  })

  it('truncates for display with maxDecimals', () => {
    expect(formatHetu(1_999_999_999_999_999_999n, { maxDecimals: 2 })).toBe('1.99')
    expect(formatHetu(1n, { maxDecimals: 4 })).toBe('0')
    expect(formatHetu(-1n, { maxDecimals: 4 })).toBe('0')
  })

  it('round-trips with parseHetu', () => {
    for (const wei of [0n, 1n, 10n ** 18n, 123_456_789_012_345_678_901_234n, 7n * 10n ** 15n])
      expect(parseHetu(formatHetu(wei))).toBe(wei)
  })
})
