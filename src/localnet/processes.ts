// The processes around a localnet's anvil: who holds a port, whether a pid is still our anvil, stopping
// one we no longer own, and the watchdog that stops anvil when the process that started it dies.
import { type ChildProcess, spawn } from 'node:child_process'
import { readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { localnetInfoPath, processExists, readLocalnetInfoFile } from '../chain/networks/localnetInfo.js'
import { HetuError } from '../errors.js'

/** The command line of a process (argv joined by spaces); undefined when unreadable or gone (or no /proc). */
export function processCommand(pid: number): string | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
    return raw.split('\0').filter(Boolean).join(' ') || undefined
  } catch {
    return undefined
  }
}

/** The pid listening on a TCP port on this machine, found through /proc (Linux); undefined when unknown. */
export function portListener(port: number): number | undefined {
  const inodes = new Set<string>()
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string
    try {
      text = readFileSync(table, 'utf8')
    } catch {
      continue
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/)
      // local_address is HEXIP:HEXPORT; state 0A is LISTEN; column 9 the socket's inode.
      if (cols.length > 9 && cols[3] === '0A' && Number.parseInt(cols[1]!.split(':')[1]!, 16) === port)
        inodes.add(cols[9]!)
    }
  }
  if (inodes.size === 0) return undefined
  let pids: string[]
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name))
  } catch {
    return undefined
  }
  for (const pid of pids) {
    let fds: string[]
    try {
      fds = readdirSync(`/proc/${pid}/fd`)
    } catch {
      continue // another user's process, or gone
    }
    for (const fd of fds) {
      try {
        const link = readlinkSync(`/proc/${pid}/fd/${fd}`)
        if (link.startsWith('socket:[') && inodes.has(link.slice(8, -1))) return Number(pid)
      } catch {}
    }
  }
  return undefined
}

/**
 * Whether `pid` is an anvil serving `port`: its command line names anvil, and it holds the port (or its
 * command line names the port). Guards every signal to a pid read from a file: pids get reused.
 */
export function isAnvilOnPort(pid: number, port: number): boolean {
  const command = processCommand(pid)
  if (!command || !/(^|\/)anvil(\.exe)?( |$)/.test(command)) return false
  return command.includes(`--port ${port} `) || portListener(port) === pid
}

/**
 * Stops an anvil that no `hetu localnet` owns any more (SIGTERM, SIGKILL after `graceMs`) and removes its
 * temp HOME. Signals nothing unless {@link isAnvilOnPort} holds; returns whether it signalled.
 */
export async function stopOrphanAnvil(
  anvil: { pid: number; port: number; home?: string | undefined },
  graceMs = 3_000,
): Promise<boolean> {
  if (!isAnvilOnPort(anvil.pid, anvil.port)) return false
  process.kill(anvil.pid, 'SIGTERM')
  const deadline = Date.now() + graceMs
  while (processExists(anvil.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
  if (processExists(anvil.pid)) {
    process.kill(anvil.pid, 'SIGKILL')
    while (processExists(anvil.pid)) await new Promise((r) => setTimeout(r, 20))
  }
  if (anvil.home) rmSync(anvil.home, { recursive: true, force: true })
  return true
}

// Runs as its own small Node process. Its stdin is a pipe from the process that started anvil; the
// kernel closes it whatever ends that process (SIGKILL included), so EOF means "your owner is gone":
// stop anvil (if that pid is still anvil) and remove its temp HOME. A normal stop kills the watchdog first.
const WATCHDOG = `
const [pid, home] = [Number(process.argv[1]), process.argv[2]]
const { readFileSync, rmSync } = require('node:fs')
const isAnvil = () => { try { return /anvil/.test(readFileSync('/proc/' + pid + '/cmdline', 'utf8')) } catch { return process.platform !== 'linux' } }
const alive = () => { try { process.kill(pid, 0); return true } catch { return false } }
const finish = () => { try { rmSync(home, { recursive: true, force: true }) } catch {} process.exit(0) }
process.stdin.resume()
process.stdin.on('close', () => {
  if (!alive() || !isAnvil()) return finish()
  try { process.kill(pid, 'SIGTERM') } catch {}
  const started = Date.now()
  const timer = setInterval(() => {
    if (!alive()) { clearInterval(timer); return finish() }
    if (Date.now() - started > 3000) { try { process.kill(pid, 'SIGKILL') } catch {} }
  }, 50)
})
`

/**
 * Starts the watchdog of anvil `pid` (see WATCHDOG): detached, so a signal to our process group does not
 * end it first, and unreferenced, so it never keeps this process alive. Kill it on a normal stop.
 */
export function startAnvilWatchdog(pid: number, home: string): ChildProcess {
  const watchdog = spawn(process.execPath, ['-e', WATCHDOG, String(pid), home], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
    env: {},
  })
  watchdog.unref()
  ;(watchdog.stdin as unknown as { unref?: () => void }).unref?.()
  watchdog.on('error', () => {}) // no watchdog is no worse than before; the info file is the second line
  return watchdog
}

/** Whether a TCP port can be bound on `host` now (a check just before anvil binds it). */
export function portIsFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)))
  })
}

/** The port anvil was asked for is taken: by whom, when /proc tells. */
export class PortInUseError extends HetuError {
  override name = 'PortInUseError'
  constructor(args: { host: string; port: number; anvilOutput?: readonly string[] }) {
    const pid = portListener(args.port)
    const command = pid === undefined ? undefined : processCommand(pid)
    const by =
      pid === undefined
        ? ''
        : ` by pid ${pid}${command ? ` (${describeCommand(command, pid, args.port)})` : ''}`
    super('PORT_IN_USE', `${args.host}:${args.port} is already in use${by}.`, {
      details: args.anvilOutput?.length ? `anvil said:\n${args.anvilOutput.join('\n')}` : undefined,
      hint: `Stop what holds it (a localnet: \`hetu localnet stop --rpc-url http://${args.host}:${args.port}\`), or pick a free port with --port 0.`,
      meta: { host: args.host, port: args.port, pid, command },
    })
  }
}

/** anvil failed to start for another reason than a taken port; its last lines say why. */
export class AnvilStartError extends HetuError {
  override name = 'AnvilStartError'
  constructor(reason: string, anvilOutput: readonly string[]) {
    // anvil's error line (else its last line) goes in the one line shown without --verbose.
    const lines = anvilOutput.map((l) => l.trim()).filter(Boolean)
    const cause = lines.find((l) => /\berror\b/i.test(l)) ?? lines.at(-1)
    super('ANVIL_START_FAILED', `${reason}${cause ? `: ${cause}` : ''}`, {
      details: anvilOutput.length ? `anvil said:\n${anvilOutput.join('\n')}` : 'anvil printed nothing',
      hint: 'Run it again with --verbose to see all of anvil’s output.',
      meta: { anvilOutput },
    })
  }
}

function describeCommand(command: string, pid: number, port: number): string {
  const [exe = '', ...args] = command.split(' ')
  const name = exe.split('/').at(-1)!
  if (name === 'anvil') {
    // A `hetu localnet`'s anvil is named with its owner, which is what `hetu localnet stop` signals.
    const owner = readLocalnetInfoFile(localnetInfoPath(port))
    if (owner?.anvil?.pid !== pid || owner.pid === undefined) return 'anvil'
    return processExists(owner.pid)
      ? `anvil of hetu localnet pid ${owner.pid}`
      : `anvil left by a killed hetu localnet`
  }
  if (args.some((a) => a.endsWith('hetu.js') || a.endsWith('/hetu')) && args.includes('localnet'))
    return 'hetu localnet'
  const line = [name, ...args].join(' ')
  return line.length > 80 ? `${line.slice(0, 77)}…` : line
}
