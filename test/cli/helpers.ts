import { execFile, execFileSync, spawn } from 'node:child_process'
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Localnet } from '../../src/localnet/localnet.js'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const BIN = join(ROOT, 'bin', 'hetu.js')
const BUILT = join(ROOT, 'dist', 'cli', 'index.js')

/**
 * Builds dist/cli (the CLI alone, a few seconds) when any source file is newer than the built CLI, so
 * the tests run what users run. `npm test` builds first, so there it is a no-op. A lock directory
 * keeps two test files from building at once.
 */
export function ensureCliBuilt(): void {
  if (isFresh()) return
  mkdirSync(join(ROOT, 'dist'), { recursive: true })
  const lock = join(ROOT, 'dist', '.cli-test-build')
  try {
    mkdirSync(lock)
  } catch {
    const until = Date.now() + 120_000
    const pause = new Int32Array(new SharedArrayBuffer(4))
    while (!isFresh() && Date.now() < until) Atomics.wait(pause, 0, 0, 200)
    return
  }
  try {
    execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'tsup', 'dist', 'cli-default.js'), '--config', 'tsup.cli.config.ts'],
      { cwd: ROOT, stdio: 'ignore' },
    )
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
}

function isFresh(): boolean {
  let built: number
  try {
    built = statSync(BUILT).mtimeMs
  } catch {
    return false
  }
  return newest(join(ROOT, 'src')) <= built
}

/** The latest modification time of any file below `dir`. */
export function newest(dir: string): number {
  let latest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs)
  }
  return latest
}

// biome-ignore lint/suspicious/noExplicitAny: JSON printed by the CLI, asserted field by field.
export type Json = Record<string, any>

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/** A sandbox for CLI runs: its own temp dir (TMPDIR, HOME, wallets) and a clean environment. */
export class CliSandbox {
  readonly dir: string
  readonly env: NodeJS.ProcessEnv

  constructor(extraEnv: NodeJS.ProcessEnv = {}) {
    this.dir = mkdtempSync(join(tmpdir(), 'hetu-cli-'))
    mkdirSync(join(this.dir, 'home'))
    // Nothing from the developer's environment (HETU_*, NODE_OPTIONS) leaks into the runs.
    this.env = {
      PATH: process.env.PATH,
      TMPDIR: this.dir,
      HETU_LOCALNET_DIR: this.dir,
      HOME: join(this.dir, 'home'),
      HETU_SCRYPT_N: '1024',
      ...extraEnv,
    }
  }

  /**
   * Runs `hetu …` to completion. Never rejects: the exit code is part of the result. `stdout`: a file
   * to write it to instead of a pipe (e.g. /dev/full).
   */
  run(
    args: readonly string[],
    env: NodeJS.ProcessEnv = {},
    { stdout }: { stdout?: string } = {},
  ): Promise<CliResult> {
    if (stdout !== undefined) return runInto(stdout, args, { ...this.env, ...env }, this.dir)
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [BIN, ...args],
        { env: { ...this.env, ...env }, cwd: this.dir, timeout: 60_000 },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
          resolve({ code, stdout, stderr })
        },
      )
    })
  }

  /** Runs and parses stdout as JSON; throws with stderr when the command failed. */
  async json<T = Json>(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<T> {
    const result = await this.run([...args, '--json'], env)
    if (result.code !== 0) throw new Error(`hetu ${args.join(' ')} exited ${result.code}:\n${result.stderr}`)
    return JSON.parse(result.stdout) as T
  }

  /** Starts a long-running `hetu …` and resolves once its stdout has a first full line. */
  spawn(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...this.env, ...env }, cwd: this.dir })
    let stdout = ''
    let stderr = ''
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    const firstLine = new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        stdout += chunk
        const end = stdout.indexOf('\n')
        if (end >= 0) resolve(stdout.slice(0, end))
      })
      child.once('exit', (code) => reject(new Error(`hetu ${args.join(' ')} exited ${code}:\n${stderr}`)))
    })
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    return { child, firstLine, exited, stdout: () => stdout, stderr: () => stderr }
  }

  /** Writes the info file `hetu localnet` would, so the CLI finds a localnet started in the test. */
  announce(net: Localnet, pid = process.pid): void {
    const port = new URL(net.rpcUrl).port
    writeFileSync(
      join(this.dir, `hetu-localnet-${port}.json`),
      JSON.stringify({ ...net.toJSON(), pid }, null, 2),
    )
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true })
  }
}

/** `hetu …` with its stdout on the file at `path`: only the exit code and stderr come back. */
function runInto(
  path: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<CliResult> {
  const fd = openSync(path, 'w')
  const child = spawn(process.execPath, [BIN, ...args], { env, cwd, stdio: ['ignore', fd, 'pipe'] })
  closeSync(fd)
  let stderr = ''
  child.stderr!.on('data', (chunk) => {
    stderr += chunk
  })
  return new Promise((resolve) =>
    child.once('close', (code) => resolve({ code: code ?? 1, stdout: '', stderr })),
  )
}

/** The error lines of a failed run: exactly one `error:` line, no stack frames. */
export function errorLines(stderr: string): { errors: string[]; stackFrames: string[] } {
  const lines = stderr.split('\n')
  return {
    errors: lines.filter((line) => line.startsWith('error:')),
    stackFrames: lines.filter((line) => /^\s+at\s/.test(line)),
  }
}
