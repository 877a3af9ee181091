import { sha3Hex } from './crypto/sha3.js'
import { pythonStr, type SchemaLike } from './pythonRepr.js'

/**
 * The synapse body hash (docs/protocol.md#body-hash): SHA3-256 hex of the concatenated SHA3-256 hex digests
 * of `str(value)` of each hash field, in the order the fields are listed.
 */
export function computeBodyHash(
  values: Readonly<Record<string, unknown>>,
  fields: readonly string[],
  shape?: Readonly<Record<string, SchemaLike>>,
): string {
  let digests = ''
  for (const field of fields) digests += sha3Hex(pythonStr(values[field], shape?.[field]))
  return sha3Hex(digests)
}
