/**
 * What one end of a call says about itself (Python `TerminalInfo`): status, timing, address,
 * version, nonce, uuid, hotkey and signature. Every field is optional, as on the wire.
 */
export interface TerminalInfo {
  statusCode?: number
  statusMessage?: string
  /** Seconds, as a float (wire format). */
  processTime?: number
  ip?: string
  port?: number
  version?: number
  /** Nanoseconds since the epoch; above 2^53, hence a bigint. */
  nonce?: bigint
  uuid?: string
  hotkey?: string
  /** `0x` + 65-byte r‖s‖v hex. */
  signature?: string
}

export type TerminalField = keyof TerminalInfo

type WireKind = 'int' | 'float' | 'str' | 'bigint'

/** Wire names and kinds of the TerminalInfo fields, in the Python model's field order. */
export const terminalFields: readonly (readonly [TerminalField, string, WireKind])[] = [
  ['statusCode', 'status_code', 'int'],
  ['statusMessage', 'status_message', 'str'],
  ['processTime', 'process_time', 'float'],
  ['ip', 'ip', 'str'],
  ['port', 'port', 'int'],
  ['version', 'version', 'int'],
  ['nonce', 'nonce', 'bigint'],
  ['uuid', 'uuid', 'str'],
  ['hotkey', 'hotkey', 'str'],
  ['signature', 'signature', 'str'],
]
