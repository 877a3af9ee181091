/**
 * What the chain layer needs from a logger: pino's `debug(obj, msg)` shape, so a pino logger (or the
 * SDK's createLogger) plugs in directly. Callers never pass secrets here: only methods, addresses,
 * hashes, amounts and timings.
 */
export interface ChainLogger {
  debug(fields: Record<string, unknown>, message?: string): void
}
