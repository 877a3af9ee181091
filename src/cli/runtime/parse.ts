// Strict parsers for what users type. Each rejects anything it does not fully understand: a typo in
// an amount or an address must never become a different transaction.

import type { Address } from 'viem'
import { getAddress, isAddress } from 'viem'
import { CliArgumentError, InvalidAmountArgumentError } from './errors.js'

const DECIMALS = 18
const AMOUNT = /^(\d+(?:\.\d*)?|\.\d+)\s*([a-z]+)?$/i
const UNITS: Record<string, 'token' | 'wei'> = { hetu: 'token', whetu: 'token', alpha: 'token', wei: 'wei' }

/**
 * An amount in wei from `10`, `10.5`, `10hetu`, `10 HETU`, `0.5alpha` or `1000wei`. Bare numbers and
 * `hetu`/`whetu`/`alpha` are whole tokens (18 decimals); `wei` is the base unit (no fraction).
 * Zero is refused unless `allowZero`.
 */
export function parseAmount(text: string, what = 'amount', options: { allowZero?: boolean } = {}): bigint {
  const value = String(text).trim()
  if (value.startsWith('-'))
    throw new InvalidAmountArgumentError(what, value, 'negative amounts are not allowed')
  const match = AMOUNT.exec(value)
  if (!match) throw new InvalidAmountArgumentError(what, value, 'not a number with an optional unit')
  const [, number = '', rawUnit] = match
  const unit = rawUnit === undefined ? 'token' : UNITS[rawUnit.toLowerCase()]
  if (!unit) throw new InvalidAmountArgumentError(what, value, `unknown unit "${rawUnit}" (use hetu or wei)`)
  const [whole = '', fraction = ''] = number.split('.')
  let wei: bigint
  if (unit === 'wei') {
    if (fraction.replace(/0+$/, '') !== '')
      throw new InvalidAmountArgumentError(what, value, 'wei is the smallest unit; no fraction')
    wei = BigInt(whole || '0')
  } else {
    if (fraction.length > DECIMALS)
      throw new InvalidAmountArgumentError(what, value, `more than ${DECIMALS} decimals`)
    wei = BigInt(whole || '0') * 10n ** BigInt(DECIMALS) + BigInt(fraction.padEnd(DECIMALS, '0') || '0')
  }
  if (wei === 0n && !options.allowZero)
    throw new InvalidAmountArgumentError(what, value, 'must be more than 0')
  return wei
}

/** A non-negative integer within [min, max]. */
export function parseInteger(text: string, what: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const value = String(text).trim()
  const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `${min}…${max}`
  if (!/^\d+$/.test(value)) throw new CliArgumentError(what, value, `expected a whole number, ${range}`)
  const n = Number(value)
  if (n < min || n > max) throw new CliArgumentError(what, value, `expected ${range}`)
  return n
}

/** A subnet id (uint16; 0 is the root network). */
export function parseNetuid(text: string): number {
  return parseInteger(text, 'netuid', 0, 65_535)
}

export function parsePort(text: string, what = 'port', min = 1): number {
  return parseInteger(text, what, min, 65_535)
}

export function parseAddress(text: string, what = 'address'): Address {
  const value = String(text).trim()
  if (!isAddress(value, { strict: false }))
    throw new CliArgumentError(what, value, 'not a 0x address (40 hex digits)')
  return getAddress(value)
}

export function parseBoolean(text: string, what: string): boolean {
  const value = String(text).trim().toLowerCase()
  if (['true', 'yes', '1', 'on'].includes(value)) return true
  if (['false', 'no', '0', 'off'].includes(value)) return false
  throw new CliArgumentError(what, value, 'expected true or false')
}

/** Basis points from `0.5%`, `0.5` (percent) or `50bps`; at most 100 %. */
export function parseSlippage(text: string): number {
  const value = String(text).trim()
  const bps = /^(\d+)\s*bps$/i.exec(value)
  if (bps) return parseInteger(bps[1]!, 'slippage', 0, 10_000)
  const percent = /^(\d+(?:\.\d{1,2})?|\.\d{1,2})\s*%?$/.exec(value)
  if (!percent) throw new CliArgumentError('slippage', value, 'expected a percentage such as 0.5% or 50bps')
  const result = Math.round(Number(percent[1]) * 100)
  if (result > 10_000) throw new CliArgumentError('slippage', value, 'more than 100%')
  return result
}

/** Seconds from `12`, `12s`, `500ms`, `2m`. Returns milliseconds. */
export function parseDuration(text: string, what: string): number {
  const value = String(text).trim()
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m)?$/.exec(value)
  if (!match) throw new CliArgumentError(what, value, 'expected a duration such as 12s, 500ms or 2m')
  const n = Number(match[1])
  return Math.round(match[2] === 'ms' ? n : match[2] === 'm' ? n * 60_000 : n * 1_000)
}
