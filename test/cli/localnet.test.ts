import { spawn } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { type AddressInfo, createServer } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Localnet, startLocalnet } from '../../src/localnet/localnet.js'
import { CliSandbox, ensureCliBuilt, errorLines, type Json } from './helpers.js'

// `hetu localnet` as a user runs it: started in the background, found by status and by every other
// command through its info file (no flags), stopped by `hetu localnet stop`.
describe('hetu localnet start / status / stop', () => {
  let cli: CliSandbox
  let localnet: ReturnType<CliSandbox['spawn']>
  let info: { rpcUrl: string; chainId: number; contracts: Record<string, string> }

  beforeAll(async () => {
    ensureCliBuilt()
    cli = new CliSandbox()
  })
  afterAll(async () => {
    if (localnet?.child.exitCode === null) localnet.child.kill('SIGKILL')
    cli?.cleanup()
  })

  it('reports no localnet before one runs: not an error, exit code 3 (as documented in its help)', async () => {
    const result = await cli.run(['localnet', 'status'])
    expect(result).toEqual({
      code: 3,
      stdout: 'no localnet running: start one with `hetu localnet`\n',
      stderr: '',
    })
    const json = await cli.run(['localnet', 'status', '--json'])
    expect(json.code).toBe(3)
    expect(JSON.parse(json.stdout)).toEqual({ localnets: [], orphans: [], stale: [] })
    expect((await cli.run(['localnet', 'status', '--help'])).stdout).toMatch(/3 when\s+none does/)
  })

  it('starts one on a free port and writes its info file with the pid', async () => {
    localnet = cli.spawn(['localnet', 'start', '--port', '0'])
    info = JSON.parse(await localnet.firstLine)
    expect(info.chainId).toBe(560002)
    const port = new URL(info.rpcUrl).port
    expect(existsSync(join(cli.dir, `hetu-localnet-${port}.json`))).toBe(true)
  })

  it('status finds it and reads its block height', async () => {
    const status = await cli.json(['localnet', 'status'])
    expect(status.localnets).toHaveLength(1)
    expect(status.localnets[0]).toMatchObject({
      rpcUrl: info.rpcUrl,
      chainId: 560002,
      pid: localnet.child.pid,
    })
    expect(status.localnets[0].block).toBeGreaterThan(0)
  })

  it('other commands use it with no network flags at all', async () => {
    const [list, lockCost] = await Promise.all([
      cli.json(['subnet', 'list']),
      cli.json(['subnet', 'lock-cost']),
    ])
    expect(list).toEqual({ network: 'local', subnets: [] })
    expect(lockCost.lockCost).toBe(String(100n * 10n ** 18n))
    // An explicit --rpc-url on the loopback finds the same info file by port.
    expect((await cli.json(['--rpc-url', info.rpcUrl, 'subnet', 'list'])).subnets).toEqual([])
  })

  it('stop signals it, waits for it to exit and it removes its info file', async () => {
    const stopped = await cli.json(['localnet', 'stop'])
    expect(stopped.stopped).toEqual({ rpcUrl: info.rpcUrl, pid: localnet.child.pid })
    expect(await localnet.exited).toBe(0)
    const port = new URL(info.rpcUrl).port
    expect(existsSync(join(cli.dir, `hetu-localnet-${port}.json`))).toBe(false)
    const after = await cli.run(['--rpc-url', info.rpcUrl, 'subnet', 'list'])
    expect(after.code).not.toBe(0)
    expect(errorLines(after.stderr).errors).toEqual([expect.stringMatching(/not reachable/)])
  })
})

describe('hetu --help', () => {
  it('lists every command group and the global options', async () => {
    ensureCliBuilt()
    const cli = new CliSandbox()
    try {
      const help = await cli.run(['--help'])
      expect(help.code).toBe(0)
      for (const group of [
        'wallet',
        'subnet',
        'neuron',
        'stake',
        'weights',
        'amm',
        'axon',
        'validator',
        'metagraph',
        'localnet',
      ])
        expect(help.stdout).toMatch(new RegExp(`^  ${group}\\b`, 'm'))
      for (const option of [
        '--network',
        '--rpc-url',
        '--wallet',
        '--wallet-dir',
        '--json',
        '--yes',
        '--verbose',
        '--password-env',
      ])
        expect(help.stdout).toContain(option)
      const sub = await cli.run(['stake', 'add', '--help'])
      expect(sub.stdout).toMatch(/Global Options:/)
    } finally {
      cli.cleanup()
    }
  })
})

// Info files outlive their localnet (a crash, kill -9, a reboot that keeps the temp dir). A file counts
// only when its localnet answers: its pid (when recorded) is a live process and its RPC answers with the
// recorded chain id.
describe('hetu localnet status / stop / discovery with stale info files', () => {
  let cli: CliSandbox
  let net: Localnet
  let files: { live: string; deadPid: string; silentRpc: string; noPidSilent: string }

  beforeAll(async () => {
    ensureCliBuilt()
    cli = new CliSandbox()
    net = await startLocalnet()
    const write = (name: string, json: object) => {
      const path = join(cli.dir, name)
      writeFileSync(path, JSON.stringify(json))
      return path
    }
    const [deadPid, silentPort, otherSilentPort] = [await exitedPid(), await freePort(), await freePort()]
    const { emission: _, ...info } = net.toJSON()
    files = {
      // Written by an older `hetu localnet` (no pid); its RPC answers.
      live: write(`hetu-localnet-${new URL(net.rpcUrl).port}.json`, info),
      deadPid: write(`hetu-localnet-${silentPort}.json`, {
        ...info,
        rpcUrl: `http://127.0.0.1:${silentPort}`,
        pid: deadPid,
      }),
      // A live process (this one), but nothing answers at the URL: the pid was reused.
      silentRpc: write(`hetu-localnet-${otherSilentPort}.json`, {
        ...info,
        rpcUrl: `http://127.0.0.1:${otherSilentPort}`,
        pid: process.pid,
      }),
      noPidSilent: write('hetu-localnet-9.json', { ...info, rpcUrl: 'http://127.0.0.1:9' }),
    }
  })
  afterAll(async () => {
    await net?.stop()
    cli?.cleanup()
  })

  it('status lists only the localnet that answers and reports the other files as stale', async () => {
    const status = await cli.json(['localnet', 'status'])
    expect(status.localnets.map((l: Json) => l.rpcUrl)).toEqual([net.rpcUrl])
    expect(status.localnets[0]).toMatchObject({ chainId: 560002, infoFile: files.live })
    expect(status.localnets[0].block).toBeGreaterThan(0)
    expect([...status.stale].sort()).toEqual([files.deadPid, files.silentRpc, files.noPidSilent].sort())
  })

  it('other commands find the one live localnet among them', async () => {
    expect(await cli.json(['subnet', 'list'])).toEqual({ network: 'local', subnets: [] })
  })

  it('stop removes the stale files, and cannot signal a localnet that recorded no pid', async () => {
    const result = await cli.run(['localnet', 'stop'])
    expect(result.code).not.toBe(0)
    expect(errorLines(result.stderr).errors).toEqual([expect.stringMatching(/does not say which process/)])
    for (const stale of [files.deadPid, files.silentRpc, files.noPidSilent])
      expect(existsSync(stale)).toBe(false)
    expect(existsSync(files.live)).toBe(true)
    const only = await cli.run(['--rpc-url', 'http://127.0.0.1:9', 'localnet', 'status'])
    expect(only).toMatchObject({
      code: 3,
      stdout: 'no localnet running at http://127.0.0.1:9: start one with `hetu localnet`\n',
    })
  })
})

/** The pid of a process that has exited. */
async function exitedPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' })
  await new Promise((resolve) => child.once('exit', resolve))
  return child.pid!
}

/** A loopback port nothing listens on (bound, then released). */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}
