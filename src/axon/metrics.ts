import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { RejectionReason } from './rejection.js'

/**
 * Prometheus metrics of one axon, in its own registry (so many axons can live in one process):
 * requests by synapse and status, latency, rejections by reason, in-flight and queued counts.
 */
export class AxonMetrics {
  readonly registry = new Registry()
  readonly #requests: Counter<'synapse' | 'status'>
  readonly #latency: Histogram<'synapse'>
  readonly #rejections: Counter<'reason'>
  readonly #sessionRequests: Counter<'synapse' | 'status'>
  readonly #sessionChildren = new Map<string, { inc(): void }>()
  #server: Server | undefined
  // Bounded: synapse names are the attached routes plus 'unknown'/'discovery'; statuses are ours.
  readonly #requestChildren = new Map<string, { inc(): void }>()
  readonly #latencyChildren = new Map<string, { observe(value: number): void }>()

  constructor(hotkey: string, state: () => { inFlight: number; queued: number }) {
    this.registry.setDefaultLabels({ hotkey })
    this.#requests = new Counter({
      name: 'hetu_axon_requests_total',
      help: 'Requests answered, by synapse and HTTP status',
      labelNames: ['synapse', 'status'],
      registers: [this.registry],
    })
    this.#latency = new Histogram({
      name: 'hetu_axon_request_duration_seconds',
      help: 'Time from request headers to the end of the response',
      labelNames: ['synapse'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [this.registry],
    })
    this.#sessionRequests = new Counter({
      name: 'hetu_axon_session_requests_total',
      help: 'Requests answered on the session lane (also counted in hetu_axon_requests_total), by synapse and HTTP status',
      labelNames: ['synapse', 'status'],
      registers: [this.registry],
    })
    this.#rejections = new Counter({
      name: 'hetu_axon_rejections_total',
      help: 'Requests refused before or instead of the handler answering, by reason',
      labelNames: ['reason'],
      registers: [this.registry],
    })
    new Gauge({
      name: 'hetu_axon_in_flight',
      help: 'Requests being processed',
      registers: [this.registry],
      collect() {
        this.set(state().inFlight)
      },
    })
    new Gauge({
      name: 'hetu_axon_queued',
      help: 'Requests waiting for a worker',
      registers: [this.registry],
      collect() {
        this.set(state().queued)
      },
    })
  }

  /** Records one answered request; `synapse` must be a known route name or 'unknown' (bounded labels). */
  observe(
    synapse: string,
    status: number,
    seconds: number,
    rejection?: RejectionReason,
    sessionLane = false,
  ): void {
    // Label children are cached: resolving labels on every call costs more than the update itself.
    const key = `${synapse} ${status}`
    let requests = this.#requestChildren.get(key)
    if (!requests) {
      requests = this.#requests.labels(synapse, String(status))
      this.#requestChildren.set(key, requests)
    }
    requests.inc()
    if (sessionLane) {
      let onLane = this.#sessionChildren.get(key)
      if (!onLane) {
        onLane = this.#sessionRequests.labels(synapse, String(status))
        this.#sessionChildren.set(key, onLane)
      }
      onLane.inc()
    }
    let latency = this.#latencyChildren.get(synapse)
    if (!latency) {
      latency = this.#latency.labels(synapse)
      this.#latencyChildren.set(synapse, latency)
    }
    latency.observe(seconds)
    if (rejection) this.#rejections.inc({ reason: rejection })
  }

  /** Starts `GET /metrics` on `ip:port` (port 0 = free port); resolves with the bound port. */
  async listen(ip: string, port: number): Promise<number> {
    const server = createServer(async (req, res) => {
      if (req.method !== 'GET' || (req.url !== '/metrics' && req.url !== '/')) {
        res.writeHead(404).end()
        return
      }
      try {
        const text = await this.registry.metrics()
        res.writeHead(200, { 'content-type': this.registry.contentType }).end(text)
      } catch {
        res.writeHead(500).end()
      }
    })
    server.keepAliveTimeout = 5_000
    this.#server = server
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, ip, () => {
        server.off('error', reject)
        resolve()
      })
    })
    return (server.address() as AddressInfo).port
  }

  async close(): Promise<void> {
    const server = this.#server
    this.#server = undefined
    if (!server) return
    await new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
  }
}
