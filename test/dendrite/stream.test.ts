import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { Dendrite } from '../../src/dendrite/dendrite.js'
import { defineSynapse, isSynapse } from '../../src/protocol/synapse.js'
import { testAxon } from '../protocol/support.js'

const Tokens = defineSynapse({
  name: 'Tokens',
  request: z.object({ prompt: z.string(), n: z.number().int() }),
  response: z.object({ text: z.string() }),
  chunk: z.object({ token: z.string() }),
})

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = []
  for await (const item of stream) items.push(item)
  return items
}

describe('streaming synapses', () => {
  const axon = testAxon()
  let cleanedUp = 0

  beforeAll(async () => {
    axon.attach(
      Tokens,
      async function* (synapse) {
        try {
          let text = ''
          for (let i = 0; i < synapse.n; i++) {
            if (synapse.prompt === 'fail' && i === 2) throw new Error('mid-stream failure')
            if (synapse.prompt === 'off-schema' && i === 1) yield { token: 42 } as never
            const token = `t${i}`
            text += token
            yield { token }
            await new Promise((resolve) => setImmediate(resolve))
          }
          return { text }
        } finally {
          cleanedUp++
        }
      },
      { blacklist: ({ hotkey }) => hotkey === undefined },
    )
    await axon.start()
  })
  afterAll(() => axon.stop())

  it.each(['sse', 'ndjson'] as const)(
    '%s: chunks in order, then the signed, filled synapse',
    async (format) => {
      await using dendrite = new Dendrite()
      const items = await collect(
        dendrite.callStream(axon, new Tokens({ prompt: 'hi', n: 5 }), { format, verifyResponses: true }),
      )
      expect(items.slice(0, 5)).toEqual([0, 1, 2, 3, 4].map((i) => ({ token: `t${i}` })))
      const final = items[5]
      expect(isSynapse(final)).toBe(true)
      if (!isSynapse(final)) return
      const synapse = final as InstanceType<typeof Tokens>
      expect(synapse.statusCode).toBe(200)
      expect(synapse.text).toBe('t0t1t2t3t4')
      expect(synapse.axon.signature).toMatch(/^0x[0-9a-f]{130}$/)
      expect(items).toHaveLength(6)
    },
  )

  it('a plain call to a streaming synapse gets one JSON answer with the final fields', async () => {
    await using dendrite = new Dendrite({ verifyResponses: true })
    const answer = await dendrite.call(axon, new Tokens({ prompt: 'hi', n: 3 }))
    expect(answer.statusCode).toBe(200)
    expect(answer.text).toBe('t0t1t2')
  })

  it('an error after some chunks ends the stream with the error status', async () => {
    await using dendrite = new Dendrite()
    const items = await collect(dendrite.callStream(axon, new Tokens({ prompt: 'fail', n: 5 })))
    expect(items.slice(0, 2)).toEqual([{ token: 't0' }, { token: 't1' }])
    const final = items.at(-1) as InstanceType<typeof Tokens>
    expect(final.statusCode).toBe(500)
    expect(final.statusMessage).toMatch(/^Internal Server Error #/)
    expect(final.text).toBeUndefined()
  })

  it('a chunk off its schema is not sent', async () => {
    await using dendrite = new Dendrite()
    const items = await collect(dendrite.callStream(axon, new Tokens({ prompt: 'off-schema', n: 3 })))
    expect(items).toHaveLength(2)
    expect((items[1] as InstanceType<typeof Tokens>).statusCode).toBe(500)
  })

  it('stopping the iteration early cancels the request and the handler cleans up', async () => {
    await using dendrite = new Dendrite()
    const before = cleanedUp
    for await (const item of dendrite.callStream(axon, new Tokens({ prompt: 'long', n: 10_000 }))) {
      expect(item).toEqual({ token: 't0' })
      break
    }
    while (cleanedUp === before) await new Promise((resolve) => setTimeout(resolve, 5))
    expect(axon.stats.inFlight).toBe(0)
  })

  it('a refusal before streaming gives only the final synapse with its status', async () => {
    await using dendrite = new Dendrite()
    const items = await collect(
      dendrite.callStream(
        { ip: '127.0.0.1', port: axon.port, hotkey: dendrite.hotkey },
        new Tokens({ prompt: 'x', n: 1 }),
      ),
    )
    expect(items).toHaveLength(1)
    expect((items[0] as InstanceType<typeof Tokens>).statusCode).toBe(401) // signed for another axon hotkey
  })
})
