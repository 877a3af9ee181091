import type { HetuErrorCode } from './errorCodes.js'

export type { HetuErrorCode } from './errorCodes.js'

/** Where docs/errors.md explains `code` (the section's anchor is the code in lower case). */
export function errorDocsPath(code: HetuErrorCode): string {
  return `docs/errors.md#${code.toLowerCase()}`
}

/** Parameters shared by every {@link HetuError}. */
export interface HetuErrorOptions {
  /** Longer explanation: what was seen, with the values involved. Never a secret. */
  details?: string
  /** What the user can do about it. */
  hint?: string
  /**
   * Where the docs explain the error, also printed in the message when given. Default (not printed):
   * the code's section of docs/errors.md, e.g. `docs/errors.md#insufficient_available_stake`.
   */
  docsPath?: string
  cause?: unknown
  /** Extra structured fields (amounts, addresses) for programmatic handling. */
  meta?: Record<string, unknown>
}

/**
 * Base of every error the SDK throws (viem BaseError style): a stable `code` (a {@link HetuErrorCode},
 * each explained in docs/errors.md), a one-line `shortMessage`, optional `details` and a `hint` saying
 * what to do.
 */
export class HetuError extends Error {
  override name = 'HetuError'
  readonly code: HetuErrorCode
  readonly shortMessage: string
  readonly details: string | undefined
  readonly hint: string | undefined
  /** The section of docs/errors.md about this error's code (or the `docsPath` it was given). */
  readonly docsPath: string
  readonly meta: Record<string, unknown>

  constructor(code: HetuErrorCode, shortMessage: string, options: HetuErrorOptions = {}) {
    const lines = [shortMessage]
    if (options.details) lines.push('', `Details: ${options.details}`)
    if (options.hint) lines.push(`Hint: ${options.hint}`)
    if (options.docsPath) lines.push(`Docs: ${options.docsPath}`)
    super(lines.join('\n'), options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.shortMessage = shortMessage
    this.details = options.details
    this.hint = options.hint
    this.docsPath = options.docsPath ?? errorDocsPath(code)
    this.meta = options.meta ?? {}
  }

  /** Walks the `cause` chain and returns the first error matching `predicate`. */
  walk(predicate?: (err: unknown) => boolean): unknown {
    let current: unknown = this
    while (current) {
      if (!predicate || predicate(current)) {
        if (predicate || !(current as { cause?: unknown }).cause) return current
      }
      current = (current as { cause?: unknown }).cause
    }
    return undefined
  }
}
