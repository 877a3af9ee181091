import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { join } from 'node:path'

/** A child process that printed its first line, and how to stop it. */
export interface Running {
  child: ChildProcess
  /** The first line it printed (its `{"port":…}` for an axon). */
  line: string
  stop(): Promise<void>
}

/** Spawns `command` and waits for `ready` to match its stdout (rejects if it exits first). */
export function spawnReady(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
): Promise<Running> {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stderr!.on('data', (chunk) => {
    stderr += chunk
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await exited
  }
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      stdout += chunk
      const match = ready.exec(stdout)
      if (match) resolve({ child, line: match[0], stop })
    })
    child.once('exit', (code) =>
      reject(new Error(`${command} exited (${code}) before it was ready:\n${stderr}`)),
    )
  })
}

/** A free TCP port on 127.0.0.1 (for programs that need one on their command line). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

/** A throwaway `redis-server` on a free port, nothing saved to disk. */
export async function startRedis(): Promise<Running & { url: string }> {
  const port = await freePort()
  const running = await spawnReady(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {},
    /Ready to accept connections/,
  )
  return { ...running, url: `redis://127.0.0.1:${port}` }
}

/** An axon (test/axon/fixtures/axon-process.ts) in its own process: its port, and how to stop it. */
export async function startAxonProcess(options: {
  hotkey: string
  redisUrl?: string
  axon?: Record<string, unknown>
}): Promise<Running & { port: number; url: string }> {
  const running = await spawnReady(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'fixtures/axon-process.ts')],
    {
      HOTKEY: options.hotkey,
      REDIS_URL: options.redisUrl ?? '',
      AXON_OPTIONS: JSON.stringify(options.axon ?? {}),
    },
    /\{"port":\d+\}\n/,
  )
  const { port } = JSON.parse(running.line) as { port: number }
  return { ...running, port, url: `http://127.0.0.1:${port}` }
}
