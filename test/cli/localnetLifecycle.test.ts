import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { type AddressInfo, createServer, type Server } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { processExists } from '../../src/chain/networks/localnetInfo.js'
import { portIsFree } from '../../src/localnet/processes.js'
import { CliSandbox, ensureCliBuilt, errorLines } from './helpers.js'

interface Started {
  hetu: ReturnType<CliSandbox['spawn']>
  rpcUrl: string
  port: number
  anvil: { pid: number; home: string }
}

// `hetu localnet` killed by SIGKILL (no handler runs): its anvil must not live on. First line: a watchdog
// process stops anvil when its owner dies. Second line, for when the watchdog is gone too: the info file
// records anvil's pid and HOME, and status/stop/start find the orphan and stop it.
describe('a killed hetu localnet', () => {
  let cli: CliSandbox
  const started: Started[] = []

  beforeAll(() => {
    ensureCliBuilt()
    cli = new CliSandbox()
  })
  afterAll(() => {
    for (const s of started) {
      for (const pid of [s.hetu.child.pid!, s.anvil.pid]) if (processExists(pid)) process.kill(pid, 'SIGKILL')
    }
    cli?.cleanup()
  })

  async function start(port = 0): Promise<Started> {
    const hetu = cli.spawn(['localnet', '--port', String(port), '--no-emission'])
    const info = JSON.parse(await hetu.firstLine)
    const s = { hetu, rpcUrl: info.rpcUrl, port: Number(new URL(info.rpcUrl).port), anvil: info.anvil }
    started.push(s)
    expect(processExists(s.anvil.pid)).toBe(true)
    expect(existsSync(s.anvil.home)).toBe(true)
    return s
  }

  it('SIGKILL: its watchdog stops anvil, frees the port and removes anvil’s temp HOME', async () => {
    const s = await start()
    s.hetu.child.kill('SIGKILL')
    await s.hetu.exited
    // The watchdog removes the HOME just after anvil exits.
    await until(() => !processExists(s.anvil.pid) && !existsSync(s.anvil.home), 5_000)
    expect(await portIsFree(s.port, '127.0.0.1')).toBe(true)
  })

  it('watchdog gone too: status reports the orphan, stop stops it and cleans up', async () => {
    const s = await start()
    killWatchdogAndOwner(s)
    await s.hetu.exited
    expect(processExists(s.anvil.pid)).toBe(true) // reparented, still serving

    const status = await cli.json(['localnet', 'status'])
    expect(status.localnets).toEqual([])
    expect(status.orphans).toEqual([
      expect.objectContaining({ rpcUrl: s.rpcUrl, chainId: 560002, anvilPid: s.anvil.pid }),
    ])

    const stopped = await cli.json(['localnet', 'stop'])
    expect(stopped.stoppedOrphans).toEqual([{ rpcUrl: s.rpcUrl, anvilPid: s.anvil.pid }])
    expect(processExists(s.anvil.pid)).toBe(false)
    expect(existsSync(s.anvil.home)).toBe(false)
    expect(existsSync(join(cli.dir, `hetu-localnet-${s.port}.json`))).toBe(false)
    expect(await portIsFree(s.port, '127.0.0.1')).toBe(true)
  })

  it('watchdog gone too: a new localnet on that port stops the orphan and starts', async () => {
    const orphan = await start()
    killWatchdogAndOwner(orphan)
    await orphan.hetu.exited
    const next = await start(orphan.port)
    expect(next.hetu.stderr()).toMatch(`stopping the anvil (pid ${orphan.anvil.pid})`)
    expect(processExists(orphan.anvil.pid)).toBe(false)
    expect(existsSync(orphan.anvil.home)).toBe(false)
    // A third on the same port is refused, naming the live one.
    const third = await cli.run(['localnet', '--port', String(next.port)])
    expect(errorLines(third.stderr).errors).toEqual([
      `error: 127.0.0.1:${next.port} is already in use by pid ${next.anvil.pid} (anvil of hetu localnet pid ${next.hetu.child.pid}).`,
    ])
    expect((await cli.json(['localnet', 'stop'])).stopped.pid).toBe(next.hetu.child.pid)
    expect(await next.hetu.exited).toBe(0)
  })
})

describe('hetu localnet on a busy port', () => {
  let cli: CliSandbox
  let server: Server
  let port: number

  beforeAll(async () => {
    ensureCliBuilt()
    cli = new CliSandbox()
    server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
  })
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve))
    cli?.cleanup()
  })

  it('says the port is in use and by which process, with what to do, without --verbose', async () => {
    const result = await cli.run(['localnet', '--port', String(port)])
    expect(result.code).not.toBe(0)
    const { errors, stackFrames } = errorLines(result.stderr)
    // This test's own process holds it.
    expect(errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `^error: 127\\.0\\.0\\.1:${port} is already in use by pid ${process.pid} \\(node .*\\)\\.$`,
        ),
      ),
    ])
    expect(result.stderr).toMatch(/^hint: .*hetu localnet stop .*--port 0/m)
    expect(stackFrames).toEqual([])
  })
})

/** SIGKILL to the watchdog (the `hetu localnet` process's child that is not anvil), then to its owner. */
function killWatchdogAndOwner(s: Started): void {
  const owner = s.hetu.child.pid!
  const children = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        // Field 4 of /proc/<pid>/stat is the parent pid; the command (field 2) has no spaces here.
        return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[3]) === owner
      } catch {
        return false
      }
    })
    .map(Number)
  const watchdogs = children.filter((pid) => pid !== s.anvil.pid)
  expect(watchdogs).toHaveLength(1)
  process.kill(watchdogs[0]!, 'SIGKILL')
  s.hetu.child.kill('SIGKILL')
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 50))
  }
}
