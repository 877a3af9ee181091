import { join } from 'node:path'
import { generatePrivateKey, privateKeyToAddress } from 'viem/accounts'
import { afterEach, describe, expect, it } from 'vitest'
import { Dendrite } from '../../src/dendrite/dendrite.js'
import { Synapse } from '../../src/protocol/synapse.js'
import { type Running, spawnReady } from '../axon/processes.js'

// The campaign's attacks on a Dendrite, from hostile axons in another process: every answer
// valid but 16 MiB, 15 MB of `[`, an SSE frame that never ends, a 5 MiB error message.

const _MiB = 1024 * 1024
const hotkey = privateKeyToAddress(generatePrivateKey())
let running: Running | undefined
afterEach(() => running?.stop())

async function hostileAxons(mode: string, count: number) {
  running = await spawnReady(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'fixtures/hostile-axons.ts')],
    { MODE: mode, COUNT: String(count) },
    /\{"ports":\[[\d,]+\]\}\n/,
  )
  const { ports } = JSON.parse(running.line) as { ports: number[] }
  return ports.map((port) => ({ ip: '127.0.0.1', port, hotkey }))
}

/** Peak RSS growth (sampled) and CPU time of this process while `work` runs. */
async function measured<T>(work: () => Promise<T>) {
  const rss = process.memoryUsage.rss()
  let peak = rss
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss())
  }, 10)
  const cpu = process.cpuUsage()
  const started = performance.now()
  try {
    const result = await work()
    peak = Math.max(peak, process.memoryUsage.rss())
    const used = process.cpuUsage(cpu)
    return {
      result,
      grownMB: (peak - rss) / 1e6,
      cpuMs: (used.user + used.system) / 1000,
      wallMs: performance.now() - started,
    }
  } finally {
    clearInterval(sampler)
  }
}

describe('a Dendrite against hostile axons', () => {
  it('64 axons answering valid 16 MiB bodies: the fan-out reads at most its budget (256 MiB)', async () => {
    const axons = await hostileAxons('big', 64)
    await using dendrite = new Dendrite({ timeout: 20_000 })
    const { result: answers, grownMB } = await measured(() =>
      dendrite.query(axons, new Synapse({ completion: 'hi' }), { concurrency: 64 }),
    )
    const ok = answers.filter((answer) => answer.dendrite.statusCode === 200)
    const refused = answers.filter((answer) => answer.dendrite.statusCode === 422)
    expect(ok.length).toBeLessThanOrEqual(16)
    expect(ok.length + refused.length).toBe(64)
    expect(refused[0]!.dendrite.statusMessage).toMatch(/passed 268435456 bytes \(maxFanoutResponseBytes\)/)
    expect(grownMB).toBeLessThan(1_000) // was 2 000 MB
  })

  it('16 axons answering 15 MB of `[`: the 5 s deadline holds and the CPU stays bounded', async () => {
    const axons = await hostileAxons('brackets', 16)
    await using dendrite = new Dendrite()
    const {
      result: answers,
      cpuMs,
      wallMs,
    } = await measured(() => dendrite.query(axons, new Synapse({ completion: 'hi' }), { deadline: 5_000 }))
    for (const answer of answers) expect([408, 422]).toContain(answer.dendrite.statusCode)
    expect(wallMs).toBeLessThan(6_000) // was 22 s of CPU
    expect(cpuMs).toBeLessThan(5_000)
  })

  it('an SSE frame that never ends: 422 at the frame limit, in linear time', async () => {
    const [axon] = await hostileAxons('sse', 1)
    await using dendrite = new Dendrite({ timeout: 10_000 })
    const {
      result: last,
      cpuMs,
      grownMB,
    } = await measured(async () => {
      let final: unknown
      for await (const item of dendrite.callStream(axon!, new Synapse({ completion: 'hi' }))) final = item
      return final as Synapse
    })
    expect(last.dendrite.statusCode).toBe(422)
    expect(last.dendrite.statusMessage).toMatch(/stream frame larger than 4194304/)
    expect(cpuMs).toBeLessThan(1_500) // was 3.6 s and 426 MB for one frame
    expect(grownMB).toBeLessThan(200)
  })

  it('a 5 MiB error message is kept as its first KiB', async () => {
    const axons = await hostileAxons('error', 4)
    await using dendrite = new Dendrite()
    const answers = await dendrite.query(axons, new Synapse({ completion: 'hi' }))
    for (const answer of answers) {
      expect(answer.dendrite.statusCode).toBe(500)
      expect(answer.dendrite.statusMessage!.length).toBeLessThanOrEqual(1_025)
      expect(answer.axon.statusMessage!.length).toBeLessThanOrEqual(1_025)
      expect(answer.dendrite.statusMessage).toMatch(/^e{1024}…$/)
    }
  })
})
