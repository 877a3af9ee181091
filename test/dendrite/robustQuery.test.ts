import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ForwardError } from '../../src/axon/rejection.js'
import { Dendrite } from '../../src/dendrite/dendrite.js'
import { robustQuery } from '../../src/dendrite/robustQuery.js'
import { defineSynapse } from '../../src/protocol/synapse.js'
import { testAxon } from '../protocol/support.js'

const Flaky = defineSynapse({
  name: 'Flaky',
  request: z.object({ key: z.string(), failures: z.number().int(), status: z.number().int() }),
  response: z.object({ ok: z.boolean() }),
})

describe('robustQuery (the Python SDK’s robust_query)', () => {
  const axon = testAxon()
  const calls = new Map<string, number>()

  beforeAll(async () => {
    axon.attach(Flaky, (s) => {
      const count = (calls.get(s.key) ?? 0) + 1
      calls.set(s.key, count)
      if (count <= s.failures) throw new ForwardError(s.status, 'not now')
      return { ok: true }
    })
    await axon.start()
  })
  afterAll(() => axon.stop())

  it('retries transient failures with backoff until they succeed', async () => {
    await using dendrite = new Dendrite()
    const [answer] = await robustQuery(dendrite, [axon], new Flaky({ key: 'a', failures: 2, status: 503 }), {
      attempts: 3,
      backoffMs: 5,
    })
    expect(answer!.ok).toBe(true)
    expect(calls.get('a')).toBe(3)
  })

  it('gives up after `attempts` and keeps the last answer', async () => {
    await using dendrite = new Dendrite()
    const answer = await dendrite.robustQuery(axon, new Flaky({ key: 'b', failures: 5, status: 503 }), {
      attempts: 2,
      backoffMs: 5,
    })
    expect(answer.statusCode).toBe(503)
    expect(calls.get('b')).toBe(2)
  })

  it('does not retry answers a retry cannot fix, and retries only the failed axons', async () => {
    await using dendrite = new Dendrite()
    const refused = await robustQuery(dendrite, [axon], new Flaky({ key: 'c', failures: 5, status: 422 }), {
      backoffMs: 5,
    })
    expect(refused[0]!.statusCode).toBe(422)
    expect(calls.get('c')).toBe(1)

    const mixed = await robustQuery(
      dendrite,
      [axon, { ip: '127.0.0.1', port: 1, hotkey: axon.hotkey }],
      new Flaky({ key: 'd', failures: 0, status: 503 }),
      { attempts: 3, backoffMs: 5, jitter: false },
    )
    expect(mixed.map((a) => a.statusCode)).toEqual([200, 503])
    expect(calls.get('d')).toBe(1)
  })
})
