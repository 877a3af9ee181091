export { type CreateLoggerOptions, createLogger, type Logger, type LogLevel } from './createLogger.js'
export { isSecretKey, REDACTED, redactSecrets } from './redact.js'
