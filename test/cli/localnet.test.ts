import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CliSandbox, ensureCliBuilt, errorLines } from './helpers.js'

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

  it('reports no localnet before one runs', async () => {
    const result = await cli.run(['localnet', 'status'])
    expect(result.code).not.toBe(0)
    expect(errorLines(result.stderr).errors).toEqual([expect.stringMatching(/No running localnet found/)])
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
