import { pythonFloatRepr } from './pythonRepr.js'
import type { TerminalInfo } from './terminalInfo.js'

/** The protocol fields every synapse body carries around the user's fields (Python model order). */
export interface SynapseBodyMeta {
  name: string
  /** Seconds. */
  timeout: number
  totalSize: number
  headerSize: number
  dendrite: TerminalInfo
  axon: TerminalInfo
  computedBodyHash: string
}

/**
 * A TerminalInfo as the JSON object pydantic dumps: every field, `null` when unset. Written by
 * hand because the nonce (ns) is an integer above 2^53 that JSON.stringify cannot emit exactly;
 * unrolled in the Python model's field order (`terminalFields`), as it runs twice per answer.
 */
export function terminalInfoJson(info: TerminalInfo): string {
  return (
    `{"status_code":${intJson(info.statusCode)},"status_message":${strJson(info.statusMessage)},` +
    `"process_time":${floatJson(info.processTime)},"ip":${strJson(info.ip)},` +
    `"port":${intJson(info.port)},"version":${intJson(info.version)},"nonce":${intJson(info.nonce)},` +
    `"uuid":${strJson(info.uuid)},"hotkey":${strJson(info.hotkey)},` +
    `"signature":${strJson(info.signature)}}`
  )
}

const intJson = (value: number | bigint | null | undefined): string =>
  value === undefined || value === null ? 'null' : String(value)
const strJson = (value: string | null | undefined): string =>
  value === undefined || value === null ? 'null' : JSON.stringify(value)
const floatJson = (value: number | null | undefined): string =>
  value === undefined || value === null || !Number.isFinite(value) ? 'null' : pythonFloatRepr(value)

/**
 * The JSON body of a synapse: `name, timeout, total_size, header_size, dendrite, axon,
 * computed_body_hash` then the user's fields (`fieldsJson`, a JSON object text), the key order
 * of the Python SDK's `model_dump()`. Separators are compact (the Python client adds spaces).
 */
export function encodeSynapseBody(meta: SynapseBodyMeta, fieldsJson: string): string {
  const head =
    `{"name":${JSON.stringify(meta.name)},"timeout":${pythonFloatRepr(meta.timeout)},` +
    `"total_size":${Math.trunc(meta.totalSize)},"header_size":${Math.trunc(meta.headerSize)},` +
    `"dendrite":${terminalInfoJson(meta.dendrite)},"axon":${terminalInfoJson(meta.axon)},` +
    `"computed_body_hash":${JSON.stringify(meta.computedBodyHash)}`
  return fieldsJson.length > 2 ? `${head},${fieldsJson.slice(1)}` : `${head}}`
}

/** Names the body uses for protocol fields; user fields may not take them. */
export const wireMetaFields = [
  'name',
  'timeout',
  'total_size',
  'header_size',
  'dendrite',
  'axon',
  'computed_body_hash',
  'required_hash_fields',
] as const
