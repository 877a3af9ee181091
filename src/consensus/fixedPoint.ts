/**
 * 18-decimal fixed point ("WAD") with the rounding of Cosmos `LegacyDec`, which the chain's
 * blockinflation and stakework modules use: products and quotients are rounded half to even at the
 * 18th decimal, conversions to integers truncate. Reproducing it keeps localnet amounts equal to the
 * chain's to the wei wherever the chain uses decimals.
 */

/** 1.0 as a WAD. */
export const WAD = 10n ** 18n

const WAD_SQUARED = WAD * WAD

/** Rounds `n / WAD` half to even (Cosmos `chopPrecisionAndRound`); `n` may be negative. */
function chopAndRound(n: bigint): bigint {
  if (n < 0n) return -chopAndRound(-n)
  const quotient = n / WAD
  const remainder = n % WAD
  const half = WAD / 2n
  if (remainder < half) return quotient
  if (remainder > half) return quotient + 1n
  return quotient % 2n === 0n ? quotient : quotient + 1n
}

/** `a · b` of two WADs (LegacyDec.Mul). */
export function wadMul(a: bigint, b: bigint): bigint {
  return chopAndRound(a * b)
}

/** `a / b` of two WADs (LegacyDec.Quo: truncate at 36 decimals, then round half to even at 18). */
export function wadDiv(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new RangeError('wadDiv by zero')
  return chopAndRound((a * WAD_SQUARED) / b)
}

/** An integer amount as a WAD (LegacyNewDecFromInt). */
export function wadFromInt(amount: bigint): bigint {
  return amount * WAD
}

/** Integer part of a WAD, truncated toward zero (LegacyDec.TruncateInt). */
export function wadTruncate(value: bigint): bigint {
  return value / WAD
}

/** `⌊amount · ratio⌋` for an integer amount and a WAD ratio (LegacyDec.MulInt(...).TruncateInt()). */
export function mulWadFloor(amount: bigint, ratio: bigint): bigint {
  return (amount * ratio) / WAD
}

const float64View = new DataView(new ArrayBuffer(8))

/**
 * A non-negative float64 as a WAD, exactly as Go's `strconv.FormatFloat(x, 'f', 18, 64)` followed by
 * `LegacyNewDecFromStr`: the exact binary value rounded to 18 decimals, ties to even. (JavaScript's
 * `toFixed` breaks ties upward, hence this exact version.)
 */
export function floatToWad(x: number): bigint {
  if (!Number.isFinite(x) || x < 0)
    throw new RangeError(`floatToWad expects a finite non-negative number, got ${x}`)
  if (x === 0) return 0n
  float64View.setFloat64(0, x)
  const hi = float64View.getUint32(0)
  const lo = float64View.getUint32(4)
  const biased = (hi >>> 20) & 0x7ff
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo)
  let exponent: number
  if (biased === 0) {
    exponent = -1074 // subnormal
  } else {
    mantissa |= 1n << 52n
    exponent = biased - 1075
  }
  // x = mantissa · 2^exponent; want round(x · 10^18).
  const scaled = mantissa * WAD
  if (exponent >= 0) return scaled << BigInt(exponent)
  const shift = BigInt(-exponent)
  const quotient = scaled >> shift
  const remainder = scaled - (quotient << shift)
  const half = 1n << (shift - 1n)
  if (remainder < half) return quotient
  if (remainder > half) return quotient + 1n
  return quotient % 2n === 0n ? quotient : quotient + 1n
}

/** A WAD as a float64 (LegacyDec.MustFloat64: parse of the exact decimal string, correctly rounded). */
export function wadToFloat(value: bigint): number {
  const negative = value < 0n
  const abs = negative ? -value : value
  const text = `${abs / WAD}.${(abs % WAD).toString().padStart(18, '0')}`
  return negative ? -Number(text) : Number(text)
}

/** A decimal string such as `"0.18"` as a WAD (at most 18 decimals; for parameters). */
export function parseWad(text: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,18}))?$/.exec(text)
  if (!match)
    throw new RangeError(`not a non-negative decimal with at most 18 decimals: ${JSON.stringify(text)}`)
  return BigInt(match[1]!) * WAD + BigInt((match[2] ?? '').padEnd(18, '0'))
}
