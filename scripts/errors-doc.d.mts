// Types of scripts/errors-doc.mjs, for test/docs/errors.test.ts.
import type { HetuErrorCode } from '../src/errors.js'

export interface ErrorCodeEntry {
  className: string
  file: string
  meaning: string | undefined
  hints: string[]
}
export const CODES_FILE: string
export const DOCS_FILE: string
export function anchorOf(code: string): string
export function collectErrorCodes(): Map<HetuErrorCode, ErrorCodeEntry[]>
export function renderCodesFile(codes: Map<HetuErrorCode, ErrorCodeEntry[]>): string
export function renderDocs(codes: Map<HetuErrorCode, ErrorCodeEntry[]>): string
export function generate(): { codes: Map<HetuErrorCode, ErrorCodeEntry[]>; codesFile: string; docs: string }
