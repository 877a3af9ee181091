import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
// @ts-expect-error: a plain .mjs build script without type declarations
import { compileReader } from '../../scripts/build-metagraph-reader.mjs'

describe('MetagraphReader', () => {
  it('is committed as what its Solidity source compiles to', async () => {
    const committed = await readFile(
      join(import.meta.dirname, '../../src/metagraph/reader/bytecode.ts'),
      'utf8',
    )
    expect(compileReader()).toBe(committed)
  })
})
