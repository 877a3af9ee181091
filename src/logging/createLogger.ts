import { createRequire } from 'node:module'
import type pino from 'pino'
import { redactSecrets } from './redact.js'
import { serializeError } from './serializeError.js'

// pino (and its dependencies: ~50 ms) loads on the first createLogger call, not with the SDK: a chain
// command or client without logging never pays for it. require keeps createLogger synchronous.
let loaded: typeof pino | undefined
function loadPino(): typeof pino {
  loaded ??= createRequire(import.meta.url)('pino') as typeof pino
  return loaded
}

/** The SDK's logger: pino's, so child loggers, levels and transports work as usual. */
export type Logger = pino.Logger

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'

export interface CreateLoggerOptions {
  /** Debug level: every chain call, transaction and axon trace. The Python SDK's `log_verbose`. */
  verbose?: boolean
  /** Alias of `verbose`, as the Python SDK spells it. */
  logVerbose?: boolean
  /** Explicit level; wins over `verbose` and the `HETU_LOG_LEVEL` environment variable. */
  level?: LogLevel
  /** Component name on every line, e.g. `hetu:chain`, `hetu:axon`. */
  name?: string
  /** Where lines go. Default: stderr (stdout stays free for a CLI's output). */
  destination?: pino.DestinationStream
}

/**
 * Structured JSON-lines logger on stderr: quiet (warn) by default, debug when `verbose`/`logVerbose`.
 * Fields named like secrets (privateKey, password, mnemonic, secret, signing keys, at any depth, in
 * log objects and child bindings) are written as `[Redacted]`.
 *
 * @example
 * const log = createLogger({ verbose: true, name: 'hetu:chain' })
 * log.debug({ fn: 'getSubnetInfo', netuid: 1 }, 'read')
 */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const verbose = options.verbose ?? options.logVerbose ?? false
  const level = options.level ?? (verbose ? 'debug' : envLevel()) ?? 'warn'
  const pino = loadPino()
  const logger = pino(
    {
      name: options.name,
      level,
      formatters: { log: (object) => redactSecrets(object) },
      serializers: { err: serializeError, error: serializeError },
    },
    options.destination ?? pino.destination({ fd: 2, sync: true }),
  )
  return redactChildBindings(logger)
}

// pino applies `formatters.bindings` to the root's base bindings only, not to `child()` bindings, so the
// redaction goes in front of `child` and `setBindings`. Children inherit these from the root through
// their prototype, and `this` keeps each grandchild's own bindings.
function redactChildBindings(logger: Logger): Logger {
  // pino's generic child signature does not survive a wrapper; the wrapper only touches `bindings`.
  type Untyped = (this: unknown, bindings: pino.Bindings, options?: unknown) => unknown
  const child = logger.child as unknown as Untyped
  const setBindings = logger.setBindings as Untyped
  logger.child = function (this: unknown, bindings: pino.Bindings, options?: unknown) {
    return child.call(this, redactSecrets(bindings), options)
  } as unknown as Logger['child']
  logger.setBindings = function (this: unknown, bindings: pino.Bindings) {
    setBindings.call(this, redactSecrets(bindings))
  }
  return logger
}

const LEVELS = new Set<string>(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])

function envLevel(): LogLevel | undefined {
  const value = process.env.HETU_LOG_LEVEL?.toLowerCase()
  return value && LEVELS.has(value) ? (value as LogLevel) : undefined
}
