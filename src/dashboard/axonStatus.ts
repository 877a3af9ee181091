// Live status of the axons a subnet announces: `GET /` on each (the axon's discovery document), with
// its latency and the synapses it serves. Probes are bounded (timeout, concurrency) and cached briefly,
// and only go to the endpoints the chain lists for the subnet being viewed.
import { request } from 'undici'

export interface AxonStatus {
  endpoint: string
  up: boolean
  /** Round trip of `GET /` (ms), when it answered. */
  latencyMs: number | null
  /** Synapse names from its discovery document (empty when it is not a Hetu axon). */
  synapses: string[]
  /** Why it is down, when it is. */
  error: string | null
  checkedAt: number
}

export interface AxonProbeOptions {
  timeoutMs?: number
  concurrency?: number
  /** How long a result is reused (ms). */
  ttlMs?: number
}

export class AxonProber {
  readonly #cache = new Map<string, Promise<AxonStatus>>()
  readonly #timeoutMs: number
  readonly #concurrency: number
  readonly #ttlMs: number

  constructor(options: AxonProbeOptions = {}) {
    this.#timeoutMs = options.timeoutMs ?? 1_500
    this.#concurrency = options.concurrency ?? 64
    this.#ttlMs = options.ttlMs ?? 10_000
  }

  /** Status of each endpoint (http URLs only), probing the ones not seen in the last ttl. */
  async statuses(endpoints: readonly string[]): Promise<AxonStatus[]> {
    const unique = [...new Set(endpoints.filter((e) => /^https?:\/\//.test(e)))]
    const out: AxonStatus[] = []
    let next = 0
    await Promise.all(
      Array.from({ length: Math.min(this.#concurrency, unique.length) }, async () => {
        while (next < unique.length) out.push(await this.status(unique[next++]!))
      }),
    )
    return out
  }

  status(endpoint: string): Promise<AxonStatus> {
    const hit = this.#cache.get(endpoint)
    if (hit) return hit
    const probe = this.#probe(endpoint)
    this.#cache.set(endpoint, probe)
    setTimeout(() => this.#cache.delete(endpoint), this.#ttlMs).unref()
    return probe
  }

  async #probe(endpoint: string): Promise<AxonStatus> {
    const started = performance.now()
    const base = { endpoint, checkedAt: Date.now() }
    try {
      const response = await request(new URL('/', endpoint), {
        method: 'GET',
        signal: AbortSignal.timeout(this.#timeoutMs),
        headers: { accept: 'application/json' },
      })
      const ok = response.statusCode >= 200 && response.statusCode < 300
      const text = ok ? await response.body.text() : ''
      if (!ok) await response.body.dump()
      const latencyMs = Math.round((performance.now() - started) * 10) / 10
      let synapses: string[] = []
      try {
        const doc = JSON.parse(text.slice(0, 1_000_000)) as { synapses?: { name?: unknown }[] }
        if (Array.isArray(doc.synapses))
          synapses = doc.synapses
            .map((s) => String(s?.name ?? ''))
            .filter(Boolean)
            .slice(0, 100)
      } catch {
        // Not a discovery document: up, but serving nothing we can name.
      }
      return { ...base, up: ok, latencyMs, synapses, error: ok ? null : `HTTP ${response.statusCode}` }
    } catch (err) {
      const e = err as Error & { code?: string }
      const reason = e.name === 'TimeoutError' || e.name === 'AbortError' ? 'timeout' : (e.code ?? e.message)
      return { ...base, up: false, latencyMs: null, synapses: [], error: reason }
    }
  }
}
