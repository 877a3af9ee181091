import { ProtocolHeaderError } from './errors.js'
import { pythonFloatRepr } from './pythonRepr.js'
import { type TerminalInfo, terminalFields } from './terminalInfo.js'

/**
 * Header names of the wire format (docs/protocol.md#headers). Node lower-cases incoming names; these already
 * are.
 */
export const headerNames = {
  name: 'name',
  timeout: 'timeout',
  bodyHash: 'computed_body_hash',
  headerSize: 'header_size',
  totalSize: 'total_size',
  axonPrefix: 'bt_header_axon_',
  dendritePrefix: 'bt_header_dendrite_',
  inputObjPrefix: 'bt_header_input_obj_',
} as const

const UNSAFE_HEADER_CHAR = /[^\t\x20-\x7e]/

/** Header values must be Latin-1 without control characters; messages are also kept short. */
export function sanitizeHeaderValue(value: string, maxLength = 512): string {
  const clipped = value.length > maxLength ? `${value.slice(0, maxLength - 3)}...` : value
  return UNSAFE_HEADER_CHAR.test(clipped) ? clipped.replace(/[^\t\x20-\x7e]/g, '?') : clipped
}

const namesByPrefix = new Map<string, string[]>()

/** Header names of the terminal fields under `prefix`, built once (hot path). */
function headerNamesFor(prefix: string): string[] {
  let names = namesByPrefix.get(prefix)
  if (!names) {
    names = terminalFields.map(([, wire]) => prefix + wire)
    if (namesByPrefix.size < 16) namesByPrefix.set(prefix, names)
  }
  return names
}

/** Python `str()` of a TerminalInfo value. */
function wireValue(value: string | number | bigint, kind: string): string {
  if (kind === 'float') return pythonFloatRepr(value as number)
  if (kind === 'str') return sanitizeHeaderValue(value as string)
  return String(value)
}

/** Appends `bt_header_{axon|dendrite}_<field>` for every field that is set, in model order. */
export function terminalInfoToHeaders(
  prefix: typeof headerNames.axonPrefix | typeof headerNames.dendritePrefix,
  info: TerminalInfo,
  out: Record<string, string>,
): Record<string, string> {
  const names = headerNamesFor(prefix)
  for (let i = 0; i < terminalFields.length; i++) {
    const [field, , kind] = terminalFields[i]!
    const value = info[field]
    if (value !== undefined && value !== null) out[names[i]!] = wireValue(value, kind)
  }
  return out
}

type HeaderBag = Readonly<Record<string, string | string[] | undefined>>

function single(headers: HeaderBag, name: string): string | undefined {
  const value = headers[name]
  if (Array.isArray(value)) throw new ProtocolHeaderError(name, 'the header is repeated')
  return value
}

const INTEGER = /^-?\d{1,16}$/
const NONCE = /^\d{1,30}$/
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

/** A header that must be an integer (Python `int()`), or undefined when absent. */
export function parseIntHeader(headers: HeaderBag, name: string): number | undefined {
  const raw = single(headers, name)
  if (raw === undefined) return undefined
  if (!INTEGER.test(raw))
    throw new ProtocolHeaderError(name, `expected an integer, got ${JSON.stringify(raw.slice(0, 40))}`)
  return Number(raw)
}

/** A header that must be a finite float (Python `float()`), or undefined when absent. */
export function parseFloatHeader(headers: HeaderBag, name: string): number | undefined {
  const raw = single(headers, name)
  if (raw === undefined) return undefined
  if (!FLOAT.test(raw))
    throw new ProtocolHeaderError(name, `expected a number, got ${JSON.stringify(raw.slice(0, 40))}`)
  return Number(raw)
}

/** A nonce header (ns since the epoch, above 2^53): a bigint, or undefined when absent. */
function parseNonceHeader(headers: HeaderBag, name: string): bigint | undefined {
  const raw = single(headers, name)
  if (raw === undefined) return undefined
  if (!NONCE.test(raw)) throw new ProtocolHeaderError(name, 'expected a non-negative integer (ns)')
  return BigInt(raw)
}

/**
 * TerminalInfo from `bt_header_{axon|dendrite}_*` headers; strict about numbers. Every field is
 * present (undefined when its header is absent), so every decoded info has one shape and the code
 * reading them on each request stays monomorphic. Names in `terminalFields` order.
 */
export function terminalInfoFromHeaders(prefix: string, headers: HeaderBag): TerminalInfo {
  const [statusCode, statusMessage, processTime, ip, port, version, nonce, uuid, hotkey, signature] =
    headerNamesFor(prefix) as [string, string, string, string, string, string, string, string, string, string]
  return {
    statusCode: parseIntHeader(headers, statusCode),
    statusMessage: single(headers, statusMessage),
    processTime: parseFloatHeader(headers, processTime),
    ip: single(headers, ip),
    port: parseIntHeader(headers, port),
    version: parseIntHeader(headers, version),
    nonce: parseNonceHeader(headers, nonce),
    uuid: single(headers, uuid),
    hotkey: single(headers, hotkey),
    signature: single(headers, signature),
  }
}

/** The synapse-level headers every request carries (besides terminal infos). */
export interface SynapseHeaders {
  name: string | undefined
  /** Seconds. */
  timeout: number | undefined
  computedBodyHash: string | undefined
  dendrite: TerminalInfo
  axon: TerminalInfo
}

/** Parses the headers of a request or response; throws {@link ProtocolHeaderError} when malformed. */
export function decodeSynapseHeaders(headers: HeaderBag): SynapseHeaders {
  parseIntHeader(headers, headerNames.headerSize)
  parseIntHeader(headers, headerNames.totalSize)
  const timeout = parseFloatHeader(headers, headerNames.timeout)
  if (timeout !== undefined && !(timeout >= 0 && Number.isFinite(timeout)))
    throw new ProtocolHeaderError(headerNames.timeout, 'expected a finite, non-negative number of seconds')
  return {
    name: single(headers, headerNames.name),
    timeout,
    computedBodyHash: single(headers, headerNames.bodyHash),
    dendrite: terminalInfoFromHeaders(headerNames.dendritePrefix, headers),
    axon: terminalInfoFromHeaders(headerNames.axonPrefix, headers),
  }
}
