/** Parameters shared by every {@link HetuError}. */
export interface HetuErrorOptions {
  /** Longer explanation: what was seen, with the values involved. Never a secret. */
  details?: string
  /** What the user can do about it. */
  hint?: string
  /** Path under the docs, e.g. `/errors#insufficient-available-stake`. */
  docsPath?: string
  cause?: unknown
  /** Extra structured fields (amounts, addresses) for programmatic handling. */
  meta?: Record<string, unknown>
}

/**
 * Base of every error the SDK throws (viem BaseError style): a stable `code`, a one-line
 * `shortMessage`, optional `details` and a `hint` saying what to do.
 */
export class HetuError extends Error {
  override name = 'HetuError'
  readonly code: string
  readonly shortMessage: string
  readonly details: string | undefined
  readonly hint: string | undefined
  readonly docsPath: string | undefined
  readonly meta: Record<string, unknown>

  constructor(code: string, shortMessage: string, options: HetuErrorOptions = {}) {
    const lines = [shortMessage]
    if (options.details) lines.push('', `Details: ${options.details}`)
    if (options.hint) lines.push(`Hint: ${options.hint}`)
    if (options.docsPath) lines.push(`Docs: ${options.docsPath}`)
    super(lines.join('\n'), options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.shortMessage = shortMessage
    this.details = options.details
    this.hint = options.hint
    this.docsPath = options.docsPath
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
