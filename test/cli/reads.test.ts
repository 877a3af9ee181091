import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'tsup'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readsBuild } from '../../tsup.cli.config.js'

// The read commands' file (dist/cli/reads.js) starts fast because it holds only what reads need: a
// command that pulled in the wallet or the whole SDK would make every read pay for them again.
describe('dist/cli/reads.js', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'hetu-reads-build-'))
  let inputs: string[]

  beforeAll(async () => {
    await build({ ...readsBuild, outDir, metafile: true, silent: true, config: false })
    const metafile = JSON.parse(readFileSync(join(outDir, 'metafile-esm.json'), 'utf8')) as {
      outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>
    }
    // What the file holds: the modules with code in it (not those only reached and tree-shaken away).
    inputs = Object.values(metafile.outputs).flatMap((output) =>
      Object.entries(output.inputs)
        .filter(([, input]) => input.bytesInOutput > 0)
        .map(([path]) => path),
    )
  }, 60_000)
  afterAll(() => rmSync(outDir, { recursive: true, force: true }))

  it('holds the read commands and the actions they call', () => {
    expect(inputs).toContain('src/cli/commands/subnet/list.ts')
    expect(inputs).toContain('src/chain/actions/subnet/getAllSubnetDetails.ts')
  })

  it('holds no wallet, no SDK facade, no signing and no write action', () => {
    // viem's parseAccount (a few lines, for createClient) is the one file of viem/accounts it needs.
    const heavy = inputs.filter((path) =>
      /^src\/(wallet\/(?!paths)|sdk\/|neuron\/|axon\/|dendrite\/)|\/accounts\/(?!utils\/parseAccount\.js)|@scure|secp256k1|src\/chain\/internal\/write/.test(
        path,
      ),
    )
    expect(heavy).toEqual([])
  })
})
