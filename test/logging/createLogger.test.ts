import { execFile } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import {
  type CreateLoggerOptions,
  createHetuClient,
  createLogger,
  RpcUnavailableError,
} from '../../src/index.js'
import { isSecretKey, REDACTED, redactSecrets } from '../../src/logging/redact.js'
import { tempDir } from '../wallet/helpers.js'

function capture(options: CreateLoggerOptions = {}) {
  const lines: Record<string, unknown>[] = []
  const raw: string[] = []
  const log = createLogger({
    ...options,
    destination: {
      write: (line: string) => {
        raw.push(line)
        lines.push(JSON.parse(line))
      },
    },
  })
  return { log, lines, raw }
}

describe('createLogger levels', () => {
  it('is quiet by default: warn and above only', () => {
    const { log, lines } = capture()
    log.debug('chain call')
    log.info('tx sent')
    log.warn({ attempt: 2 }, 'rpc retry')
    log.error('rpc down')
    expect(lines.map((l) => l.msg)).toEqual(['rpc retry', 'rpc down'])
    expect(lines[0]).toMatchObject({ level: 40, attempt: 2 })
  })

  it('logs debug with verbose or the Python-style logVerbose, and an explicit level wins', () => {
    for (const options of [{ verbose: true }, { logVerbose: true }]) {
      const { log, lines } = capture(options)
      log.debug({ fn: 'getSubnetInfo', netuid: 1 }, 'read')
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatchObject({ fn: 'getSubnetInfo', netuid: 1, msg: 'read' })
    }
    const { log, lines } = capture({ verbose: true, level: 'error' })
    log.warn('hidden')
    expect(lines).toHaveLength(0)
  })

  it('takes HETU_LOG_LEVEL when no option says otherwise', () => {
    const saved = process.env.HETU_LOG_LEVEL
    try {
      process.env.HETU_LOG_LEVEL = 'info'
      const { log, lines } = capture()
      log.info('shown')
      log.debug('hidden')
      expect(lines.map((l) => l.msg)).toEqual(['shown'])
    } finally {
      if (saved === undefined) delete process.env.HETU_LOG_LEVEL
      else process.env.HETU_LOG_LEVEL = saved
    }
  })

  it('names the component on every line, children included', () => {
    const { log, lines } = capture({ name: 'hetu:chain', verbose: true })
    log.child({ netuid: 3 }).debug('epoch')
    expect(lines[0]).toMatchObject({ name: 'hetu:chain', netuid: 3, msg: 'epoch' })
  })

  it('writes to stderr by default, leaving stdout to the program', async () => {
    const { dir, cleanup } = await tempDir('hetu-log-')
    try {
      const script = join(dir, 'log.mts')
      const entry = new URL('../../src/logging/index.ts', import.meta.url).pathname
      await writeFile(
        script,
        `import { createLogger } from ${JSON.stringify(entry)}\ncreateLogger().warn({ privateKey: '0xabc' }, 'to stderr')\n`,
      )
      const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], {
        cwd: process.cwd(),
      })
      expect(stdout).toBe('')
      expect(JSON.parse(stderr)).toMatchObject({ msg: 'to stderr', privateKey: REDACTED, level: 40 })
    } finally {
      await cleanup()
    }
  })
})

describe('secret redaction', () => {
  const KEY = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318'

  it('replaces secret fields at any depth, in objects, arrays and child bindings', () => {
    const { log, lines, raw } = capture({ verbose: true })
    const params = {
      privateKey: KEY,
      password: 'pw-1',
      tx: {
        to: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
        value: '1',
        account: { privateKey: KEY, address: '0xf39F' },
      },
      wallets: [
        { name: 'a', hotkeyPrivateKey: KEY },
        { name: 'b', keystorePassword: 'pw-2' },
      ],
      mnemonic: 'test test test test test test test test test test test junk',
      deep: {
        a: {
          b: { c: { d: { secret: 'pw-3', signingKey: KEY, api_key: 'pw-4', MNEMONIC_PASSPHRASE: 'pw-5' } } },
        },
      },
    }
    log.child({ password: 'pw-6', component: 'axon' }).debug(params, 'call')
    const grandchild = log.child({ component: 'dendrite' }).child({ netuid: 1, auth: { privateKey: KEY } })
    grandchild.debug('grandchild')
    grandchild.setBindings({ secret: 'pw-7' })
    grandchild.debug('rebound')
    const text = raw.join('')
    for (const secret of [KEY.slice(2), 'pw-1', 'pw-2', 'pw-3', 'pw-4', 'pw-5', 'pw-6', 'pw-7', 'junk'])
      expect(text).not.toContain(secret)
    expect(lines[0]).toMatchObject({
      component: 'axon',
      password: REDACTED,
      privateKey: REDACTED,
      tx: {
        to: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
        value: '1',
        account: { privateKey: REDACTED, address: '0xf39F' },
      },
      wallets: [
        { name: 'a', hotkeyPrivateKey: REDACTED },
        { name: 'b', keystorePassword: REDACTED },
      ],
      mnemonic: REDACTED,
    })
    expect(lines[1]).toMatchObject({
      component: 'dendrite',
      netuid: 1,
      auth: { privateKey: REDACTED },
      msg: 'grandchild',
    })
    expect(lines[2]).toMatchObject({ secret: REDACTED, msg: 'rebound' })
    // The caller's object is not modified.
    expect(params.tx.account.privateKey).toBe(KEY)
  })

  it('keeps public fields that merely look alike (addresses, hashes, signatures, hotkey addresses)', () => {
    const fields = {
      hotkey: '0x1',
      coldkeyAddress: '0x2',
      hash: '0x3',
      signature: '0x4',
      keyCount: 2,
      publicKey: '0x5',
    }
    expect(redactSecrets(fields)).toEqual(fields)
    for (const name of [
      'privateKey',
      'private_key',
      'PASSWORD',
      'newPassword',
      'seedPhrase',
      'xprv',
      'authorization',
    ]) {
      expect(isSecretKey(name)).toBe(true)
    }
  })

  it('survives circular and very deep objects', () => {
    const { log, lines } = capture({ verbose: true })
    const loop: Record<string, unknown> = { password: 'pw', name: 'loop' }
    loop.self = loop
    let deep: Record<string, unknown> = { privateKey: KEY }
    for (let i = 0; i < 50; i++) deep = { next: deep }
    log.debug({ loop, deep }, 'odd shapes')
    expect(lines[0]).toMatchObject({ loop: { password: REDACTED, name: 'loop', self: '[Circular]' } })
    expect(JSON.stringify(lines[0])).not.toContain(KEY.slice(2))
  })

  it('serializes errors as usual', () => {
    const { log, lines } = capture()
    log.error(new Error('boom'))
    expect(lines[0]).toMatchObject({ msg: 'boom', err: { type: 'Error', message: 'boom' } })
    expect(lines[0]!.err).toHaveProperty('stack')
  })

  it("logs an SDK error on one short line: code, message, details, its cause named, no URL's path or credentials", async () => {
    const { log, lines, raw } = capture()
    // What a miner logs on every endpoint check while its RPC provider is down: the URL carries the API key.
    const rpcUrl = 'http://127.0.0.1:9/v3/SECRET-API-KEY'
    const err = await createHetuClient({ rpcUrl, retryCount: 0 }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(RpcUnavailableError)
    expect(String((err as Error).cause)).toContain('SECRET-API-KEY') // viem's own message has it
    log.warn({ err }, 'endpoint check failed; retrying at the next interval')
    expect(raw[0]).not.toContain('SECRET-API-KEY')
    expect(raw[0]!.length).toBeLessThan(600)
    expect(lines[0]!.err).toEqual({
      type: 'RpcUnavailableError',
      code: 'RPC_UNAVAILABLE',
      message: 'The RPC endpoint http://127.0.0.1:9/… is not reachable.',
      details: 'HTTP request failed: connect ECONNREFUSED 127.0.0.1:9 (after 1 attempt)',
      cause: 'HttpRequestError: HTTP request failed.',
    })
  })

  it('hides URL credentials, paths and queries in other errors and error strings, keeping their stacks', () => {
    const { log, lines, raw } = capture()
    log.error({ err: new Error('fetch https://user:pw@rpc.example.org/key/ABC?token=XYZ failed') }, 'x')
    log.warn({ error: 'redis://:hunter2@10.0.0.5:6379/0 refused' }, 'nonce store failed')
    expect(raw.join('')).not.toMatch(/pw@|ABC|XYZ|hunter2/)
    expect(lines[0]!.err).toMatchObject({ message: 'fetch https://rpc.example.org/… failed' })
    expect((lines[0]!.err as { stack: string }).stack).toMatch(/createLogger\.test\.ts/)
    expect(lines[1]!.error).toBe('redis://10.0.0.5:6379/… refused')
    log.warn({ error: 'http://127.0.0.1:8545 refused' }, 'no path, nothing hidden')
    expect(lines[2]!.error).toBe('http://127.0.0.1:8545 refused')
  })
})
