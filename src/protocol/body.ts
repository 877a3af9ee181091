import { pythonFloatRepr } from './pythonRepr.js'
import type { TerminalInfo } from './terminalInfo.js'

/** The protocol fields every synapse body carries around the user's fields (Python model order). */
export interface SynapseBodyMeta {
  name: string
  /** Seconds. */
  timeout: number
  totalSize: number
  headerSize: number
  /** Its info, or that info's JSON text already made ({@link terminalInfoJson}). */
  dendrite: TerminalInfo | string
  axon: TerminalInfo
  computedBodyHash: string
}

/**
 * A TerminalInfo as the JSON object pydantic dumps: every field, `null` when unset. Written by
 * hand because the nonce (ns) is an integer above 2^53 that JSON.stringify cannot emit exactly;
 * unrolled in the Python model's field order (`terminalFields`), as it runs twice per answer.
 * `ip` and `port`, when given, stand for the info's own (an answer reports the dendrite's socket
 * address): no copy of the info is made.
 */
export function terminalInfoJson(info: TerminalInfo, ip = info.ip, port = info.port): string {
  return (
    `{"status_code":${intJson(info.statusCode)},"status_message":${strJson(info.statusMessage)},` +
    `"process_time":${floatJson(info.processTime)},"ip":${strJson(ip)},` +
    `"port":${intJson(port)},"version":${intJson(info.version)},"nonce":${intJson(info.nonce)},` +
    `"uuid":${strJson(info.uuid)},"hotkey":${strJson(info.hotkey)},` +
    `"signature":${strJson(info.signature)}}`
  )
}

const intJson = (value: number | bigint | null | undefined): string =>
  value === undefined || value === null ? 'null' : String(value)
// Hex, uuids, addresses and plain words need no escaping: quoted as they are (the answer's hot path).
const PLAIN = /^[\w.:-]*$/
const strJson = (value: string | null | undefined): string =>
  value === undefined || value === null ? 'null' : PLAIN.test(value) ? `"${value}"` : JSON.stringify(value)
const floatJson = (value: number | null | undefined): string =>
  value === undefined || value === null || !Number.isFinite(value) ? 'null' : pythonFloatRepr(value)

/**
 * The JSON body of a synapse: `name, timeout, total_size, header_size, dendrite, axon,
 * computed_body_hash` then the user's fields (`fieldsJson`, a JSON object text), the key order
 * of the Python SDK's `model_dump()`. Separators are compact (the Python client adds spaces).
 */
export function encodeSynapseBody(meta: SynapseBodyMeta, fieldsJson: string): string {
  const head =
    `{"name":${strJson(meta.name)},"timeout":${pythonFloatRepr(meta.timeout)},` +
    `"total_size":${Math.trunc(meta.totalSize)},"header_size":${Math.trunc(meta.headerSize)},` +
    `"dendrite":${typeof meta.dendrite === 'string' ? meta.dendrite : terminalInfoJson(meta.dendrite)},` +
    `"axon":${terminalInfoJson(meta.axon)},"computed_body_hash":${strJson(meta.computedBodyHash)}`
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
