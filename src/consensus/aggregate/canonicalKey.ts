import { ConsensusInputError } from '../errors.js'

/**
 * A string that is equal exactly for equal results: JSON with object keys sorted and `undefined`
 * members dropped, extended with spellings JSON lacks and no JSON text can produce — bigints as `12n`,
 * `undefined`, `NaN`, `Infinity`, byte arrays as `0x…`. Strings stay quoted, so "1" and 1 differ; 0 and
 * -0 agree. Only plain data is accepted (objects, arrays, Uint8Array, primitives); a Map or class
 * instance would compare by its own keys only, so it is an error, as is a cycle.
 */
export function canonicalResultKey(value: unknown): string {
  return encode(value, new Set())
}

function encode(value: unknown, stack: Set<object>): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value)
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : String(value)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'bigint':
      return `${value}n`
    case 'undefined':
      return 'undefined'
    case 'object':
      break
    default:
      throw new ConsensusInputError('Results must be plain data to be compared.', {
        details: `got a ${typeof value}`,
      })
  }
  const obj = value as object
  if (obj instanceof Uint8Array)
    return `0x${Buffer.from(obj.buffer, obj.byteOffset, obj.byteLength).toString('hex')}`
  const proto = Object.getPrototypeOf(obj)
  if (!Array.isArray(obj) && proto !== Object.prototype && proto !== null)
    throw new ConsensusInputError('Results must be plain data to be compared.', {
      details: `got an instance of ${(proto as { constructor?: { name?: string } }).constructor?.name ?? 'unknown'}`,
      hint: 'Pass a `key` function that turns the result into a string.',
    })
  if (stack.has(obj)) throw new ConsensusInputError('A result contains a cycle and cannot be compared.')
  stack.add(obj)
  let out: string
  if (Array.isArray(obj)) {
    out = `[${obj.map((v) => encode(v, stack)).join(',')}]`
  } else {
    const record = obj as Record<string, unknown>
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort()
    out = `{${keys.map((k) => `${JSON.stringify(k)}:${encode(record[k], stack)}`).join(',')}}`
  }
  stack.delete(obj)
  return out
}
