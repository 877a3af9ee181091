import { describe, expect, it } from 'vitest'
import { normalizeWeights, parseWeight } from '../../src/cli/commands/weights/parseWeights.js'
import { InvalidAmountArgumentError } from '../../src/cli/runtime/errors.js'
import { parseAmount, parseDuration, parseNetuid, parseSlippage } from '../../src/cli/runtime/parse.js'
import { formatFields, formatTable } from '../../src/cli/runtime/table.js'
import { HetuError } from '../../src/index.js'

const E18 = 10n ** 18n

describe('parseAmount', () => {
  it.each([
    ['10', 10n * E18],
    ['10.5', 105n * 10n ** 17n],
    ['.5', 5n * 10n ** 17n],
    ['10.', 10n * E18],
    ['10hetu', 10n * E18],
    ['10 HETU', 10n * E18],
    ['2whetu', 2n * E18],
    ['0.25alpha', 25n * 10n ** 16n],
    ['1000wei', 1000n],
    ['1000.000wei', 1000n],
    ['0.000000000000000001', 1n],
    [' 7 ', 7n * E18],
  ])('%s → %s wei', (text, wei) => {
    expect(parseAmount(text)).toBe(wei)
  })

  it.each([
    ['-5', /negative/],
    ['-0.1hetu', /negative/],
    ['1e18', /not a number/],
    ['1.2.3', /not a number/],
    ['0x10', /not a number|unknown unit/],
    ['10eth', /unknown unit "eth"/],
    ['1.5wei', /no fraction/],
    ['0.0000000000000000001', /more than 18 decimals/],
    ['', /not a number/],
    ['ten', /not a number|unknown unit/],
    ['1,000', /not a number/],
    ['0', /more than 0/],
    ['0wei', /more than 0/],
  ])('refuses %j with a typed error', (text, reason) => {
    let error: unknown
    try {
      parseAmount(text)
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(InvalidAmountArgumentError)
    expect(error).toBeInstanceOf(HetuError)
    expect((error as HetuError).code).toBe('INVALID_AMOUNT')
    expect((error as HetuError).shortMessage).toMatch(reason)
    expect((error as HetuError).shortMessage).not.toContain('\n')
  })

  it('accepts zero where asked to', () => {
    expect(parseAmount('0', 'floor', { allowZero: true })).toBe(0n)
  })
})

describe('other parsers', () => {
  it('netuids are uint16', () => {
    expect(parseNetuid('0')).toBe(0)
    expect(parseNetuid('65535')).toBe(65535)
    expect(() => parseNetuid('65536')).toThrow(/0…65535/)
    expect(() => parseNetuid('1.5')).toThrow(/whole number/)
    // A negative number is a whole number too: the message gives the range.
    expect(() => parseNetuid('-1')).toThrow(/expected a whole number, 0…65535/)
  })

  it('slippage as percent or basis points', () => {
    expect(parseSlippage('0.5%')).toBe(50)
    expect(parseSlippage('1')).toBe(100)
    expect(parseSlippage('25bps')).toBe(25)
    expect(() => parseSlippage('101%')).toThrow(/more than 100%/)
    expect(() => parseSlippage('-1%')).toThrow(/percentage/)
  })

  it('durations', () => {
    expect(parseDuration('12', 'interval')).toBe(12_000)
    expect(parseDuration('500ms', 'interval')).toBe(500)
    expect(parseDuration('2m', 'interval')).toBe(120_000)
    expect(() => parseDuration('soon', 'interval')).toThrow(/duration/)
  })

  it('weights: integers on the 0…1e6 scale, decimals and percentages as fractions', () => {
    expect(parseWeight('250000', 'd')).toBe(250_000n)
    expect(parseWeight('0.25', 'd')).toBe(250_000n)
    expect(parseWeight('25%', 'd')).toBe(250_000n)
    expect(parseWeight('1.0', 'd')).toBe(1_000_000n)
    expect(() => parseWeight('1000001', 'd')).toThrow(/above 1000000/)
    expect(() => parseWeight('150%', 'd')).toThrow(/above 1000000/)
    expect(() => parseWeight('-1', 'd')).toThrow(/expected/)
  })

  it('normalized weights sum to exactly 1e6', () => {
    const dest = (i: number) => `0x${String(i).padStart(40, '0')}` as const
    const out = normalizeWeights([1n, 1n, 1n].map((weight, i) => ({ dest: dest(i), weight })))
    expect(out.reduce((s, w) => s + w.weight, 0n)).toBe(1_000_000n)
    expect(out.map((w) => w.weight).sort()).toEqual([333_333n, 333_333n, 333_334n])
    expect(normalizeWeights([{ dest: dest(1), weight: 0n }])[0]!.weight).toBe(0n)
  })
})

describe('tables', () => {
  it('pads columns to the widest cell, right-aligns numbers, counts code points', () => {
    const text = formatTable(
      ['NAME', { header: 'STAKE', align: 'right' }, 'OK'],
      [
        ['alice', '600 HETU', true],
        ['bob–long', '1 HETU', false],
      ],
    )
    expect(text.split('\n')).toEqual([
      'NAME         STAKE  OK',
      'alice     600 HETU  yes',
      'bob–long    1 HETU  no',
    ])
    expect(
      formatFields([
        ['a', 1],
        ['long key', undefined],
      ]),
    ).toBe('a         1\nlong key  -')
  })
})
