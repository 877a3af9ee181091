import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Abi, Hex } from 'viem'

/** A compiled contract as written by scripts/build-contracts.mjs. */
export interface Artifact {
  contractName: string
  abi: Abi
  bytecode: Hex
  deployedBytecode: Hex
  sourceHash: string
}

let root: string | undefined

/** The package root (works from src/ under tsx/vitest and from the bundled dist/). */
export function packageRoot(): string {
  if (root) return root
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'artifacts', 'build-info.json'))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error('hetu-subnet: artifacts/ not found; run `npm run build:contracts`')
    dir = parent
  }
  root = dir
  return dir
}

const cache = new Map<string, Artifact>()

/** Loads `artifacts/<name>.json` once per process. */
export function loadArtifact(name: string): Artifact {
  let artifact = cache.get(name)
  if (!artifact) {
    const path = join(packageRoot(), 'artifacts', `${name}.json`)
    if (!existsSync(path))
      throw new Error(`no compiled artifact for ${name}; run \`npm run build:contracts\``)
    artifact = JSON.parse(readFileSync(path, 'utf8')) as Artifact
    cache.set(name, artifact)
  }
  return artifact
}
