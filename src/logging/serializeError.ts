/**
 * A URL's credentials, path and query, hidden (its scheme and host kept): RPC providers put API keys
 * in the path, Redis URLs carry passwords, and viem's error messages (a HetuError's cause) print the
 * URL they failed on, whole. `file:///…` paths in stacks have no host and stay.
 */
const URL_WITH_SECRETS = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/@"'<>]*@)?([^\s/?#"'<>@]+)([/?#][^\s"'<>]*)?/gi

export const hideUrlSecrets = (text: string) =>
  text.replace(URL_WITH_SECRETS, (whole, scheme: string, user?: string, host?: string, rest?: string) =>
    user || (rest && rest !== '/') ? `${scheme}${host}/…` : whole,
  )

/** The shape of the SDK's HetuError (errors.ts, which sits in this folder's layer: not imported). */
interface SdkErrorShape extends Error {
  code: string
  shortMessage: string
  details?: string | undefined
}

const isSdkError = (value: Error): value is SdkErrorShape =>
  typeof (value as { code?: unknown }).code === 'string' &&
  typeof (value as { shortMessage?: unknown }).shortMessage === 'string'

/**
 * The `err` (and `error`) field of a log line. A HetuError is what the SDK expected to go wrong (an
 * RPC outage, a revert): its code, short message and details on one line, and its cause named, not
 * the cause chain's messages and stacks (2 KB a line, logged on every retry of a long outage, with the
 * RPC URL in full). Any other error keeps its stack. URLs keep only their host in either.
 */
export function serializeError(value: unknown): unknown {
  if (typeof value === 'string') return hideUrlSecrets(value)
  if (!(value instanceof Error)) return value
  if (isSdkError(value)) {
    const cause = value.cause as { name?: unknown; shortMessage?: unknown; message?: unknown } | undefined
    const causeText =
      cause && typeof cause === 'object'
        ? `${String(cause.name ?? 'Error')}: ${String(cause.shortMessage ?? cause.message ?? '').split('\n')[0]}`
        : undefined
    return {
      type: value.name,
      code: value.code,
      message: hideUrlSecrets(value.shortMessage),
      ...(value.details !== undefined && { details: hideUrlSecrets(value.details) }),
      ...(causeText !== undefined && { cause: hideUrlSecrets(causeText) }),
    }
  }
  const code = (value as { code?: unknown }).code
  return {
    type: value.name,
    ...(code !== undefined && { code }),
    message: hideUrlSecrets(value.message),
    ...(value.stack !== undefined && { stack: hideUrlSecrets(value.stack) }),
  }
}
