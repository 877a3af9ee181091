import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { Axon, AxonError } from '../../src/axon/axon.js'
import type { DiscoveryDocument } from '../../src/axon/discovery.js'
import { onlyValidators, priorityByStake } from '../../src/axon/helpers.js'
import { Dendrite } from '../../src/dendrite/dendrite.js'
import { toMessageSigner } from '../../src/protocol/signer.js'
import { defineSynapse, Synapse } from '../../src/protocol/synapse.js'
import { gate, rawRequest, send, signedRequest, testAxon, vectors } from '../protocol/support.js'

const Slow = defineSynapse({
  name: 'Slow',
  request: z.object({ id: z.number().int(), priority: z.number().default(0) }),
  response: z.object({ id: z.number().int() }),
})
const Upper = defineSynapse({
  name: 'Upper',
  request: z.object({ text: z.string() }),
  response: z.object({ text: z.string() }),
})
const Sum = defineSynapse({
  name: 'Sum',
  request: z.object({ values: z.array(z.number()) }),
  response: z.object({ sum: z.number() }),
})

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5))
}

describe('Axon lifecycle', () => {
  it('binds a free port with port 0 and reports how to reach it', async () => {
    await using axon = await testAxon({ externalIp: '203.0.113.9', externalPort: 9000 }).start()
    expect(axon.port).toBeGreaterThan(0)
    expect(axon.url).toBe(`http://127.0.0.1:${axon.port}`)
    expect(axon.started).toBe(true)
    expect(axon.info()).toEqual({
      ip: '203.0.113.9',
      port: 9000,
      hotkey: axon.hotkey,
      version: 1000,
      ipType: 4,
      protocol: 4,
    })
  })

  it('closes with `await using` at the end of the scope', async () => {
    let url = ''
    {
      await using axon = await testAxon().start()
      url = axon.url
      expect((await rawRequest(url, { method: 'GET' })).status).toBe(200)
    }
    await expect(rawRequest(url, { method: 'GET' })).rejects.toThrow(/ECONNREFUSED/)
  })

  it('stop() while start() is still binding closes the ports once bound', async () => {
    const axon = testAxon({ prometheus: {} })
    const started = axon.start()
    await axon.stop()
    await started
    expect(axon.started).toBe(false)
    await expect(rawRequest(axon.url, { method: 'GET' })).rejects.toThrow(/ECONNREFUSED/)
    await expect(
      rawRequest(`http://127.0.0.1:${axon.prometheusPort}`, { method: 'GET', path: '/metrics' }),
    ).rejects.toThrow(/ECONNREFUSED/)
  })

  it('refuses a second start, a duplicate synapse and a port already taken, with AxonError', async () => {
    await using axon = await testAxon()
      .attach(Upper, (s) => ({ text: s.text }))
      .start()
    await expect(axon.start()).rejects.toBeInstanceOf(AxonError)
    expect(() => axon.attach(Upper, (s) => ({ text: s.text }))).toThrow(AxonError)
    const holder = createServer()
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve))
    const port = (holder.address() as { port: number }).port
    const clash = testAxon({ port })
    await expect(clash.start()).rejects.toMatchObject({ code: 'AXON_LISTEN' })
    holder.close()
  })

  it('serves many synapse types on one axon and describes them on GET /', async () => {
    await using axon = await testAxon()
      .attach(Upper, (s) => ({ text: s.text.toUpperCase() }))
      .attach(Sum, (s) => ({ sum: s.values.reduce((a, b) => a + b, 0) }))
      .attach((s) => {
        s.completion = `echo: ${s.completion}`
      })
      .start()
    await using dendrite = new Dendrite()
    const [upper, sum, echo] = await Promise.all([
      dendrite.call(axon, new Upper({ text: 'abc' })),
      dendrite.call(axon, new Sum({ values: [1, 2.5] })),
      dendrite.call(axon, new Synapse({ completion: 'x' })),
    ])
    expect(upper.text).toBe('ABC')
    expect(sum.sum).toBe(3.5)
    expect(echo.completion).toBe('echo: x')

    const document = JSON.parse((await rawRequest(axon.url, { method: 'GET' })).body) as DiscoveryDocument
    expect(document.hotkey).toBe(axon.hotkey)
    expect(document.version).toBe(1000)
    expect(document.synapses.map((s) => s.name)).toEqual(['Upper', 'Sum', 'Synapse'])
    expect(document.synapses[1]).toMatchObject({
      streaming: false,
      hashFields: ['values'],
      request: { type: 'object', properties: { values: { type: 'array' } } },
    })
  })

  it('finishes in-flight requests on stop() and takes no new ones', async () => {
    const release = gate()
    const axon = testAxon({ maxWorkers: 8 })
    let started = 0
    axon.attach(Slow, async (s) => {
      started++
      await release.promise
      return { id: s.id }
    })
    await axon.start()
    await using dendrite = new Dendrite()
    const inFlight = dendrite.query([axon, axon, axon], new Slow({ id: 7 }))
    await until(() => started === 3)
    const stopped = axon.stop()
    await until(() => !axon.started)
    // New connections are refused while the three requests drain.
    const late = await dendrite.call(axon, new Slow({ id: 8 }), { timeout: 2_000 })
    expect(late.statusCode).toBe(503)
    release.open()
    const answers = await inFlight
    expect(answers.map((a) => [a.statusCode, a.id])).toEqual([
      [200, 7],
      [200, 7],
      [200, 7],
    ])
    await stopped
    expect(started).toBe(3)
  })

  it('aborts handlers still running after stopTimeoutMs', async () => {
    const axon = testAxon({ stopTimeoutMs: 100 })
    let aborted = false
    axon.attach(Slow, (_s, { signal }) => {
      return new Promise((_resolve, reject) => {
        signal.addEventListener('abort', () => {
          aborted = true
          reject(new Error('aborted'))
        })
      })
    })
    await axon.start()
    await using dendrite = new Dendrite()
    const pending = dendrite.call(axon, new Slow({ id: 1 }), { timeout: 5_000 })
    await until(() => axon.stats.running === 1)
    await axon.stop()
    expect(aborted).toBe(true)
    expect((await pending).isSuccess).toBe(false)
  })

  it('503 when the queue is full, 408 when a request waits longer than allowed', async () => {
    const release = gate()
    const axon = testAxon({ maxWorkers: 1, maxQueue: 1, maxQueueWaitMs: 60_000 })
    axon.attach(Slow, async (s) => {
      await release.promise
      return { id: s.id }
    })
    await axon.start()
    try {
      await using dendrite = new Dendrite()
      const first = dendrite.call(axon, new Slow({ id: 1 }))
      await until(() => axon.stats.running === 1)
      const second = dendrite.call(axon, new Slow({ id: 2 }))
      await until(() => axon.stats.queued === 1)
      const third = await dendrite.call(axon, new Slow({ id: 3 }))
      expect(third.statusCode).toBe(503)
      release.open()
      expect((await first).id).toBe(1)
      expect((await second).id).toBe(2)
    } finally {
      await axon.stop()
    }

    const hold = gate()
    const waiting = testAxon({ maxWorkers: 1, maxQueueWaitMs: 100 })
    waiting.attach(Slow, async (s) => {
      await hold.promise
      return { id: s.id }
    })
    await waiting.start()
    try {
      await using dendrite = new Dendrite()
      const busy = dendrite.call(waiting, new Slow({ id: 1 }))
      await until(() => waiting.stats.running === 1)
      const queued = await dendrite.call(waiting, new Slow({ id: 2 }))
      expect(queued.statusCode).toBe(408)
      hold.open()
      expect((await busy).isSuccess).toBe(true)
    } finally {
      await waiting.stop()
    }
  })

  it('serves waiting requests by priority, displacing the lowest when the queue is full', async () => {
    const release = gate()
    const order: number[] = []
    const axon = testAxon({ maxWorkers: 1, maxQueue: 3 })
    axon.attach(
      Slow,
      async (s) => {
        if (s.id === 0) await release.promise
        order.push(s.id)
        return { id: s.id }
      },
      { priority: (s) => s.priority },
    )
    await axon.start()
    try {
      await using dendrite = new Dendrite()
      const blocker = dendrite.call(axon, new Slow({ id: 0 }))
      await until(() => axon.stats.running === 1)
      const calls: Promise<{ statusCode: number | undefined; id?: number }>[] = []
      for (const [id, priority] of [
        [1, 1],
        [2, 5],
        [3, 3],
      ] as const) {
        calls.push(dendrite.call(axon, new Slow({ id, priority })))
        await until(() => axon.stats.queued === calls.length)
      }
      let displaced = false
      void calls[0]!.then(() => {
        displaced = true
      })
      calls.push(dendrite.call(axon, new Slow({ id: 4, priority: 10 })))
      await until(() => displaced)
      release.open()
      await blocker
      const answers = await Promise.all(calls)
      expect(answers.map((a) => a.statusCode)).toEqual([503, 200, 200, 200]) // priority 1 displaced by 10
      expect(order).toEqual([0, 4, 2, 3])
    } finally {
      await axon.stop()
    }
  })

  it('accepts unsigned requests only when allowed', async () => {
    await using axon = await testAxon()
      .attach(Upper, (s) => ({ text: s.text }), { allowUnsigned: true })
      .attach(Sum, (s) => ({ sum: s.values.length }))
      .start()
    const unsigned = async (synapse: InstanceType<typeof Upper> | InstanceType<typeof Sum>) => {
      const request = await signedRequest(axon, synapse)
      const { bt_header_dendrite_signature: _, ...headers } = request.headers
      return send(axon.url, { ...request, headers })
    }
    expect((await unsigned(new Upper({ text: 'a' }))).status).toBe(200)
    expect((await unsigned(new Sum({ values: [] }))).status).toBe(401)
  })

  it('blacklists non-validators and prioritises by stake with the built-in helpers', async () => {
    const validator = toMessageSigner({ hotkey: vectors.keys.dendrite.privateKey })
    const miner = toMessageSigner()
    const poor = toMessageSigner()
    const standings = new Map([
      [validator.addressLower, { isValidator: true, stake: 1_000n * 10n ** 18n }],
      [miner.addressLower, { isValidator: false, stake: 5_000n * 10n ** 18n }],
      [poor.addressLower, { isValidator: true, stake: 10n ** 18n }],
    ])
    const lookup = (hotkey: string) => standings.get(hotkey.toLowerCase())
    const blacklist = onlyValidators({ lookup, minStake: 500n * 10n ** 18n, netuid: 1 })
    expect(blacklist({ synapse: 'x', hotkey: validator.address, ip: undefined, dendrite: {} })).toBe(false)
    expect(blacklist({ synapse: 'x', hotkey: miner.address, ip: undefined, dendrite: {} })).toEqual([
      true,
      'not a validator of subnet 1',
    ])
    const priority = priorityByStake({ lookup })
    expect(
      priority(undefined, { hotkey: validator.address, ip: undefined, signal: new AbortController().signal }),
    ).toBe(1_000)

    await using axon = await testAxon()
      .attach(Upper, (s) => ({ text: s.text }), { blacklist, priority })
      .start()
    const statusFor = async (signer: typeof validator) =>
      (await send(axon.url, await signedRequest(axon, new Upper({ text: 'x' }), { signer }))).status
    expect(await statusFor(validator)).toBe(200)
    expect(await statusFor(miner)).toBe(403)
    expect(await statusFor(poor)).toBe(403)
    expect(await statusFor(toMessageSigner())).toBe(403)
  })

  it('exports Prometheus metrics on its own port and traces stages without secrets', async () => {
    const key = vectors.keys.axon.privateKey
    const logs: string[] = []
    const logger = {
      debug: (fields: object, message?: string) => logs.push(`${message} ${JSON.stringify(fields)}`),
      info: () => {},
      warn: () => {},
      error: (fields: object, message?: string) => logs.push(`${message} ${JSON.stringify(fields)}`),
    }
    const traced = new Axon({ hotkey: key, ip: '127.0.0.1', port: 0, trace: true, logger })
    await using served = await traced.attach(Upper, (s) => ({ text: s.text })).start()
    expect(served.prometheusPort).toBeGreaterThan(0)
    await using dendrite = new Dendrite()
    await dendrite.call(served, new Upper({ text: 'hello' }))
    await send(served.url, { ...(await signedRequest(served, new Upper({ text: 'x' }))), path: '/Missing' })
    const metrics = (
      await rawRequest(`http://127.0.0.1:${served.prometheusPort}`, { method: 'GET', path: '/metrics' })
    ).body
    expect(metrics).toMatch(
      /hetu_axon_requests_total\{synapse="Upper",status="200",hotkey="0x[0-9a-fA-F]+"\} 1/,
    )
    expect(metrics).toMatch(/hetu_axon_rejections_total\{reason="not_found",hotkey="[^"]+"\} 1/)
    expect(metrics).toContain('hetu_axon_request_duration_seconds_bucket')
    expect(logs.some((line) => line.includes('axon request') && line.includes('"synapse":"Upper"'))).toBe(
      true,
    )
    const all = logs.join('\n')
    expect(all).not.toContain(key.slice(2))
    expect(all).not.toContain('hello')
    expect(all).not.toMatch(/0x[0-9a-f]{130}/) // no signatures
  })
})
