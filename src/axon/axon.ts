import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { type AddressInfo, isIPv6 } from 'node:net'
import type { z } from 'zod'
import { HetuError, type HetuErrorCode } from '../errors.js'
import { createLogger } from '../logging/createLogger.js'
import { NonceClock, NonceTracker, nowNs } from '../protocol/nonce.js'
import { SESSION_PATH, SESSION_VERSION } from '../protocol/session.js'
import { type MessageSigner, toMessageSigner, type WalletCredentials } from '../protocol/signer.js'
import { type AnySynapseClass, Synapse, type SynapseBase } from '../protocol/synapse.js'
import { sdkVersionAsInt } from '../protocol/version.js'
import { Lifecycle } from '../service/lifecycle.js'
import { Wallet } from '../wallet/Wallet.js'
import { Admission } from './admission.js'
import { BodyReader } from './body.js'
import { guardConnections } from './connections.js'
import type { AxonCore, Exchange, Route } from './core.js'
import { buildDiscoveryDocument } from './discovery.js'
import { AxonMetrics } from './metrics.js'
import { serveRequest } from './pipeline.js'
import { SessionTable, sessionLimits } from './sessions.js'
import type {
  AttachOptions,
  AxonInfo,
  AxonLogger,
  AxonOptions,
  CallerContext,
  ForwardFn,
  StreamForwardFn,
} from './types.js'

/** An axon that cannot start, attach or stop as asked. */
export class AxonError extends HetuError {
  override name = 'AxonError'
  constructor(code: HetuErrorCode, shortMessage: string, hint: string, cause?: unknown) {
    super(code, shortMessage, { hint, cause })
  }
}

/** The handler `attach` expects for a synapse class: a stream generator for streaming synapses. */
export type HandlerFor<C extends AnySynapseClass> = C['definition']['chunk'] extends z.ZodType
  ? StreamForwardFn<C>
  : ForwardFn<C>

const defaultLoggers = new Map<string, AxonLogger>()

/** The SDK logger (stderr, secrets redacted, `HETU_LOG_LEVEL`), one per level for all axons. */
function defaultLogger(level: 'debug' | undefined): AxonLogger {
  const key = level ?? 'default'
  let logger = defaultLoggers.get(key)
  if (!logger) {
    logger = createLogger({ name: 'hetu:axon', level })
    defaultLoggers.set(key, logger)
  }
  return logger
}

function displayHost(ip: string): string {
  const host = ip === '0.0.0.0' || ip === '::' ? '127.0.0.1' : ip
  return isIPv6(host) ? `[${host}]` : host
}

/**
 * A miner's HTTP server: serves attached synapse types at `POST /{Name}` with the wire format of
 * docs/protocol.md, checks every request cheaply-first (see `pipeline.ts`), answers `GET /` with what it
 * serves and exposes Prometheus metrics on its own port.
 *
 * Keys: `{ wallet }` (an unlocked `Wallet`), `{ hotkey }` (hex private key or viem local account),
 * {@link Axon.fromWallet} for a wallet name and password, or nothing for a fresh random hotkey.
 *
 * @example
 * await using axon = await new Axon({ hotkey, port: 0 }).attach(Echo, (s) => ({ text: s.text })).start()
 */
export class Axon {
  /** EIP-55 hotkey address the axon signs with. */
  readonly hotkey: string
  /** Fixed per instance (sent as `bt_header_axon_uuid`). */
  readonly uuid: string
  readonly #signer: MessageSigner
  readonly #options: AxonOptions
  readonly #routes = new Map<string, Route>()
  readonly #live = new Set<Exchange>()
  readonly #admission: Admission
  readonly #metrics: AxonMetrics
  readonly #logger: AxonLogger
  readonly #core: AxonCore
  readonly #life: Lifecycle<this>
  #discovery: string | undefined
  #server: Server | undefined
  #port: number
  #prometheusPort: number | undefined
  #inFlight = 0
  #onDrained: (() => void) | undefined

  constructor(options: AxonOptions = {}) {
    const { hotkey, wallet, ...rest } = options
    this.#signer = toMessageSigner({ hotkey, wallet })
    this.#options = rest // keeps no reference to the wallet (and its coldkey)
    this.hotkey = this.#signer.address
    this.uuid = randomUUID()
    this.#port = options.port ?? 8091
    this.#admission = new Admission(options.maxWorkers ?? 10, options.maxQueue ?? 256)
    this.#metrics = new AxonMetrics(this.hotkey, () => ({
      inFlight: this.#inFlight,
      queued: this.#admission.queued,
    }))
    this.#logger = options.logger ?? defaultLogger(options.trace ? 'debug' : undefined)
    const life = new Lifecycle(this, {
      open: () => this.#open(),
      close: () => this.#close(),
      refuse: (state) =>
        new AxonError('AXON_STATE', `Axon cannot start: it is ${state}`, 'Create a new Axon to serve again.'),
    })
    this.#life = life
    const window = {
      maxAgeMs: options.nonce?.maxAgeMs ?? 16_000,
      maxFutureMs: options.nonce?.maxFutureMs ?? 4_000,
    }
    const sessions =
      options.sessions === false
        ? undefined
        : new SessionTable(sessionLimits(options.sessions), window.maxAgeMs)
    this.#core = {
      sessions,
      sessionWindow: window,
      refusalBudget: { tokens: 256, at: performance.now() },
      signer: this.#signer,
      uuid: this.uuid,
      version: options.version ?? sdkVersionAsInt,
      routes: this.#routes,
      blacklist: options.blacklist,
      nonces:
        options.nonceStore ??
        new NonceTracker({ notBefore: (options.nonce?.now ?? nowNs)(), ...options.nonce }),
      admission: this.#admission,
      clock: new NonceClock(),
      maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
      bodyTimeoutMs: options.bodyTimeoutMs ?? 10_000,
      bodies: new BodyReader(options.maxBodyBytes ?? 1024 * 1024, options.bodyTimeoutMs ?? 10_000),
      maxQueueWaitMs: options.maxQueueWaitMs ?? 12_000,
      logger: this.#logger,
      trace: options.trace ?? false,
      signResponses: options.signResponses ?? true,
      metrics: this.#metrics,
      get stopping() {
        return life.ending
      },
      discoveryDocument: () => {
        this.#discovery ??= JSON.stringify(
          buildDiscoveryDocument(
            {
              hotkey: this.hotkey,
              version: this.#core.version,
              uuid: this.uuid,
              ip: this.info().ip,
              port: this.info().port,
              ...(sessions && {
                session: {
                  version: SESSION_VERSION,
                  path: SESSION_PATH,
                  lifetimeMs: sessions.limits.lifetimeMs,
                  maxLanes: sessions.limits.maxLanes,
                },
              }),
            },
            this.#routes.values(),
          ),
        )
        return this.#discovery
      },
    }
  }

  /**
   * An axon signing with the hotkey of a named wallet (`username` + `password`, as the Python
   * SDK's wallet). Unlocking the keystore is slow (scrypt), hence async; then attach and start.
   *
   * @example
   * await using axon = await (await Axon.fromWallet({ username: 'miner', password, port: 8091 })).attach(fn).start()
   * @throws {WalletNotFoundError | WrongPasswordError | KeystoreCorruptedError | InvalidWalletNameError}
   */
  static async fromWallet(
    options: WalletCredentials & Omit<AxonOptions, 'hotkey' | 'wallet'>,
  ): Promise<Axon> {
    const { username, password, walletDir, ...rest } = options
    const wallet = await Wallet.load({ name: username, password, dir: walletDir })
    return new Axon({ ...rest, wallet })
  }

  /**
   * Serves the default {@link Synapse} (`completion`) with `forward`, like the Python SDK's
   * `axon.attach(fn)`.
   */
  attach(forward: ForwardFn<typeof Synapse>, options?: AttachOptions<typeof Synapse>): this
  /** Serves `synapse` at `POST /{name}` with `forward` and optional blacklist/priority/verify hooks. */
  attach<C extends AnySynapseClass>(synapse: C, forward: HandlerFor<C>, options?: AttachOptions<C>): this
  attach(...args: unknown[]): this {
    const [synapseClass, forward, options] = (
      typeof args[0] === 'function' && 'definition' in (args[0] as object)
        ? args
        : [Synapse, args[0], args[1]]
    ) as [
      AnySynapseClass,
      (synapse: SynapseBase, context: CallerContext) => unknown,
      AttachOptions<AnySynapseClass>?,
    ]
    if (typeof forward !== 'function')
      throw new AxonError(
        'AXON_ATTACH',
        'attach() needs a handler function',
        'Pass (SynapseClass, handler, options?).',
      )
    const definition = synapseClass.definition
    if (this.#routes.has(definition.name))
      throw new AxonError(
        'AXON_ATTACH',
        `Synapse ${definition.name} is already attached`,
        'Attach each synapse type once; define another name for a second handler.',
      )
    this.#routes.set(definition.name, {
      synapseClass,
      definition,
      streaming: definition.chunk !== undefined,
      forward,
      blacklist: options?.blacklist,
      priority: options?.priority as Route['priority'],
      verify: options?.verify as Route['verify'],
      allowUnsigned: options?.allowUnsigned ?? this.#options.allowUnsigned ?? false,
    })
    this.#discovery = undefined
    return this
  }

  /** Binds the port(s) and starts serving. Resolves with the axon, so `await new Axon().start()` chains. */
  start(): Promise<this> {
    return this.#life.start()
  }

  async #open(): Promise<void> {
    const bodyTimeout = this.#core.bodyTimeoutMs
    const headersTimeout = this.#options.headersTimeoutMs ?? 10_000
    const server = createServer(
      {
        requestTimeout: headersTimeout + bodyTimeout + 1_000,
        headersTimeout,
        keepAliveTimeout: 5_000,
        // Node checks these timeouts every 30 s by default: a 10 s header timeout fired at ~29 s.
        connectionsCheckingInterval: Math.max(50, Math.min(500, headersTimeout / 4)),
      },
      (req, res) => this.#onRequest(req, res),
    )
    server.maxConnections = this.#options.maxConnections ?? 4096
    guardConnections(server, this.#options.maxConnectionsPerIp ?? 256, headersTimeout)
    server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
      if (!socket.writable) socket.destroy()
      else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT')
        socket.end('HTTP/1.1 408 Request Timeout\r\nconnection: close\r\ncontent-length: 0\r\n\r\n')
      else if (error.code === 'HPE_HEADER_OVERFLOW')
        socket.end(
          'HTTP/1.1 431 Request Header Fields Too Large\r\nconnection: close\r\ncontent-length: 0\r\n\r\n',
        )
      else socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n')
    })
    const ip = this.#options.ip ?? '0.0.0.0'
    try {
      await this.#core.nonces.open?.()
    } catch (error) {
      throw new AxonError(
        'AXON_NONCE_STORE',
        'Axon could not open its nonce store',
        'Check that the store (Redis) runs and its url is right, then start a new Axon.',
        error,
      )
    }
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(this.#port, ip, () => {
          server.off('error', reject)
          resolve()
        })
      })
      this.#server = server
      this.#port = (server.address() as AddressInfo).port
      const prometheus = this.#options.prometheus
      if (prometheus !== false)
        this.#prometheusPort = await this.#metrics.listen(prometheus?.ip ?? ip, prometheus?.port ?? 0)
    } catch (error) {
      server.close()
      await this.#metrics.close()
      throw new AxonError(
        'AXON_LISTEN',
        `Axon could not listen on ${ip}:${this.#port}`,
        'Pick another port (or port 0 for a free one) or stop the process holding it.',
        error,
      )
    }
    this.#discovery = undefined
  }

  #onRequest(req: IncomingMessage, res: ServerResponse): void {
    this.#inFlight++
    // The request event comes before the parser pushes the body of the same packet; one microtask
    // later it is there, so the steps usually run to the answer without waiting on any promise.
    queueMicrotask(() => {
      const pending = serveRequest(this.#core, req, res, this.#live)
      if (pending) pending.finally(this.#requestDone)
      else this.#requestDone()
    })
  }

  readonly #requestDone = (): void => {
    this.#inFlight--
    if (this.#inFlight === 0) this.#onDrained?.()
  }

  /**
   * Stops gracefully: no new connections or requests (503), requests already in progress finish
   * (up to `stopTimeoutMs`, then their handlers are aborted and connections cut).
   */
  stop(): Promise<void> {
    return this.#life.stop()
  }

  async #close(): Promise<void> {
    const server = this.#server
    const closed = server ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve()
    server?.closeIdleConnections()
    if (this.#inFlight > 0) {
      const drained = new Promise<void>((resolve) => {
        this.#onDrained = resolve
      })
      let timer: NodeJS.Timeout | undefined
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), this.#options.stopTimeoutMs ?? 10_000)
      })
      const outcome = await Promise.race([drained, timedOut])
      clearTimeout(timer)
      if (outcome === 'timeout') {
        this.#logger.warn({ inFlight: this.#inFlight }, 'axon stop timed out; aborting requests in progress')
        for (const exchange of this.#live) exchange.abort()
      }
    }
    server?.closeAllConnections()
    await closed
    await this.#metrics.close()
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop()
  }

  /** Bound port (the real one after `start()` when created with `port: 0`). */
  get port(): number {
    return this.#port
  }
  /** Bound interface. */
  get ip(): string {
    return this.#options.ip ?? '0.0.0.0'
  }
  /** Port of the Prometheus metrics server, once started (undefined when disabled). */
  get prometheusPort(): number | undefined {
    return this.#prometheusPort
  }
  /** Base URL to reach the axon locally. */
  get url(): string {
    return `http://${displayHost(this.ip)}:${this.#port}`
  }
  /** Whether the axon is serving. */
  get started(): boolean {
    return this.#life.state === 'started'
  }
  /** Names of the attached synapse types. */
  get synapses(): string[] {
    return [...this.#routes.keys()]
  }
  /** The Prometheus registry of this axon (to add your own metrics or read them). */
  get metricsRegistry() {
    return this.#metrics.registry
  }
  /** Load and table sizes, for monitoring and tests. */
  get stats(): { inFlight: number; running: number; queued: number; nonceEntries: number; sessions: number } {
    return {
      sessions: this.#core.sessions?.size ?? 0,
      inFlight: this.#inFlight,
      running: this.#admission.running,
      queued: this.#admission.queued,
      nonceEntries: this.#core.nonces.size,
    }
  }

  /** How others reach this axon: external ip/port, hotkey, version (Python `AxonInfo`). */
  info(): AxonInfo {
    const bound = this.ip === '0.0.0.0' || this.ip === '::' ? '127.0.0.1' : this.ip
    const ip = this.#options.externalIp ?? bound
    return {
      ip,
      port: this.#options.externalPort ?? this.#port,
      hotkey: this.hotkey,
      version: this.#core.version,
      ipType: isIPv6(ip) ? 6 : 4,
      protocol: 4,
    }
  }

  toString(): string {
    return `Axon(${this.ip}, ${this.#port}, ${this.hotkey}, ${this.#life.state}, [${this.synapses.join(', ')}])`
  }
}
