/** What a redacted value is replaced with. */
export const REDACTED = '[Redacted]'

// Field names (lower case, letters and digits only) that always hold a secret.
const SECRET_NAMES = new Set([
  'password',
  'passwd',
  'passphrase',
  'privatekey',
  'secretkey',
  'signingkey',
  'mnemonic',
  'seed',
  'seedphrase',
  'secret',
  'apikey',
  'authorization',
  'xprv',
])
// Parts of a field name that mark it as a secret wherever they appear (`hotkeyPrivateKey`, `keystorePassword`).
const SECRET_PARTS = ['privatekey', 'password', 'passphrase', 'mnemonic', 'secret', 'signingkey']

/** True for field names that hold a secret: privateKey, password, mnemonic, secret, signing keys and variants. */
export function isSecretKey(key: string): boolean {
  const normalized = key.toLowerCase().replace(/[^a-z0-9]/g, '')
  return SECRET_NAMES.has(normalized) || SECRET_PARTS.some((part) => normalized.includes(part))
}

const MAX_DEPTH = 12

/**
 * Copy of `value` with every secret field (see {@link isSecretKey}) replaced by `[Redacted]`, at any depth
 * of plain objects and arrays. Class instances (errors, wallets with their own `toJSON`) are left as they
 * are; cycles and very deep values are cut, not followed.
 */
export function redactSecrets<T>(value: T): T {
  return redact(value, 0, new WeakSet()) as T
}

function redact(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value !== 'object' || value === null) return value
  if (seen.has(value)) return '[Circular]'
  if (depth >= MAX_DEPTH) return '[Truncated]'
  if (Array.isArray(value)) {
    seen.add(value)
    const out = value.map((item) => redact(item, depth + 1, seen))
    seen.delete(value)
    return out
  }
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return value
  seen.add(value)
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    out[key] = isSecretKey(key) ? REDACTED : redact(item, depth + 1, seen)
  }
  seen.delete(value)
  return out
}
