import { InvalidAmountError } from './errors/amount.js'

/** Decimals of HETU, WHETU and every Alpha token (all 18-decimal, like ether). */
export const HETU_DECIMALS = 18

export const WEI_PER_HETU = 10n ** 18n
const DECIMAL = /^(\d+)(?:\.(\d*))?$|^\.(\d+)$/

/**
 * Converts a decimal HETU amount ("1.5", "200", 0.25) to wei. Rejects anything that is not an exact
 * non-negative decimal with at most 18 fraction digits (no rounding, no exponent, no sign): an amount
 * that silently loses precision is worse than an error.
 */
export function parseHetu(value: string | number): bigint {
  const text = typeof value === 'number' ? numberToDecimal(value) : value.trim().replaceAll('_', '')
  const match = DECIMAL.exec(text)
  if (!match)
    throw new InvalidAmountError(String(value), 'expected a non-negative decimal such as "1.5" or "200"')
  const whole = match[1] ?? '0'
  const fraction = match[2] ?? match[3] ?? ''
  if (fraction.length > HETU_DECIMALS)
    throw new InvalidAmountError(String(value), `more than ${HETU_DECIMALS} fraction digits`)
  return BigInt(whole) * WEI_PER_HETU + BigInt(fraction.padEnd(HETU_DECIMALS, '0') || '0')
}

/**
 * Formats wei as a decimal HETU string without trailing zeros ("1.5", "200", "-0.000000000000000001").
 * `maxDecimals` truncates (towards zero) for display.
 */
export function formatHetu(wei: bigint, options: { maxDecimals?: number } = {}): string {
  const negative = wei < 0n
  const abs = negative ? -wei : wei
  const whole = abs / WEI_PER_HETU
  let fraction = (abs % WEI_PER_HETU).toString().padStart(HETU_DECIMALS, '0')
  if (options.maxDecimals !== undefined) fraction = fraction.slice(0, Math.max(0, options.maxDecimals))
  fraction = fraction.replace(/0+$/, '')
  const text = fraction ? `${whole}.${fraction}` : `${whole}`
  return negative && text !== '0' ? `-${text}` : text
}

function numberToDecimal(value: number): string {
  if (!Number.isFinite(value) || value < 0)
    throw new InvalidAmountError(String(value), 'expected a finite non-negative number')
  // Numbers print in exponent form below 1e-6 / above 1e21; toFixed keeps them decimal. The shortest
  // round-trip form (String) is preferred so 0.1 stays "0.1", not 0.1000000000000000055…
  const text = String(value)
  if (!/e/i.test(text)) return text
  if (value >= 1e21)
    throw new InvalidAmountError(String(value), 'pass large amounts as a string or bigint wei')
  return value.toFixed(HETU_DECIMALS).replace(/\.?0+$/, '')
}
