import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { AnvilStartError, PortInUseError, portIsFree, startAnvilWatchdog } from './processes.js'

/** Options for {@link startAnvil}. */
export interface AnvilOptions {
  /** TCP port; 0 (default) lets the OS pick a free one. */
  port?: number
  host?: string
  chainId?: number
  /** Seconds between blocks; omitted = a block per transaction (automine). */
  blockTime?: number
  /** Number of dev accounts (default 10, funded with `balance` ETH each). */
  accounts?: number
  balance?: number
  /** States kept in memory for historical reads (`--prune-history N`); nothing is written to disk. */
  historyStates?: number
  /** Extra anvil flags, appended verbatim. */
  extraArgs?: string[]
  /** Called with each line anvil prints (for logs); nothing by default. */
  onLog?: (line: string) => void
  /** Start-up deadline in ms (default 15 000). */
  startTimeoutMs?: number
}

/** A funded dev account of the running anvil (well-known test keys: never use them on a real network). */
export interface DevAccount {
  address: `0x${string}`
  privateKey: `0x${string}`
}

/** A running anvil whose process (and temporary HOME) we own. */
export interface AnvilProcess {
  readonly rpcUrl: string
  readonly port: number
  readonly pid: number
  /** anvil's throw-away HOME (removed when it stops). */
  readonly home: string
  readonly accounts: readonly DevAccount[]
  stop(): Promise<void>
  [Symbol.asyncDispose](): Promise<void>
}

const PLATFORM_PACKAGES: Record<string, string> = {
  'linux-x64': '@foundry-rs/anvil-linux-amd64',
  'linux-arm64': '@foundry-rs/anvil-linux-arm64',
  'darwin-x64': '@foundry-rs/anvil-darwin-amd64',
  'darwin-arm64': '@foundry-rs/anvil-darwin-arm64',
  'win32-x64': '@foundry-rs/anvil-win32-amd64',
}

/** Path of the native anvil binary shipped in the npm package for this platform. */
export function anvilBinaryPath(): string {
  const key = `${process.platform}-${process.arch}`
  const pkg = PLATFORM_PACKAGES[key]
  if (!pkg)
    throw new Error(
      `anvil has no prebuilt binary for ${key}; supported: ${Object.keys(PLATFORM_PACKAGES).join(', ')}`,
    )
  const require = createRequire(import.meta.url)
  let pkgJson: string
  try {
    pkgJson = require.resolve(`${pkg}/package.json`)
  } catch {
    throw new Error(
      `${pkg} is not installed; run \`npm ci\` (it is an optional dependency of @foundry-rs/anvil)`,
    )
  }
  return join(dirname(pkgJson), 'bin', process.platform === 'win32' ? 'anvil.exe' : 'anvil')
}

/**
 * Spawns the native anvil binary (not the JS wrapper, so the PID is ours) with a throw-away HOME
 * and `--prune-history`, so it never writes chain state under ~/.foundry. A watchdog process stops it
 * (and removes that HOME) if this process dies without stopping it, even by SIGKILL. A taken port
 * throws {@link PortInUseError}; any other failed start {@link AnvilStartError}, with anvil's output.
 */
export async function startAnvil(options: AnvilOptions = {}): Promise<AnvilProcess> {
  const host = options.host ?? '127.0.0.1'
  // Checked first so the error names the holder; anvil's own message only says "Address already in use".
  if (options.port && !(await portIsFree(options.port, host)))
    throw new PortInUseError({ host, port: options.port })
  const home = mkdtempSync(join(tmpdir(), 'hetu-anvil-'))
  const args = [
    '--port',
    String(options.port ?? 0),
    '--host',
    host,
    '--prune-history',
    String(options.historyStates ?? 1024),
    '--accounts',
    String(options.accounts ?? 10),
    '--balance',
    String(options.balance ?? 1_000_000),
  ]
  args.push('--config-out', join(home, 'anvil.json'))
  if (options.chainId !== undefined) args.push('--chain-id', String(options.chainId))
  if (options.blockTime !== undefined) args.push('--block-time', String(options.blockTime))
  if (options.extraArgs) args.push(...options.extraArgs)

  const child = spawn(anvilBinaryPath(), args, {
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: home, XDG_DATA_HOME: home, XDG_CACHE_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const watchdog = child.pid === undefined ? undefined : startAnvilWatchdog(child.pid, home)
  const cleanupHome = () => {
    watchdog?.kill('SIGKILL')
    rmSync(home, { recursive: true, force: true })
  }

  let port: number
  let accounts: DevAccount[]
  try {
    port = await waitForListening(child, { ...options, host })
    accounts = readDevAccounts(join(home, 'anvil.json'))
  } catch (err) {
    child.kill('SIGKILL')
    cleanupHome()
    throw err
  }
  let stopped: Promise<void> | undefined
  const stop = () => {
    stopped ??= new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        cleanupHome()
        resolve()
        return
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000)
      child.once('exit', () => {
        clearTimeout(timer)
        cleanupHome()
        resolve()
      })
      child.kill('SIGTERM')
    })
    return stopped
  }
  // Never leave an orphan anvil behind when our process exits abruptly.
  const onExit = () => child.kill('SIGKILL')
  process.once('exit', onExit)
  child.once('exit', () => process.removeListener('exit', onExit))

  return {
    rpcUrl: `http://${host}:${port}`,
    port,
    pid: child.pid!,
    home,
    accounts,
    stop,
    [Symbol.asyncDispose]: stop,
  }
}

function waitForListening(child: ChildProcess, options: AnvilOptions & { host: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    let buffered = ''
    const tail: string[] = []
    const timer = setTimeout(
      () => fail(`anvil did not start within ${options.startTimeoutMs ?? 15_000} ms`),
      options.startTimeoutMs ?? 15_000,
    )
    let settled = false
    const fail = (reason: string) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      // The port may be taken between our check and anvil's bind.
      if (options.port && tail.some((l) => /address already in use/i.test(l)))
        reject(new PortInUseError({ host: options.host, port: options.port, anvilOutput: tail }))
      else reject(new AnvilStartError(reason, tail))
    }
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8')
      let nl = buffered.indexOf('\n')
      while (nl >= 0) {
        const line = buffered.slice(0, nl)
        buffered = buffered.slice(nl + 1)
        options.onLog?.(line)
        tail.push(line)
        if (tail.length > 20) tail.shift()
        const match = /Listening on .*:(\d+)\s*$/.exec(line)
        if (match && !settled) {
          settled = true
          clearTimeout(timer)
          resolve(Number(match[1]))
        }
        nl = buffered.indexOf('\n')
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.once('error', (err) => fail(`anvil could not be started (${err.message})`))
    // 'close' (not 'exit'): anvil's last lines are read by then.
    child.once('close', (code, signal) =>
      fail(`anvil exited during start-up (code ${code}, signal ${signal})`),
    )
  })
}

function readDevAccounts(configPath: string): DevAccount[] {
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as {
    available_accounts: string[]
    private_keys: string[]
  }
  return config.available_accounts.map((address, i) => ({
    address: address as `0x${string}`,
    privateKey: config.private_keys[i] as `0x${string}`,
  }))
}
