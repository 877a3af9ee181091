import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Axon } from '../../src/axon/axon.js'
import { Synapse } from '../../src/protocol/synapse.js'
import { ComputeTask, memoryLogger, rawRequest, vectors } from '../protocol/support.js'

// Requests exactly as the Python SDK sends them (headers and json.dumps body bytes from the
// fixture), replayed against our axon holding the vectors' axon key. The fixture's nonces are
// fixed, so the axon's clock is set to just after them (and, as they were recorded before the axon
// was made, its restart protection is set back to accept them).
describe('a Python-format request verifies at our axon', () => {
  const recordedAt = BigInt(vectors.requests[0]!.nonce) + 1_000_000_000n
  const seen: Record<string, unknown>[] = []
  const axon = new Axon({
    hotkey: vectors.keys.axon.privateKey,
    ip: '127.0.0.1',
    port: 0,
    prometheus: false,
    logger: memoryLogger(),
    nonce: { now: () => recordedAt, notBefore: 0n },
  })

  beforeAll(async () => {
    expect(axon.hotkey).toBe(vectors.keys.axon.address)
    axon
      .attach((synapse) => {
        seen.push(synapse.requestValues())
        synapse.completion = 'Result: 15 + 25 = 40'
      })
      .attach(ComputeTask, (synapse, { hotkey }) => {
        seen.push({ ...synapse.requestValues(), caller: hotkey })
        return { result: `${synapse.values.length} values` }
      })
    await axon.start()
  })
  afterAll(() => axon.stop())

  it.each(vectors.requests.map((v) => [v.label, v] as const))(
    '%s → 200, then 401 when replayed',
    async (_, vector) => {
      const send = () =>
        rawRequest(axon.url, {
          path: `/${vector.synapse}`,
          headers: { ...vector.headers, 'content-type': 'application/json' },
          body: vector.body,
        })
      const response = await send()
      expect(response.status).toBe(200)
      const body = JSON.parse(response.body)
      // A Python dendrite builds its synapse class from this JSON: the model_dump() layout.
      expect(Object.keys(body).slice(0, 7)).toEqual([
        'name',
        'timeout',
        'total_size',
        'header_size',
        'dendrite',
        'axon',
        'computed_body_hash',
      ])
      expect(body.axon).toMatchObject({
        status_code: 200,
        status_message: 'Success',
        hotkey: vectors.keys.axon.address,
      })
      expect(body.dendrite.hotkey).toBe(vectors.keys.dendrite.address)
      expect(response.headers.bt_header_axon_status_code).toBe('200')
      expect((await send()).status).toBe(401)
    },
  )

  it('handed the exact field values to the handlers', () => {
    expect(seen[0]).toEqual({ completion: 'add 15 25' })
    expect(seen[1]).toEqual({
      ...vectors.requests[1]!.fields,
      caller: vectors.keys.dendrite.address,
    })
    expect(Synapse.definition.name).toBe(vectors.requests[0]!.synapse)
  })
})
