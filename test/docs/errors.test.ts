// Every error the SDK throws is a HetuError whose code is in HetuErrorCode and explained in docs/errors.md:
// the union and the page are generated from the source (scripts/errors-doc.mjs), so a code added without
// regenerating fails here.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { anchorOf, CODES_FILE, DOCS_FILE, generate } from '../../scripts/errors-doc.mjs'
import { ResponseTooLargeError } from '../../src/dendrite/status.js'
import * as sdk from '../../src/index.js'
import { errorDocsPath, HetuError } from '../../src/index.js'
import { RpcError } from '../../src/localnet/rpc.js'

const generated = generate()

describe('error codes', () => {
  it('src/errorCodes.ts and docs/errors.md are what the source gives (node scripts/errors-doc.mjs)', () => {
    expect(readFileSync(CODES_FILE, 'utf8')).toBe(generated.codesFile)
    expect(readFileSync(DOCS_FILE, 'utf8')).toBe(generated.docs)
  })

  it('every code has its section in docs/errors.md, with the class that throws it', () => {
    const docs = readFileSync(DOCS_FILE, 'utf8')
    expect(generated.codes.size).toBeGreaterThan(80)
    for (const [code, entries] of generated.codes) {
      expect(docs).toContain(`\n## ${code}\n`)
      expect(errorDocsPath(code)).toBe(`docs/errors.md#${anchorOf(code)}`)
      for (const { className } of entries) expect(docs).toContain(`\`${className}\``)
    }
  })

  it('every error class the package exports is a HetuError with a docsPath into docs/errors.md', () => {
    const errorClasses = Object.entries(sdk as Record<string, unknown>).filter(
      (entry): entry is [string, abstract new (...args: never[]) => unknown] =>
        typeof entry[1] === 'function' && entry[1].prototype instanceof Error,
    )
    expect(errorClasses.length).toBeGreaterThan(60)
    for (const [name, value] of errorClasses)
      expect(value === HetuError || value.prototype instanceof HetuError, name).toBe(true)
    for (const err of [
      new ResponseTooLargeError('response larger than 10 bytes'),
      new RpcError('eth_call', 3, 'x'),
    ]) {
      expect(err).toBeInstanceOf(HetuError)
      expect(generated.codes.has(err.code)).toBe(true)
      expect(err.docsPath).toBe(errorDocsPath(err.code))
    }
    expect(new ResponseTooLargeError('response larger than 10 bytes').message).toBe(
      'response larger than 10 bytes',
    )
  })
})
