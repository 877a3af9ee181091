import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { pythonFloatRepr, pythonRepr, pythonStr, pythonStrRepr } from '../../src/protocol/pythonRepr.js'
import { vectors } from './support.js'

const schemas: Record<string, z.ZodType | undefined> = {
  str: z.string(),
  float: z.number(),
  int: z.number().int(),
  bool: z.boolean(),
  none: z.null(),
  'list[float]': z.array(z.number()),
  'list[int]': z.array(z.int()),
  'list[str]': z.array(z.string()),
  'dict[str,float]': z.record(z.string(), z.number()),
  'dict[str,any]': z.record(z.string(), z.any()),
  'list[list[float]]': z.array(z.array(z.number())),
}

describe('Python str() of field values (what the body hash covers)', () => {
  it.each(vectors.pythonStr.map((c) => [c.type, c.str, c] as const))('%s → %s', (type, expected, c) => {
    expect(pythonStr(c.value, schemas[type] as never)).toBe(expected)
  })

  it('formats random doubles of every magnitude exactly as Python repr()', () => {
    const wrong = vectors.floatRepr.filter(([value, repr]) => pythonFloatRepr(value) !== repr)
    expect(wrong).toEqual([])
    expect(vectors.floatRepr.length).toBeGreaterThan(400)
  })

  it('formats floats like repr(float), switching to exponent form outside 1e-4..1e16', () => {
    expect(pythonFloatRepr(100)).toBe('100.0')
    expect(pythonFloatRepr(0.001)).toBe('0.001')
    expect(pythonFloatRepr(0.00001)).toBe('1e-05')
    expect(pythonFloatRepr(123456789012345680000)).toBe('1.2345678901234568e+20')
    expect(pythonFloatRepr(Number.NaN)).toBe('nan')
    expect(pythonFloatRepr(Number.NEGATIVE_INFINITY)).toBe('-inf')
  })

  it('quotes strings as Python does', () => {
    expect(pythonStrRepr('plain')).toBe("'plain'")
    expect(pythonStrRepr("it's")).toBe('"it\'s"')
    expect(pythonStrRepr('\u0000\u00a0')).toBe("'\\x00\\xa0'")
    expect(pythonStrRepr('\u2028')).toBe("'\\u2028'")
  })

  it('prints a z.object as a model (every declared key) and a record as a dict (its own keys)', () => {
    const model = z.object({ a: z.number(), b: z.string().optional() })
    expect(pythonRepr({ a: 1 }, model)).toBe("{'a': 1.0, 'b': None}")
    expect(pythonRepr({ b: 1, a: 2 }, z.record(z.string(), z.int()))).toBe("{'b': 1, 'a': 2}")
  })

  it('falls back to the value when there is no schema (integral numbers as ints)', () => {
    expect(pythonStr([1, 1.5, 'x', null, true])).toBe("[1, 1.5, 'x', None, True]")
  })
})
