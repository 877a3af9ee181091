import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/** What went through a {@link startCountingProxy}. */
export interface ProxyStats {
  /** HTTP requests = network round trips. */
  httpRequests: number
  /** JSON-RPC calls (a batch of n counts n). */
  rpcCalls: number
  methods: string[]
}

export interface CountingProxyOptions {
  /**
   * A network round trip to add to every request, in ms: half before the request reaches the node,
   * half before its answer leaves (benches of the read paths at a real network's latency; the
   * connection's own set-up is not delayed, as on a kept-alive connection).
   */
  rttMs?: number
}

const sleep = (ms: number) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : undefined)

/**
 * A tiny HTTP proxy in front of a JSON-RPC node that counts round trips and calls, so tests and benches
 * can see how many requests an action really makes; `hold()` makes it stop answering until `release()`.
 */
export async function startCountingProxy(target: string, { rttMs = 0 }: CountingProxyOptions = {}) {
  const stats: ProxyStats = { httpRequests: 0, rpcCalls: 0, methods: [] }
  // While held, requests wait (an RPC node that stopped answering); release() lets them through.
  let held: Promise<void> | undefined
  let release = () => {}
  const server = createServer(async (req, res) => {
    await held
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks).toString('utf8')
    stats.httpRequests += 1
    try {
      const parsed = JSON.parse(body) as { method: string } | { method: string }[]
      const calls = Array.isArray(parsed) ? parsed : [parsed]
      stats.rpcCalls += calls.length
      stats.methods.push(...calls.map((c) => c.method))
    } catch {
      // Forward whatever it is; the node answers the parse error.
    }
    await sleep(rttMs / 2)
    const upstream = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    })
    const answer = Buffer.from(await upstream.arrayBuffer())
    await sleep(rttMs / 2)
    res.writeHead(upstream.status, { 'content-type': 'application/json' })
    res.end(answer)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    reset() {
      stats.httpRequests = 0
      stats.rpcCalls = 0
      stats.methods = []
    },
    hold() {
      held ??= new Promise((resolve) => {
        release = () => {
          held = undefined
          resolve()
        }
      })
    },
    release: () => release(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
