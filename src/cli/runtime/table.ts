// Aligned plain-text tables: no dependency, no colours (output stays greppable and pipe-safe).

export type Align = 'left' | 'right'

export interface Column {
  header: string
  align?: Align
}

/** Rows under a header, columns padded to their widest cell; numbers usually right-aligned. */
export function formatTable(
  columns: readonly (Column | string)[],
  rows: readonly (readonly unknown[])[],
): string {
  const cols = columns.map((c) => (typeof c === 'string' ? { header: c } : c))
  const cells = rows.map((row) => cols.map((_, i) => cellText(row[i])))
  const widths = cols.map((col, i) => Math.max(width(col.header), ...cells.map((row) => width(row[i]!))))
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => (cols[i]!.align === 'right' ? padStart(cell, widths[i]!) : padEnd(cell, widths[i]!)))
      .join('  ')
      .trimEnd()
  return [line(cols.map((c) => c.header)), ...cells.map(line)].join('\n')
}

/** `key  value` pairs, keys padded to the longest. */
export function formatFields(fields: readonly (readonly [string, unknown])[]): string {
  const keyWidth = Math.max(0, ...fields.map(([key]) => width(key)))
  return fields.map(([key, value]) => `${padEnd(key, keyWidth)}  ${cellText(value)}`.trimEnd()).join('\n')
}

function cellText(value: unknown): string {
  if (value === undefined || value === null) return '-'
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  return String(value)
}

// Code points, not UTF-16 units, so "✓" or "–" count as one column.
function width(text: string): number {
  return [...text].length
}

function padEnd(text: string, to: number): string {
  return text + ' '.repeat(Math.max(0, to - width(text)))
}

function padStart(text: string, to: number): string {
  return ' '.repeat(Math.max(0, to - width(text))) + text
}
