import { execFile, execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newest, ROOT } from '../cli/helpers.js'

const run = promisify(execFile)

// The README's "Use it from your project", as a user follows it: the package packed with `npm pack`,
// installed from its tarball into a fresh project with TypeScript and Node's types only (from the npm
// cache that `npm ci` filled, the registry only for what it lacks), the README's package.json and
// tsconfig.json, then the quick start type-checked and run on a real localnet, as ESM and as CommonJS.
describe('the packed package in a fresh project (README: Use it from your project)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hetu-consumer-'))
  const project = join(dir, 'project')
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const start = readme.indexOf('## Use it from your project')
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1))
  const [packageJson, tsconfig] = [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((m) =>
    JSON.parse(m[1]!),
  )
  // npm run by the test runner exports npm_* settings (prefix, cache, scripts) that are not the user's.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)))
  let tarball: string

  beforeAll(async () => {
    ensurePackageBuilt()
    const [packed] = JSON.parse(
      (
        await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
          cwd: ROOT,
          env,
        })
      ).stdout,
    ) as { filename: string; size: number; files: { path: string }[] }[]
    tarball = join(dir, packed!.filename)
    expect(packed!.size).toBeLessThan(1_000_000)
    expect(packed!.files.map((f) => f.path)).not.toContainEqual(expect.stringMatching(/^(src|test)\//))

    mkdirSync(project)
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, ...packageJson }),
    )
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(tsconfig))
    const versionOf = (name: string) =>
      (
        JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
          version: string
        }
      ).version
    await run(
      'npm',
      [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        tarball,
        `typescript@${versionOf('typescript')}`,
        `@types/node@${versionOf('@types/node')}`,
      ],
      { cwd: project, env },
    )
    // npm install of the tarball's dependency tree: ~60 s alone, several times that on a loaded machine.
  }, 360_000)
  afterAll(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }))

  const tsc = (cwd: string) =>
    run(process.execPath, [join(project, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], { cwd })
  const answer = /^\[ '0x[0-9a-fA-F]{40}: 40' \]\n$/

  it('ESM: the README tsconfig type-checks the quick start (no skipLibCheck) and it runs', async () => {
    expect(packageJson).toEqual({ type: 'module' })
    expect(tsconfig.compilerOptions.skipLibCheck).toBeUndefined()
    writeFileSync(join(project, 'quick-start.ts'), readFileSync(join(ROOT, 'examples', 'quick-start.ts')))
    await tsc(project).catch((err: { stdout: string }) => {
      throw new Error(`tsc failed:\n${err.stdout}`)
    })
    const { stdout } = await run(process.execPath, ['quick-start.js'], { cwd: project, env })
    expect(stdout).toMatch(answer)
  }, 240_000) // tsc over viem's types without skipLibCheck: ~30 s alone, minutes under load

  it('ESM: the subpaths (actions, protocol, consensus, localnet) type-check, run, and share the root’s code', async () => {
    const sub = join(project, 'subpaths')
    mkdirSync(sub)
    writeFileSync(join(sub, 'package.json'), JSON.stringify(packageJson))
    writeFileSync(join(sub, 'tsconfig.json'), JSON.stringify(tsconfig))
    writeFileSync(
      join(sub, 'main.ts'),
      [
        "import { HetuError, InvalidArgumentError, startLocalnet } from 'hetu-subnet'",
        "import { type GetCurrentBlockReturnType, getCurrentBlock, WHETUAbi } from 'hetu-subnet/actions'",
        "import { normalizeWeights } from 'hetu-subnet/consensus'",
        "import { LOCAL_CHAIN_ID, startLocalnet as start } from 'hetu-subnet/localnet'",
        "import { computeBodyHash, type SynapseHeaders } from 'hetu-subnet/protocol'",
        'const block: GetCurrentBlockReturnType | undefined = undefined',
        'const headers: SynapseHeaders | undefined = undefined',
        'console.log(',
        '  [typeof getCurrentBlock, WHETUAbi.length > 0, normalizeWeights([1, 3]).join(), LOCAL_CHAIN_ID].join(),',
        '  start === startLocalnet && new InvalidArgumentError("x", "y") instanceof HetuError,',
        "  computeBodyHash({}, []).length, block ?? headers ?? '-',",
        ')',
      ].join('\n'),
    )
    await tsc(sub).catch((err: { stdout: string }) => {
      throw new Error(`tsc failed:\n${err.stdout}`)
    })
    const { stdout } = await run(process.execPath, ['main.js'], { cwd: sub, env })
    expect(stdout).toMatch(/^function,true,[\d.]+,[\d.]+,560002 true 64 -\n$/)
  }, 240_000) // tsc over viem's types without skipLibCheck: ~30 s alone, minutes under load

  it('CommonJS on Node ≥ 20.19: the same quick start in an async function, compiled to require()', async () => {
    const cjs = join(project, 'cjs')
    mkdirSync(cjs)
    writeFileSync(join(cjs, 'package.json'), JSON.stringify({ type: 'commonjs' }))
    // The README's tsconfig, with the skipLibCheck it allows (the ESM test checked the libraries).
    writeFileSync(
      join(cjs, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { ...tsconfig.compilerOptions, skipLibCheck: true } }),
    )
    const source = readFileSync(join(ROOT, 'examples', 'quick-start.ts'), 'utf8')
    const body = source.slice(source.search(/^import /m))
    const imports = body.slice(0, body.indexOf('\n') + 1)
    const code = body
      .slice(imports.length)
      .trim()
      .split('\n')
      .map((line) => `  ${line}`)
    writeFileSync(
      join(cjs, 'main.ts'),
      `${imports}\nasync function main() {\n${code.join('\n')}\n}\nvoid main()\n`,
    )
    await tsc(cjs).catch((err: { stdout: string }) => {
      throw new Error(`tsc failed:\n${err.stdout}`)
    })
    expect(readFileSync(join(cjs, 'main.js'), 'utf8')).toContain('require("hetu-subnet")')
    const { stdout, stderr } = await run(process.execPath, ['main.js'], { cwd: cjs, env })
    expect(stdout).toMatch(answer)
    expect(stderr).toBe('')
  }, 240_000) // tsc over viem's types without skipLibCheck: ~30 s alone, minutes under load
})

/** dist/ as `npm run build` makes it, rebuilt when a source file is newer (`npm test` builds first). */
function ensurePackageBuilt(): void {
  const built = ['index.js', 'index.d.ts', join('cli', 'index.js')].map((file) => {
    try {
      return statSync(join(ROOT, 'dist', file)).mtimeMs
    } catch {
      return 0
    }
  })
  if (Math.min(...built) >= newest(join(ROOT, 'src'))) return
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' })
}
