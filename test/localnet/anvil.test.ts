import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { startAnvil } from '../../src/localnet/anvil.js'
import { AnvilStartError, PortInUseError } from '../../src/localnet/processes.js'

async function rpc(url: string, method: string, params: unknown[] = []) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  })
  return ((await res.json()) as { result: unknown }).result
}

function alive(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe('startAnvil', () => {
  it('starts the native binary on a free port with our chain id and stops it cleanly', async () => {
    const anvil = await startAnvil({ chainId: 560002 })
    expect(anvil.port).toBeGreaterThan(0)
    expect(await rpc(anvil.rpcUrl, 'eth_chainId')).toBe('0x88b82')
    expect(alive(anvil.pid)).toBe(true)
    await anvil.stop()
    expect(alive(anvil.pid)).toBe(false)
    await anvil.stop() // idempotent
  })

  it('is disposable with await using', async () => {
    let pid = 0
    {
      await using anvil = await startAnvil()
      pid = anvil.pid
      expect(await rpc(anvil.rpcUrl, 'eth_blockNumber')).toBe('0x0')
    }
    expect(alive(pid)).toBe(false)
    expect(existsSync(`/proc/${pid}`)).toBe(false)
  })

  it('fails clearly when the port is taken: which port, held by which process', async () => {
    await using first = await startAnvil()
    const err = await startAnvil({ port: first.port, startTimeoutMs: 5_000 }).catch((e) => e)
    expect(err).toBeInstanceOf(PortInUseError)
    expect(err.shortMessage).toBe(`127.0.0.1:${first.port} is already in use by pid ${first.pid} (anvil).`)
    expect(err.hint).toMatch(/--port 0/)
  })

  it('a failed start carries anvil’s own error line in the message', async () => {
    const err = await startAnvil({ extraArgs: ['--no-such-flag'] }).catch((e) => e)
    expect(err).toBeInstanceOf(AnvilStartError)
    expect(err.shortMessage).toMatch(
      /^anvil exited during start-up \(code 2, signal null\): .*--no-such-flag/,
    )
    expect(err.details).toMatch(/--no-such-flag/)
  })

  it('its watchdog stops it and removes its HOME when the owner dies without stopping it', async () => {
    // A child Node process starts anvil, prints its pid and HOME, and is then SIGKILLed.
    const owner = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import('./src/localnet/anvil.ts').then(async (m) => { const a = await m.startAnvil(); console.log(JSON.stringify({ pid: a.pid, home: a.home })) })`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    const line = await new Promise<string>((resolve) => owner.stdout.once('data', (d) => resolve(String(d))))
    const anvil = JSON.parse(line) as { pid: number; home: string }
    expect(alive(anvil.pid)).toBe(true)
    owner.kill('SIGKILL')
    const deadline = Date.now() + 5_000
    // The watchdog removes the HOME just after anvil exits.
    while ((alive(anvil.pid) || existsSync(anvil.home)) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50))
    expect(alive(anvil.pid)).toBe(false)
    expect(existsSync(anvil.home)).toBe(false)
  })
})
