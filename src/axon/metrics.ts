import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Counter, Gauge, type Metric, Registry } from 'prom-client'
import type { RejectionReason } from './rejection.js'

/** Counts by synapse and status in plain numbers (a request costs two map reads and an add). */
class Tally {
  readonly #counts = new Map<string, Map<number, number>>()

  add(synapse: string, status: number): void {
    let byStatus = this.#counts.get(synapse)
    if (!byStatus) {
      byStatus = new Map()
      this.#counts.set(synapse, byStatus)
    }
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1)
  }

  entries(): IterableIterator<[string, Map<number, number>]> {
    return this.#counts.entries()
  }

  reset(): void {
    this.#counts.clear()
  }
}

/** A prom-client Counter by synapse and status that reads a {@link Tally} when scraped. */
class TalliedCounter extends Counter<'synapse' | 'status'> {
  // Not a #private field: prom-client's constructor calls reset() before this class's fields exist.
  private tally: Tally | undefined

  constructor(name: string, help: string, registry: Registry, tally: Tally) {
    super({
      name,
      help,
      labelNames: ['synapse', 'status'],
      registers: [registry],
      collect() {
        Counter.prototype.reset.call(this)
        for (const [synapse, byStatus] of tally.entries())
          for (const [status, count] of byStatus) this.inc({ synapse, status: String(status) }, count)
      },
    })
    this.tally = tally
  }

  /** The registry's resetMetrics: the tally too. */
  override reset(): void {
    this.tally?.reset()
    super.reset()
  }
}

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]

/**
 * The latency histogram by synapse, kept in plain arrays and given to prom-client's registry as a
 * metric of its own (prom-client's Histogram hashes the labels of every observation; this costs a
 * request a map read and a short scan). Exported as prom-client exports a Histogram.
 */
class LatencyHistogram {
  readonly name = 'hetu_axon_request_duration_seconds'
  readonly help = 'Time from request headers to the end of the response'
  readonly type = 'histogram'
  readonly aggregator = 'sum'
  readonly #bySynapse = new Map<string, { buckets: Float64Array; sum: number; count: number }>()

  observe(synapse: string, seconds: number): void {
    let entry = this.#bySynapse.get(synapse)
    if (!entry) {
      entry = { buckets: new Float64Array(LATENCY_BUCKETS.length), sum: 0, count: 0 }
      this.#bySynapse.set(synapse, entry)
    }
    entry.sum += seconds
    entry.count++
    for (let i = 0; i < LATENCY_BUCKETS.length; i++)
      if (seconds <= LATENCY_BUCKETS[i]!) {
        entry.buckets[i]!++
        break
      }
  }

  /** The registry's text export: cumulative buckets, +Inf, sum and count per synapse. */
  getForPromString() {
    const values: { labels: object; sharedLabels: object; value: number; metricName: string }[] = []
    for (const [synapse, { buckets, sum, count }] of this.#bySynapse) {
      const shared = { synapse }
      let cumulative = 0
      LATENCY_BUCKETS.forEach((bound, i) => {
        cumulative += buckets[i]!
        values.push({
          labels: { le: bound },
          sharedLabels: shared,
          value: cumulative,
          metricName: `${this.name}_bucket`,
        })
      })
      values.push(
        { labels: { le: '+Inf' }, sharedLabels: shared, value: count, metricName: `${this.name}_bucket` },
        { labels: {}, sharedLabels: shared, value: sum, metricName: `${this.name}_sum` },
        { labels: {}, sharedLabels: shared, value: count, metricName: `${this.name}_count` },
      )
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator }
  }

  /** The registry's JSON export (labels and shared labels merged). */
  get() {
    const data = this.getForPromString()
    return {
      ...data,
      values: data.values.map(({ sharedLabels, labels, ...rest }) => ({
        ...rest,
        labels: { ...labels, ...sharedLabels },
      })),
    }
  }

  reset(): void {
    this.#bySynapse.clear()
  }
}

/**
 * Prometheus metrics of one axon, in its own registry (so many axons can live in one process):
 * requests by synapse and status, latency, rejections by reason, in-flight and queued counts.
 * What every request updates is counted in plain numbers and read into prom-client at scrape time.
 */
export class AxonMetrics {
  readonly registry = new Registry()
  readonly #requests = new Tally()
  readonly #sessionRequests = new Tally()
  readonly #latency = new LatencyHistogram()
  readonly #rejections: Counter<'reason'>
  #server: Server | undefined

  constructor(hotkey: string, state: () => { inFlight: number; queued: number }) {
    this.registry.setDefaultLabels({ hotkey })
    new TalliedCounter(
      'hetu_axon_requests_total',
      'Requests answered, by synapse and HTTP status',
      this.registry,
      this.#requests,
    )
    // Registered as prom-client registers its own metrics (same name checks, same export path).
    this.registry.registerMetric(this.#latency as unknown as Metric)
    new TalliedCounter(
      'hetu_axon_session_requests_total',
      'Requests answered on the session lane (also counted in hetu_axon_requests_total), by synapse and HTTP status',
      this.registry,
      this.#sessionRequests,
    )
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
    this.#requests.add(synapse, status)
    if (sessionLane) this.#sessionRequests.add(synapse, status)
    this.#latency.observe(synapse, seconds)
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
