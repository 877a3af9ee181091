/**
 * The Axon, Dendrite and synapse definitions the throughput benches measure: the SDK as it ships
 * (src bundled by tsup as `npm run build` does, without type declarations, into
 * .cache/bench/sdk), not the source through tsx, whose transform adds `keepNames` wrappers to
 * every function made per request and source maps that users' installs do not have.
 * BENCH_SDK=source measures the source through tsx instead. The build is redone when a file
 * under src/ is newer than it.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

type Sdk = typeof import('../../../src/index.js')

const root = join(import.meta.dirname, '..', '..', '..')
const outDir = join(root, '.cache', 'bench', 'sdk')
const bundle = join(outDir, 'index.js')

function newestSource(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs)
  }
  return newest
}

function build(): string {
  // Checked once per run: the servers, forked with this environment, take the parent's word.
  if (process.env.BENCH_SDK_CHECKED === bundle) return bundle
  if (!existsSync(bundle) || statSync(bundle).mtimeMs < newestSource(join(root, 'src')))
    execFileSync(
      process.execPath,
      [
        join(root, 'node_modules', 'tsup', 'dist', 'cli-default.js'),
        'src/index.ts',
        '--no-config',
        '--format',
        'esm',
        '--target',
        'node20',
        '--out-dir',
        outDir,
        '--silent',
      ],
      { cwd: root, stdio: 'inherit' },
    )
  process.env.BENCH_SDK_CHECKED = bundle
  return bundle
}

export const sdkSource = process.env.BENCH_SDK === 'source' ? 'source (tsx)' : 'build (tsup)'
const sdk: Sdk =
  process.env.BENCH_SDK === 'source'
    ? await import('../../../src/index.js')
    : ((await import(pathToFileURL(build()).href)) as Sdk)

export const { Axon, Dendrite, defineSynapse } = sdk
export type Axon = InstanceType<Sdk['Axon']>
export type Dendrite = InstanceType<Sdk['Dendrite']>
