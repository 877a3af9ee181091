// Every compiled contract must deploy on a chain that enforces EIP-170 (runtime code ≤ 24 576 bytes)
// and EIP-3860 (initcode ≤ 49 152 bytes), as the real Hetu chain and anvil's defaults do.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const MAX_RUNTIME_BYTES = 24_576
const MAX_INITCODE_BYTES = 49_152
const artifactsDir = join(import.meta.dirname, '..', '..', 'artifacts')

const artifacts = readdirSync(artifactsDir)
  .filter((f) => f.endsWith('.json') && f !== 'build-info.json')
  .map((f) => JSON.parse(readFileSync(join(artifactsDir, f), 'utf8')) as Record<string, string>)

const bytes = (hex: string) => (hex.length - 2) / 2

describe('code size limits', () => {
  it('covers the compiled artifacts', () => {
    expect(artifacts.map((a) => a.contractName)).toEqual(
      expect.arrayContaining(['SubnetManager', 'SubnetAMMFactory', 'SubnetAMM', 'AlphaToken']),
    )
  })

  for (const a of artifacts) {
    it(`${a.contractName}: runtime ≤ ${MAX_RUNTIME_BYTES} and initcode ≤ ${MAX_INITCODE_BYTES} bytes`, () => {
      expect(bytes(a.deployedBytecode!)).toBeLessThanOrEqual(MAX_RUNTIME_BYTES)
      expect(bytes(a.bytecode!)).toBeLessThanOrEqual(MAX_INITCODE_BYTES)
    })
  }
})
