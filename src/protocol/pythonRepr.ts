/**
 * Python's `str()` of JSON-like values, because the body hash is defined over them
 * (docs/protocol.md#python-str-of-field-values):
 * a string raw, `None`, `True`, floats as `1.0` / `1e-07`, lists and dicts as Python reprs.
 *
 * JSON has one number type, so whether `1` prints as `1` or `1.0` comes from the field's zod schema
 * (`z.number().int()` → int, `z.number()` → float); without a schema an integral value prints as int.
 * A `z.object` stands for a pydantic model (every declared key, missing ones as `None`), a `z.record`
 * for a dict (its own keys in order).
 */

/** The minimal view of a zod 4 schema we need (works with zod classic and mini). */
export interface SchemaLike {
  _zod: { def: { type: string }; bag?: object }
}

type SchemaDef = { type: string } & Record<string, unknown>

function defOf(schema: SchemaLike): SchemaDef {
  return schema._zod.def as SchemaDef
}

type NumberKind = 'int' | 'float' | undefined

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'])

/** Strips optional/nullable/default/… wrappers and pipes down to the schema that shapes the value. */
function unwrap(schema: SchemaLike | undefined): SchemaLike | undefined {
  let current = schema
  for (let depth = 0; current && depth < 32; depth++) {
    const def = defOf(current)
    if (WRAPPERS.has(def.type)) current = def.innerType as SchemaLike
    else if (def.type === 'pipe') current = def.out as SchemaLike
    else if (def.type === 'lazy') current = (def.getter as () => SchemaLike)()
    else return current
  }
  return current
}

function numberKind(schema: SchemaLike | undefined): NumberKind {
  if (schema?._zod.def.type !== 'number') return undefined
  const format =
    (schema._zod.bag as { format?: unknown } | undefined)?.format ?? (schema as { format?: unknown }).format
  if ((schema as { isInt?: unknown }).isInt === true) return 'int'
  if (typeof format === 'string' && /int/.test(format)) return 'int'
  return 'float'
}

/** Python `repr(float)`: shortest round-trip digits, fixed notation for 1e-4 ≤ |x| < 1e16. */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan'
  if (value === Number.POSITIVE_INFINITY) return 'inf'
  if (value === Number.NEGATIVE_INFINITY) return '-inf'
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0'
  const magnitude = Math.abs(value)
  if (magnitude >= 1e-4 && magnitude < 1e16) {
    // In this range JS and Python both print the shortest round-trip digits in fixed notation;
    // Python adds ".0" to integral values. (Hot path: process_time and timeout of every request.)
    const text = String(value)
    return Number.isInteger(value) ? `${text}.0` : text
  }
  const sign = value < 0 ? '-' : ''
  const [mantissa = '0', exponentText = '0'] = Math.abs(value).toExponential().split('e')
  const digits = mantissa.replace('.', '')
  const decimalPoint = Number(exponentText) + 1 // value = 0.digits × 10^decimalPoint
  if (decimalPoint > -4 && decimalPoint <= 16) {
    if (decimalPoint <= 0) return `${sign}0.${'0'.repeat(-decimalPoint)}${digits}`
    if (decimalPoint >= digits.length) return `${sign}${digits}${'0'.repeat(decimalPoint - digits.length)}.0`
    return `${sign}${digits.slice(0, decimalPoint)}.${digits.slice(decimalPoint)}`
  }
  const exponent = decimalPoint - 1
  const fraction = digits.length > 1 ? `.${digits.slice(1)}` : ''
  return `${sign}${digits[0]}${fraction}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`
}

function pythonIntRepr(value: number): string {
  return Number.isSafeInteger(value) ? String(value) : BigInt(value).toString()
}

// Python's str.isprintable() is false for these categories (the ASCII space excepted).
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u
const NEEDS_ESCAPE = /[\\'"\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u

/** Python `repr(str)`: single quotes unless the text has `'` and no `"`, with Python's escapes. */
export function pythonStrRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'"
  if (!NEEDS_ESCAPE.test(text)) return `${quote}${text}${quote}`
  let out = quote
  for (const char of text) {
    const code = char.codePointAt(0)!
    if (char === '\\') out += '\\\\'
    else if (char === quote) out += `\\${quote}`
    else if (char === '\t') out += '\\t'
    else if (char === '\n') out += '\\n'
    else if (char === '\r') out += '\\r'
    else if (char !== ' ' && NON_PRINTABLE.test(char)) {
      if (code <= 0xff) out += `\\x${code.toString(16).padStart(2, '0')}`
      else if (code <= 0xffff) out += `\\u${code.toString(16).padStart(4, '0')}`
      else out += `\\U${code.toString(16).padStart(8, '0')}`
    } else out += char
  }
  return out + quote
}

/** Python `repr()` of a JSON-like value, guided by its schema where one is known. */
export function pythonRepr(value: unknown, schema?: SchemaLike): string {
  const shaped = unwrap(schema)
  if (value === null || value === undefined) return 'None'
  switch (typeof value) {
    case 'string':
      return pythonStrRepr(value)
    case 'boolean':
      return value ? 'True' : 'False'
    case 'bigint':
      return value.toString()
    case 'number': {
      const kind = numberKind(shaped)
      if (kind === 'int' && Number.isInteger(value)) return pythonIntRepr(value)
      if (kind === 'float' || !Number.isInteger(value)) return pythonFloatRepr(value)
      return pythonIntRepr(value)
    }
    case 'object': {
      const def = shaped ? defOf(shaped) : undefined
      if (Array.isArray(value)) {
        const element = def?.type === 'array' ? (def.element as SchemaLike) : undefined
        const items = def?.type === 'tuple' ? (def.items as SchemaLike[]) : undefined
        return `[${value.map((item, i) => pythonRepr(item, items ? items[i] : element)).join(', ')}]`
      }
      const record = value as Record<string, unknown>
      if (def?.type === 'object') {
        const shape = def.shape as Record<string, SchemaLike>
        const keys = Object.keys(shape)
        return `{${keys.map((key) => `${pythonStrRepr(key)}: ${pythonRepr(record[key], shape[key])}`).join(', ')}}`
      }
      const valueSchema = def?.type === 'record' ? (def.valueType as SchemaLike) : undefined
      const entries = Object.entries(record).filter(([, v]) => v !== undefined)
      return `{${entries.map(([key, v]) => `${pythonStrRepr(key)}: ${pythonRepr(v, valueSchema)}`).join(', ')}}`
    }
    default:
      return pythonStrRepr(String(value))
  }
}

/** Python `str()` of a field value: strings raw, everything else as its repr. */
export function pythonStr(value: unknown, schema?: SchemaLike): string {
  return typeof value === 'string' ? value : pythonRepr(value, schema)
}
