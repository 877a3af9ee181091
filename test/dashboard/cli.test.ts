// `hetu dashboard` as users run it (the built CLI in a child process) against a localnet: it prints its
// URL, serves read-only and local-only, stops on SIGTERM; bad input is one typed error line.

import { writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Localnet, startLocalnet } from '../../src/index.js'
import { CliSandbox, ensureCliBuilt, errorLines } from '../cli/helpers.js'

/** A raw request, so the Host header and method can be anything. */
function raw(url: string, options: { method?: string; host?: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(url)
    const req = request(
      {
        hostname: target.hostname,
        port: target.port,
        path: target.pathname,
        method: options.method ?? 'GET',
        headers: options.host ? { host: options.host } : {},
      },
      (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      },
    )
    req.on('error', reject)
    req.end()
  })
}

describe('hetu dashboard', () => {
  let net: Localnet
  let cli: CliSandbox

  beforeAll(async () => {
    ensureCliBuilt()
    net = await startLocalnet({ accounts: 2 })
    cli = new CliSandbox()
    cli.announce(net)
  })
  afterAll(async () => {
    await net?.stop()
    cli?.cleanup()
  })

  it('prints its URL, answers GET on loopback only, and stops on SIGTERM', async () => {
    const db = join(cli.dir, 'dashboard.sqlite')
    const run = cli.spawn(['dashboard', '--rpc-url', net.rpcUrl, '--db', db])
    try {
      const started = { url: (await run.firstLine).replace(/^dashboard: /, '') }
      expect(run.stderr()).toContain(`history in ${db}`)
      expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
      const status = (await (await fetch(new URL('/api/status', started.url))).json()) as { rpc: string }
      expect(status.rpc).toBe('up')
      expect((await fetch(started.url)).headers.get('content-security-policy')).toContain("script-src 'self'")
      expect(await raw(started.url, { method: 'POST' })).toBe(405)
      expect(await raw(started.url, { method: 'DELETE' })).toBe(405)
      expect(await raw(started.url, { host: 'evil.example:80' })).toBe(421)
      expect(await raw(new URL('/api/subnets/9', started.url).href, {})).toBe(404)
    } finally {
      run.child.kill('SIGTERM')
    }
    expect(await run.exited).toBe(0)
  })

  it.each([
    [['--port', 'http'], /Invalid --port "http"/],
    [['--from-block', '-5'], /Invalid --from-block "-5"/],
    [['--db', '{dir}'], /Cannot use .* as the dashboard's history/],
    [['--db', '{dir}/{file}/x.sqlite'], /Cannot use .* as the dashboard's history/],
  ])('refuses %j with one error line', async (args, message) => {
    writeFileSync(join(cli.dir, 'a-file'), '')
    const resolved = args.map((a) => a.replaceAll('{dir}', cli.dir).replaceAll('{file}', 'a-file'))
    const result = await cli.run(['dashboard', '--rpc-url', net.rpcUrl, ...resolved])
    expect(result.code).not.toBe(0)
    const { errors, stackFrames } = errorLines(result.stderr)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(message)
    expect(stackFrames).toEqual([])
    expect(result.stdout).toBe('')
  })
})
