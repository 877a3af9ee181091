import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Miner, Synapse, Validator } from '../../src/index.js'
import { type SubnetFixture, subnetFixture } from './helpers.js'

describe('Miner and Validator with handleSignals', () => {
  let fx: SubnetFixture
  beforeAll(async () => {
    fx = await subnetFixture()
  })
  afterAll(() => fx?.stop())

  it('stop cleanly on SIGTERM and let their process exit by itself with code 0', async () => {
    const signal = 'SIGTERM'
    const index = 0
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'fixtures/neuron-process.ts')],
      {
        env: {
          ...process.env,
          RPC_URL: fx.net.rpcUrl,
          CONTRACTS: JSON.stringify(fx.net.contracts),
          NETUID: String(fx.netuid),
          MINER_KEY: fx.key(2 + index * 2),
          VALIDATOR_KEY: fx.key(3 + index * 2),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let stdout = ''
    let stderr = ''
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        stdout += chunk
        if (stdout.includes('ready')) resolve()
      })
      child.on('exit', () => reject(new Error(`the neuron process exited early:\n${stderr}`)))
    })
    child.kill(signal)
    const code = await exited
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout.split('\n').filter(Boolean).sort()).toEqual(
      ['ready', `stopped miner ${signal}`, `stopped validator ${signal}`].sort(),
    )
  })

  it('stop on SIGINT in this process, and remove their listeners once stopped', async () => {
    const before = process.listenerCount('SIGINT')
    const beforeTerm = process.listenerCount('SIGTERM')
    await using miner = await new Miner({
      client: fx.client,
      netuid: fx.netuid,
      hotkey: fx.key(6),
      axon: { ip: '127.0.0.1', port: 0, prometheus: false },
      handleSignals: true,
    })
      .attach((synapse) => ({ completion: synapse.completion }))
      .start()
    await using validator = await new Validator({
      client: fx.client,
      netuid: fx.netuid,
      hotkey: fx.key(7),
      task: () => new Synapse({ completion: 'ping' }),
      handleSignals: true,
      stepIntervalMs: 10_000,
    }).start()
    const stopped: unknown[] = []
    miner.on('stopped', (e) => stopped.push(['miner', e.signal]))
    validator.on('stopped', (e) => stopped.push(['validator', e.signal]))
    const running = validator.run()
    expect(process.listenerCount('SIGINT')).toBe(before + 2)
    // The listeners as the signal would call them, without signalling the test runner.
    process.emit('SIGINT', 'SIGINT')
    await Promise.all([running, miner.whenStopped(), validator.whenStopped()])
    expect(stopped.sort()).toEqual([
      ['miner', 'SIGINT'],
      ['validator', 'SIGINT'],
    ])
    expect(miner.state).toBe('stopped')
    expect(validator.state).toBe('stopped')
    expect(process.listenerCount('SIGINT')).toBe(before)
    expect(process.listenerCount('SIGTERM')).toBe(beforeTerm)
  })
})
