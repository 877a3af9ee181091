import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { Axon } from '../../src/axon/axon.js'
import { Dendrite, DendriteClosedError } from '../../src/dendrite/dendrite.js'
import { defineSynapse } from '../../src/protocol/synapse.js'
import { gate, testAxon } from '../protocol/support.js'

const Task = defineSynapse({
  name: 'Task',
  request: z.object({ input: z.number().int() }),
  response: z.object({ output: z.number().int(), by: z.number().int() }),
  deserialize: (synapse) => synapse.output ?? null,
})

type Kind = 'ok' | 'slow' | 'dead' | 'erroring'
const kinds: Kind[] = Array.from({ length: 32 }, (_, i) =>
  i % 8 === 3 ? 'slow' : i % 8 === 5 ? 'dead' : i % 8 === 6 ? 'erroring' : 'ok',
)

describe('Dendrite fan-out to 32 axons (some slow, dead and erroring)', () => {
  const axons: Axon[] = []
  const neverAnswer = gate()

  beforeAll(async () => {
    for (const [index, kind] of kinds.entries()) {
      const axon = testAxon({ maxWorkers: 64 })
      axon.attach(Task, async (synapse) => {
        if (kind === 'slow') await neverAnswer.promise
        if (kind === 'erroring') throw new Error('boom')
        return { output: synapse.input * 2, by: index }
      })
      await axon.start()
      axons.push(axon)
    }
    // Dead axons: started then stopped, so their ports refuse connections.
    await Promise.all(axons.filter((_, i) => kinds[i] === 'dead').map((axon) => axon.stop()))
  })
  afterAll(async () => {
    neverAnswer.open()
    await Promise.all(axons.map((axon) => axon.stop()))
  })

  it('answers in input order, each with its own status, without throwing', async () => {
    await using dendrite = new Dendrite()
    // Generous enough for the healthy axons on a loaded machine; the slow ones never answer.
    const answers = await dendrite.query(axons, new Task({ input: 21 }), { timeout: 3_000 })
    expect(answers).toHaveLength(32)
    answers.forEach((answer, index) => {
      const kind = kinds[index]
      const expected = { ok: 200, slow: 408, dead: 503, erroring: 500 }[kind!]
      expect(answer.statusCode, `axon ${index} (${kind})`).toBe(expected)
      if (kind === 'ok') expect([answer.output, answer.by]).toEqual([42, index])
      else expect(answer.output).toBeUndefined()
    })
    expect(answers[3]!.isTimeout).toBe(true)
    expect(answers[3]!.statusMessage).toBe('Request timeout after 3 seconds')
  })

  it('stops at the fan-out deadline: running and not-yet-started calls end with 408', async () => {
    await using dendrite = new Dendrite()
    const slow = axons.filter((_, i) => kinds[i] === 'slow')
    const answers = await dendrite.query(slow, new Task({ input: 1 }), {
      timeout: 10_000,
      deadline: 200,
      concurrency: 2,
    })
    expect(answers.map((a) => a.statusCode)).toEqual([408, 408, 408, 408])
    expect(answers.every((a) => /deadline/.test(a.statusMessage ?? ''))).toBe(true)
  })

  it('keeps at most `concurrency` calls in flight', async () => {
    const release = gate()
    let running = 0
    let peak = 0
    const limited = testAxon({ maxWorkers: 64 })
    limited.attach(Task, async (synapse) => {
      running++
      peak = Math.max(peak, running)
      if (running === 3) release.open()
      await release.promise
      await new Promise((resolve) => setTimeout(resolve, 5))
      running--
      return { output: synapse.input, by: 0 }
    })
    await limited.start()
    try {
      await using dendrite = new Dendrite()
      const answers = await dendrite.query(Array(12).fill(limited), new Task({ input: 5 }), {
        concurrency: 3,
      })
      expect(answers.every((a) => a.isSuccess)).toBe(true)
      expect(peak).toBe(3)
    } finally {
      await limited.stop()
    }
  })

  it('sends concurrent calls to one axon on separate uuid lanes, so none is refused as a replay', async () => {
    const uuids = new Set<string>()
    const shared = testAxon({ maxWorkers: 64 })
    shared.attach(Task, async (synapse) => {
      await new Promise((resolve) => setTimeout(resolve, 1))
      return { output: synapse.input, by: 0 }
    })
    await shared.start()
    try {
      // The signed lane's uuids (the session lane numbers its lanes inside one session instead).
      await using dendrite = new Dendrite({ connectionsPerOrigin: 16, sessions: false })
      const answers = await dendrite.query(Array(64).fill(shared), new Task({ input: 1 }))
      for (const answer of answers) uuids.add(answer.dendrite.uuid!)
      expect(answers.filter((a) => !a.isSuccess).map((a) => a.statusMessage)).toEqual([])
      expect(uuids.has(dendrite.uuid)).toBe(true)
      expect([...uuids].every((uuid) => uuid.startsWith(dendrite.uuid))).toBe(true)
      expect(shared.stats.nonceEntries).toBe(uuids.size)
    } finally {
      await shared.stop()
    }
  })

  it('takes Axon instances, addresses and chain neurons; refuses unusable ones in their own slot', async () => {
    await using dendrite = new Dendrite()
    const ok = axons[0]!
    const answers = await dendrite.query(
      [
        ok,
        { ip: '127.0.0.1', port: ok.port, hotkey: ok.hotkey.toLowerCase() },
        { axonEndpoint: 'http://127.0.0.1', axonPort: BigInt(ok.port), account: ok.hotkey },
        { ip: '127.0.0.1', port: ok.port, hotkey: 'not-an-address' },
        { ip: '127.0.0.1', port: 70_000, hotkey: ok.hotkey },
      ],
      new Task({ input: 2 }),
    )
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 400, 400])
  })

  it('returns deserialized values on request and one answer for one axon', async () => {
    await using dendrite = new Dendrite()
    const values = await dendrite.query(axons.slice(0, 3), new Task({ input: 4 }), { deserialize: true })
    expect(values).toEqual([8, 8, 8])
    const single = await dendrite.query(axons[0]!, new Task({ input: 4 }))
    expect(single.output).toBe(8)
    const forwarded = await dendrite.forward(axons[1]!, new Task({ input: 5 }))
    expect(forwarded.output).toBe(10)
  })

  it('cancels with an AbortSignal and refuses calls once closed', async () => {
    const dendrite = new Dendrite()
    const controller = new AbortController()
    const pending = dendrite.query([axons[3]!], new Task({ input: 1 }), {
      signal: controller.signal,
      timeout: 30_000,
    })
    setTimeout(() => controller.abort(), 50)
    const [answer] = await pending
    expect(answer!.statusCode).toBe(408)
    expect(answer!.statusMessage).toBe('Request cancelled')
    await dendrite.close()
    await expect(dendrite.query([axons[0]!], new Task({ input: 1 }))).rejects.toBeInstanceOf(
      DendriteClosedError,
    )
  })
})
