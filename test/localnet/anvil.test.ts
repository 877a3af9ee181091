import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { startAnvil } from '../../src/localnet/anvil.js'

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

  it('fails clearly when the port is taken', async () => {
    await using first = await startAnvil()
    await expect(startAnvil({ port: first.port, startTimeoutMs: 5_000 })).rejects.toThrow(/anvil/)
  })
})
