import pino from 'pino'
import type { ChainLogger } from './logger.js'

/**
 * Debug logger behind `logVerbose: true` until the shared createLogger lands: pino on stderr.
 * Chain logs carry no secrets (methods, addresses, hashes, amounts), so no redaction is needed here.
 */
export function createVerboseLogger(): ChainLogger {
  return pino({ name: 'hetu-chain', level: 'debug' }, pino.destination(2))
}
