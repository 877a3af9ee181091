// The dashboard: node:http with find-my-way routes, the page assets served from this package (no CDN),
// JSON for each page, and server-sent events for blocks, epochs and the indexer's status. Read-only:
// GET and HEAD only, no keys. Binds to 127.0.0.1 unless told otherwise; when bound to loopback it
// answers only requests addressed to a loopback name (a web page elsewhere cannot reach it through
// DNS rebinding).
import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import envPaths from 'env-paths'
import Router from 'find-my-way'
import type { HetuClient } from '../chain/client/createHetuClient.js'
import type { Logger } from '../logging/index.js'
import type { MetagraphEpochOptions } from '../metagraph/epoch.js'
import { Lifecycle } from '../service/lifecycle.js'
import { packageFile } from './assets.js'
import { AxonProber } from './axonStatus.js'
import { DashboardListenError, DashboardOptionError, DashboardStateError } from './errors.js'
import { Indexer, type IndexerStatus } from './indexer.js'
import { DashboardStore } from './store.js'
import { DashboardViews, NotFound } from './views.js'

export interface StartDashboardOptions {
  /** The chain to show: a client from createHetuClient, or anything that holds one (a HetuSubnet). */
  client: HetuClient | { readonly client: HetuClient }
  /** Port to listen on (default 0: a free port; see `url`). */
  port?: number
  /** Interface to bind (default 127.0.0.1). */
  host?: string
  /** SQLite file of the history (default: dashboard.sqlite in the OS data directory, see {@link defaultDashboardDb}). */
  db?: string
  /** First block to index when the file has no history of this chain (default: 0 locally, else head − 10 000). */
  fromBlock?: number
  /** Pause between polls of the chain head (ms). */
  pollMs?: number
  /** How incentive, dividends and emission are computed from weights and stakes (default: the localnet's rules). */
  epoch?: MetagraphEpochOptions
  /** Probe the subnet's axons with `GET /` for their live status (default true). */
  probeAxons?: boolean
  /** Stop on SIGINT/SIGTERM (a second signal exits at once); see {@link Dashboard.whenStopped}. Default false. */
  handleSignals?: boolean
  logger?: Logger
}

export interface Dashboard {
  /** `http://host:port/`. */
  readonly url: string
  readonly port: number
  readonly host: string
  /** Path of the SQLite history. */
  readonly db: string
  readonly indexer: Indexer
  readonly store: DashboardStore
  /** Stops the indexer and the server, then closes the history. Idempotent. */
  close(): Promise<void>
  /** Resolves once closed (by close() or, with `handleSignals`, a signal). */
  whenStopped(): Promise<void>
  [Symbol.asyncDispose](): Promise<void>
}

/** Where the history goes by default: `dashboard.sqlite` in the OS data directory for `hetu`. */
export function defaultDashboardDb(): string {
  return join(envPaths('hetu', { suffix: '' }).data, 'dashboard.sqlite')
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1'])

/** Page routes: one HTML shell, the script reads the path. */
const PAGES = ['/', '/subnets/:netuid', '/subnets/:netuid/neurons/:address']

/** Static assets: URL path → file in this package, content type. */
const ASSETS: Record<string, [string, string]> = {
  '/assets/app.js': ['static/dashboard/app.js', 'text/javascript; charset=utf-8'],
  '/assets/app.css': ['static/dashboard/app.css', 'text/css; charset=utf-8'],
  '/assets/uPlot.iife.min.js': [
    'node_modules/uplot/dist/uPlot.iife.min.js',
    'text/javascript; charset=utf-8',
  ],
  '/assets/uPlot.min.css': ['node_modules/uplot/dist/uPlot.min.css', 'text/css; charset=utf-8'],
}

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
}

/**
 * Starts the dashboard: opens (or creates) the history, starts the indexer and the web server.
 *
 * @example
 * await using dashboard = await startDashboard({ client, port: 0 })
 * console.log(dashboard.url)
 */
export async function startDashboard(options: StartDashboardOptions): Promise<Dashboard> {
  const client = 'hetu' in options.client ? options.client : options.client.client
  const host = options.host ?? '127.0.0.1'
  const port = options.port ?? 0
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new DashboardOptionError('port', port, 'an integer from 0 to 65535')
  if (options.fromBlock !== undefined && (!Number.isInteger(options.fromBlock) || options.fromBlock < 0))
    throw new DashboardOptionError('fromBlock', options.fromBlock, 'a block number (an integer ≥ 0)')
  const dbPath = options.db ?? defaultDashboardDb()
  const store = new DashboardStore(dbPath)
  const indexer = new Indexer({
    client,
    store,
    ...(options.fromBlock !== undefined && { fromBlock: options.fromBlock }),
    ...(options.pollMs !== undefined && { pollMs: options.pollMs }),
    ...(options.epoch && { epoch: options.epoch }),
    ...(options.logger && { logger: options.logger }),
  })
  const views = new DashboardViews(client, store, indexer, options.epoch)
  const prober = options.probeAxons === false ? undefined : new AxonProber()
  const assets = loadAssets()
  const clients = new Set<ServerResponse>()
  const loopbackOnly = LOOPBACK_NAMES.has(host) || host === 'localhost'

  const router = Router({
    ignoreTrailingSlash: true,
    defaultRoute: (_req, res) => sendJson(res, 404, { error: 'not found' }),
  })
  const page = (_req: IncomingMessage, res: ServerResponse) =>
    send(res, 200, 'text/html; charset=utf-8', assets.html)
  for (const path of PAGES) router.on(['GET', 'HEAD'], path, page)
  for (const [path, [, type]] of Object.entries(ASSETS))
    router.on(['GET', 'HEAD'], path, (_req, res) =>
      send(res, 200, type, assets.files.get(path)!, 'public, max-age=300'),
    )
  const api = (
    path: string,
    handler: (params: Record<string, string | undefined>) => Promise<string> | string,
  ) =>
    router.on(['GET', 'HEAD'], path, async (_req, res, params) => {
      try {
        send(res, 200, 'application/json; charset=utf-8', await handler(params))
      } catch (err) {
        if (err instanceof NotFound) sendJson(res, 404, { error: err.message })
        else {
          options.logger?.warn({ err: (err as Error).message }, 'dashboard: a read failed')
          sendJson(res, 502, {
            error: ((err as { shortMessage?: string }).shortMessage ?? (err as Error).message).split('\n')[0],
          })
        }
      }
    })
  api('/api/status', () => JSON.stringify(views.status()))
  api('/api/network', () => views.network())
  api('/api/subnets/:netuid', (p) => views.subnet(netuidOf(p.netuid)))
  api('/api/subnets/:netuid/charts', (p) => views.charts(netuidOf(p.netuid)))
  api('/api/subnets/:netuid/weights', (p) => views.weights(netuidOf(p.netuid)))
  api('/api/subnets/:netuid/neurons/:address', (p) => views.neuron(netuidOf(p.netuid), p.address ?? ''))
  api('/api/subnets/:netuid/axons', async (p) => {
    if (!prober) return JSON.stringify({ statuses: [] })
    const graph = await views.metagraph(netuidOf(p.netuid))
    const statuses = await prober.statuses(graph.axons.filter((a) => a.isServing).map((a) => a.endpoint))
    return JSON.stringify({ statuses })
  })
  router.on('GET', '/api/events', (req, res) => {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    })
    res.write(`retry: 1000\nevent: status\ndata: ${JSON.stringify(views.status())}\n\n`)
    clients.add(res)
    req.on('close', () => clients.delete(res))
  })

  const broadcast = (event: string, data: unknown) => {
    const text = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`
    for (const res of clients) res.write(text)
  }
  indexer.on('block', (news) =>
    broadcast('block', {
      block: news.block,
      head: news.head,
      changed: news.changed,
      pools: news.pools.map((p) => ({
        netuid: p.netuid,
        block: p.block,
        price: p.price,
        hetuReserve: String(p.hetuReserve),
        alphaReserve: String(p.alphaReserve),
      })),
    }),
  )
  indexer.on('epoch', (epoch) => broadcast('epoch', epoch))
  indexer.on('status', (status: IndexerStatus) => broadcast('status', status))
  indexer.on('reset', (reset) => broadcast('reset', reset))
  const heartbeat = setInterval(() => {
    for (const res of clients) res.write(': keep-alive\n\n')
  }, 15_000)
  heartbeat.unref()

  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD')
      return sendJson(res, 405, { error: 'read-only: GET and HEAD only' })
    }
    if (loopbackOnly && !LOOPBACK_NAMES.has(hostnameOf(req.headers.host)))
      return sendJson(res, 421, { error: 'this dashboard answers requests to localhost only' })
    router.lookup(req, res)
  })
  server.keepAliveTimeout = 5_000

  const life = new Lifecycle(undefined, {
    open: async () => {
      try {
        await indexer.start()
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject)
          server.listen(port, host, () => {
            server.off('error', reject)
            resolve()
          })
        })
      } catch (err) {
        clearInterval(heartbeat)
        await indexer.stop()
        store.close()
        const code = (err as NodeJS.ErrnoException).code
        if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL')
          throw new DashboardListenError(host, port, code === 'EADDRINUSE' ? 'the port is in use' : code, err)
        throw err
      }
    },
    close: async () => {
      clearInterval(heartbeat)
      for (const res of clients) res.end()
      clients.clear()
      await indexer.stop()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      store.close()
    },
    refuse: (state) => new DashboardStateError('The dashboard cannot start', state),
    stopped: (signal) => {
      if (signal) options.logger?.info({ signal }, 'dashboard: stopped on a signal')
    },
    handleSignals: options.handleSignals ?? false,
  })
  await life.start()
  void views.warm()
  const bound = (server.address() as AddressInfo).port
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host
  const close = () => life.stop()
  return {
    url: `http://${urlHost}:${bound}/`,
    port: bound,
    host,
    db: dbPath,
    indexer,
    store,
    close,
    whenStopped: () => life.whenStopped(),
    [Symbol.asyncDispose]: close,
  }
}

function netuidOf(text: string | undefined): number {
  const netuid = Number(text)
  if (!Number.isInteger(netuid) || netuid < 0 || netuid > 65_535) throw new NotFound(`no subnet ${text}`)
  return netuid
}

function hostnameOf(host: string | undefined): string {
  if (!host) return ''
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1)
  return host.split(':')[0]!.toLowerCase()
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  cache = 'no-store',
): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, 'cache-control': cache })
  res.end(res.req.method === 'HEAD' ? undefined : body)
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value))
}

function loadAssets(): { html: string; files: Map<string, Buffer> } {
  const files = new Map<string, Buffer>()
  for (const [path, [file]] of Object.entries(ASSETS)) files.set(path, readFileSync(packageFile(file)))
  return { html: readFileSync(packageFile('static/dashboard/index.html'), 'utf8'), files }
}
