import { randomBytes } from 'node:crypto'
import { Pool } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { toMessageSigner } from '../../src/protocol/signer.js'
import { defineSynapse } from '../../src/protocol/synapse.js'
import { send, signedRequest, testAxon } from '../protocol/support.js'

const Job = defineSynapse({
  name: 'Job',
  request: z.object({ task: z.string() }),
  response: z.object({ result: z.string() }),
})

const PER_KIND = 2_000

function randomText(length: number): string {
  // Printable ASCII only, so the client can send it as a header value.
  return Array.from(randomBytes(length), (byte) => String.fromCharCode(33 + (byte % 94))).join('')
}

describe('10 000 requests of garbage', () => {
  const axon = testAxon({ maxWorkers: 4 })
  let handled = 0

  beforeAll(async () => {
    axon.attach(Job, (synapse) => {
      handled++
      return { result: synapse.task }
    })
    await axon.start()
  })
  afterAll(() => axon.stop())

  // The heaviest test: 10 000 HTTP requests, 6 000 signature recoveries (seconds on a free machine).
  it('each gets the right status, none reaches the handler, the axon keeps serving within bounds', {
    timeout: 180_000,
  }, async () => {
    type Case = { expected: number; path: string; headers: Record<string, string>; body: string }
    // Rejected requests do not keep their nonce, so one signed request can be tampered with again
    // and again; it is re-signed every few seconds to stay fresh however slow the machine is.
    const fresh = (task: string) => {
      let current: { at: number; request: Promise<Awaited<ReturnType<typeof signedRequest>>> } | undefined
      return () => {
        if (!current || performance.now() - current.at > 3_000)
          current = {
            at: performance.now(),
            request: signedRequest(axon, new Job({ task }), { signer: toMessageSigner() }),
          }
        return current.request
      }
    }
    const template = fresh('template')
    const tampered = fresh('genuine')
    const garbage = fresh('garbage')
    const cases: (() => Promise<Case>)[] = []
    for (let i = 0; i < PER_KIND; i++) {
      // Unknown synapse names.
      cases.push(async () => ({
        expected: 404,
        path: `/${randomBytes(8).toString('hex')}`,
        headers: {},
        body: randomText(50),
      }))
      // Malformed protocol headers.
      cases.push(async () => ({
        expected: 400,
        path: '/Job',
        headers: { bt_header_dendrite_nonce: randomText(12), bt_header_dendrite_hotkey: randomText(20) },
        body: randomText(50),
      }))
      // Well-formed headers with random signatures (each goes through signature recovery).
      cases.push(async () => {
        const request = await template()
        const signature = `0x${randomBytes(65).toString('hex')}`
        return {
          expected: 401,
          path: '/Job',
          headers: { ...request.headers, bt_header_dendrite_signature: signature },
          body: request.body,
        }
      })
      // Correctly signed, tampered body.
      cases.push(async () => {
        const request = await tampered()
        return {
          expected: 401,
          path: '/Job',
          headers: request.headers,
          body: request.body.replace('"genuine"', `"x${i}"`),
        }
      })
      // Correctly signed, garbage body.
      cases.push(async () => {
        const request = await garbage()
        return { expected: 400, path: '/Job', headers: request.headers, body: randomText(80) }
      })
    }
    expect(cases).toHaveLength(5 * PER_KIND)

    const heapBefore = process.memoryUsage().heapUsed
    const pool = new Pool(axon.url, { connections: 32 })
    const outcomes = new Array<string>(cases.length)
    let next = 0
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < cases.length) {
          const index = next++
          const { expected, path, headers, body } = await cases[index]!()
          const response = await pool.request({ path, method: 'POST', headers, body })
          await response.body.dump()
          outcomes[index] = response.statusCode === expected ? 'ok' : `${expected}→${response.statusCode}`
        }
      }),
    )
    await pool.close()

    const wrong = outcomes.filter((outcome) => outcome !== 'ok')
    expect(wrong.slice(0, 10)).toEqual([])
    expect(handled).toBe(0)
    // No nonce was kept for rejected requests: the table did not grow.
    expect(axon.stats).toMatchObject({ inFlight: 0, queued: 0, nonceEntries: 0 })
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore
    expect(heapGrowth).toBeLessThan(128 * 1024 * 1024)

    const good = await send(axon.url, await signedRequest(axon, new Job({ task: 'still alive' })))
    expect(good.status).toBe(200)
    expect(handled).toBe(1)
  })
})
