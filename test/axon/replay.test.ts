import { generatePrivateKey, privateKeyToAddress } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRedisNonceStore } from '../../src/axon/redisNonceStore.js'
import { nowNs } from '../../src/protocol/nonce.js'
import { Synapse } from '../../src/protocol/synapse.js'
import { send, signedRequest, testAxon } from '../protocol/support.js'
import { type Running, startAxonProcess, startRedis } from './processes.js'

// The attacks of the replay campaign, on axon processes: a captured signed request sent again to a
// replica of the same hotkey, to the restarted axon, and late with a raised (unsigned) timeout.

const SECOND = 1_000_000_000n
const hotkey = generatePrivateKey()
const axonAddress = { hotkey: privateKeyToAddress(hotkey), port: 1 } // the port is not signed
const capture = (completion: string, options: { nonce?: bigint; timeout?: number } = {}) =>
  signedRequest(axonAddress, new Synapse({ completion }), options)

describe('replays against one axon process (in-memory nonces)', () => {
  it('a restarted axon refuses a request captured before it started', async () => {
    const first = await startAxonProcess({ hotkey })
    const request = await capture('before the restart')
    try {
      expect((await send(first.url, request)).status).toBe(200)
    } finally {
      await first.stop()
    }
    const restarted = await startAxonProcess({ hotkey })
    try {
      const replay = await send(restarted.url, request)
      expect(replay.status).toBe(401)
      expect(replay.body).toMatch(/Nonce is too old/)
      expect((await send(restarted.url, await capture('after the restart'))).status).toBe(200)
    } finally {
      await restarted.stop()
    }
  })

  it('the freshness window is its own: a 25 s old nonce is refused whatever timeout header it carries', async () => {
    const axon = await startAxonProcess({ hotkey })
    try {
      for (const timeout of [12, 60, 3_600]) {
        const late = await capture('late', { nonce: nowNs() - 25n * SECOND, timeout })
        const answer = await send(axon.url, late)
        expect(answer.status, `timeout ${timeout}`).toBe(401)
        expect(answer.body).toMatch(/Nonce is too old/)
      }
      expect((await send(axon.url, await capture('fresh', { timeout: 60 }))).status).toBe(200)
    } finally {
      await axon.stop()
    }
  })
})

describe('replicas of one hotkey sharing a Redis nonce store (real redis-server)', () => {
  let redis: Running & { url: string }
  const axons: (Running & { url: string })[] = []
  beforeAll(async () => {
    redis = await startRedis()
    axons.push(
      ...(await Promise.all([
        startAxonProcess({ hotkey, redisUrl: redis.url }),
        startAxonProcess({ hotkey, redisUrl: redis.url }),
      ])),
    )
  })
  afterAll(async () => {
    await Promise.all(axons.map((axon) => axon.stop()))
    await redis?.stop()
  })

  it('a request accepted by one is refused by the other, and by either after a restart', async () => {
    const [one, two] = axons as [Running & { url: string }, Running & { url: string }]
    const request = await capture('once only')
    const accepted = await send(one.url, request)
    expect(accepted.status).toBe(200)
    expect(JSON.parse(accepted.body).completion).toBe('ONCE ONLY')
    const replay = await send(two.url, request)
    expect(replay.status).toBe(401)
    expect(replay.body).toMatch(/Nonce is too old, a newer one was last processed/)
    expect((await send(one.url, request)).status).toBe(401)
    // Honest traffic still flows to both, concurrently.
    const fresh = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => send((i % 2 ? one : two).url, await capture(`honest ${i}`))),
    )
    expect(fresh.map((answer) => answer.status)).toEqual(Array(20).fill(200))
    // A restarted replica finds the table in the store.
    await one.stop()
    const restarted = await startAxonProcess({ hotkey, redisUrl: redis.url })
    axons[0] = restarted
    expect((await send(restarted.url, request)).status).toBe(401)
    expect((await send(restarted.url, await capture('after the restart'))).status).toBe(200)
  })

  it('the store keeps keys only for the freshness window', async () => {
    await using store = createRedisNonceStore({ url: redis.url, prefix: 'ttl-test:' })
    await store.open()
    const reservation = await store.reserve('0xabc:uuid', nowNs())
    expect(reservation).toMatchObject({ key: expect.stringMatching(/^ttl-test:0xabc:uuid:\d+$/) })
    const { Redis } = await import('ioredis')
    const client = new Redis(redis.url)
    try {
      const ttl = await client.pttl((reservation as { key: string }).key)
      expect(ttl).toBeGreaterThan(16_000)
      expect(ttl).toBeLessThanOrEqual(21_000) // 16 s window + 4 s future skew + 1 s
    } finally {
      client.disconnect()
    }
  })

  it('refuses signed requests with 503 while Redis is down, and keeps serving', async () => {
    const store = createRedisNonceStore({ url: redis.url })
    const axon = testAxon({ hotkey, nonceStore: store })
    axon.attach((synapse: Synapse) => ({ completion: synapse.completion }))
    await axon.start()
    try {
      expect((await send(axon.url, await capture('up'))).status).toBe(200)
      await redis.stop()
      const down = await send(axon.url, await capture('down'))
      expect(down.status).toBe(503)
      expect(down.body).toMatch(/replay protection store unreachable/)
      expect(axon.logs.join('\n')).not.toMatch(/redis:\/\//) // the url (it may hold a password) is not logged
      const discovery = await fetch(`${axon.url}/`)
      expect(discovery.status).toBe(200)
    } finally {
      await axon.stop()
      await store.close()
    }
  })
})
