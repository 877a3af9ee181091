import { computeBodyHash } from './bodyHash.js'
import { sha3Hex } from './crypto/sha3.js'
import type { SchemaLike } from './pythonRepr.js'
import type { SynapseDefinition } from './synapse.js'

/**
 * Hash of a response, the fifth part of the message an axon signs on success: the body hash of
 * the response fields (declared order). For a stream, SHA3-256 of the concatenated SHA3-256 hex of
 * each chunk's JSON text (as sent), followed by that fields hash. Not part of the Python format,
 * whose 200s are unsigned; it lets a dendrite check that the content came from the axon.
 */
export function computeResponseHash(
  definition: SynapseDefinition,
  responseValues: Readonly<Record<string, unknown>>,
  chunkDigests?: string,
): string {
  const fieldsHash = computeBodyHash(
    responseValues,
    definition.responseFields,
    definition.response.shape as Record<string, SchemaLike>,
  )
  return chunkDigests === undefined ? fieldsHash : sha3Hex(chunkDigests + fieldsHash)
}
