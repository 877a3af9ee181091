/** JSON for `--json`: bigints (wei, blocks) as decimal strings so no tool loses precision. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v), 2)
}
