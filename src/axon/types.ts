import type { NonceStore, NonceTrackerOptions } from '../protocol/nonce.js'
import type { KeyOptions } from '../protocol/signer.js'
import type { AnySynapseClass, ChunkInputOf, ResponseInputOf, SynapseOf } from '../protocol/synapse.js'
import type { TerminalInfo } from '../protocol/terminalInfo.js'
import type { SessionOptions } from './sessions.js'

/** Structured logger (pino's call shape); the axon logs no secrets and no bodies. */
export interface AxonLogger {
  debug(fields: object, message?: string): void
  info(fields: object, message?: string): void
  warn(fields: object, message?: string): void
  error(fields: object, message?: string): void
}

/** Options of `new Axon(...)`. Every limit has a default, so nothing grows without bound. */
export interface AxonOptions extends KeyOptions {
  /** Interface to bind. Default `0.0.0.0`. */
  ip?: string
  /** Port to bind; `0` picks a free one (read `axon.port` after `start()`). Default 8091. */
  port?: number
  /** IP announced to others (`info()`, chain registration). Default: `ip`, or 127.0.0.1 for 0.0.0.0. */
  externalIp?: string
  /** Port announced to others. Default: the bound port. */
  externalPort?: number
  /** Handlers running at once. Default 10 (as the Python axon). */
  maxWorkers?: number
  /** Requests waiting for a worker; beyond it the lowest priority is refused with 503. Default 256. */
  maxQueue?: number
  /** Longest wait for a worker, also capped by the request's timeout; then 408. Default 12 000 ms. */
  maxQueueWaitMs?: number
  /** Largest request body; larger ones get 413 before (or while) it is read. Default 1 MiB. */
  maxBodyBytes?: number
  /**
   * Time allowed to receive the body once headers are in (slow-body defence); then 408, enforced by
   * a sweep every quarter of it (at most 500 ms). Default 10 000 ms.
   */
  bodyTimeoutMs?: number
  /** Time allowed to receive the headers; then 408 (checked every quarter of it, at most 500 ms). Default 10 000 ms. */
  headersTimeoutMs?: number
  /** Most open connections. Default 4096. */
  maxConnections?: number
  /**
   * Most open connections from one remote address (an IPv6 /64 counts as one); more are closed at
   * once, so one client cannot fill `maxConnections` with slow requests. Default 256 (a dendrite
   * opens 8 per axon).
   */
  maxConnectionsPerIp?: number
  /**
   * Replay-protection limits and clock of the default in-memory table: its freshness window
   * (`maxAgeMs`, default 16 s, never widened by the request's unsigned `timeout` header) and size.
   * Nonces older than the axon are refused (`notBefore`), so a restarted axon refuses requests
   * captured before it started.
   */
  nonce?: NonceTrackerOptions
  /**
   * Where accepted nonces are remembered, instead of the in-memory table: `createRedisNonceStore`
   * for several axon processes behind one hotkey (a request accepted by one is refused by the
   * others). The store is yours: the axon opens it in `start()` but does not close it.
   */
  nonceStore?: NonceStore
  /**
   * Accept requests without a signature (the `hb_dev` Python SDK sends none). Default false:
   * unsigned or empty-signature requests get 401. Per synapse with `attach(…, { allowUnsigned })`.
   */
  allowUnsigned?: boolean
  /**
   * Who may call this axon at all, from the headers alone (403 before the signature is checked or
   * the body read): runs for every synapse, before the synapse's own `attach(…, { blacklist })`.
   * Default: everyone. A `Miner` sets it to its subnet's registered validators.
   */
  blacklist?: BlacklistFn
  /**
   * The session lane (docs/session.md): dendrites of this SDK authenticate once with a signed
   * handshake (`POST /hetu-session`) and then MAC each request instead of signing it. Advertised in
   * `GET /`; signed requests (Python peers) are served as before. Limits as given, or `false` to
   * offer no sessions. Default: on, with the defaults of {@link SessionOptions}.
   */
  sessions?: SessionOptions | false
  /** Prometheus metrics server (`GET /metrics`). Default: enabled on a free port of `ip`. */
  prometheus?: { ip?: string; port?: number } | false
  /** Logger; default: the SDK's `createLogger` (stderr, `warn`, or `debug` with `trace`). */
  logger?: AxonLogger
  /** Log every request's stages at debug level (never keys, signatures or bodies). */
  trace?: boolean
  /** Longest graceful drain in `stop()` before connections are cut. Default 10 000 ms. */
  stopTimeoutMs?: number
  /** Version announced in `bt_header_axon_version`. Default: the SDK version as an int. */
  version?: number
  /**
   * Sign every answer with the hotkey (default true), so dendrites can check who answered and that
   * the content was not altered. Off saves one signature per request; 200s are then unsigned, as
   * the Python axon's are, and dendrites requiring signatures refuse them.
   */
  signResponses?: boolean
}

/** What blacklist functions see: headers only, the body is not read yet. The hotkey is as claimed. */
export interface BlacklistRequest {
  synapse: string
  /** Claimed dendrite hotkey (not verified yet; verification follows). */
  hotkey: string | undefined
  /** Remote address of the connection. */
  ip: string | undefined
  dendrite: TerminalInfo
}

/** `true` or `[true, reason]` rejects with 403. */
export type BlacklistResult = boolean | readonly [blacklisted: boolean, reason?: string]

export type BlacklistFn = (request: BlacklistRequest) => BlacklistResult | Promise<BlacklistResult>

/** What the forward handler gets beside the synapse. */
export interface ForwardContext {
  /** Aborted when the caller disconnects, the request's timeout passes, or the axon is stopping. */
  signal: AbortSignal
  /** Verified dendrite hotkey (EIP-55), undefined only for unsigned requests when allowed. */
  hotkey: string | undefined
  ip: string | undefined
}

/** Context of priority and verify functions: the verified caller. */
export type CallerContext = ForwardContext

/** A handler's result: the synapse (mutated), its response fields, or nothing (the synapse as mutated). */
// biome-ignore lint/suspicious/noConfusingVoidType: lets handlers that return nothing type-check.
export type ForwardResult<C extends AnySynapseClass> = SynapseOf<C> | ResponseInputOf<C> | undefined | void

export type ForwardFn<C extends AnySynapseClass> = (
  synapse: SynapseOf<C>,
  context: ForwardContext,
) => ForwardResult<C> | Promise<ForwardResult<C>>

/** A streaming handler yields chunks; its return value (optional) gives the final response fields. */
export type StreamForwardFn<C extends AnySynapseClass> = (
  synapse: SynapseOf<C>,
  context: ForwardContext,
) => AsyncIterable<ChunkInputOf<C>> | AsyncGenerator<ChunkInputOf<C>, ForwardResult<C>, undefined>

/** Per-synapse hooks of `attach`. */
export interface AttachOptions<C extends AnySynapseClass> {
  /** Cheap rejection from headers alone, before signature verification (403). */
  blacklist?: BlacklistFn
  /** Higher runs first when workers are busy; computed after verification. Default 0. */
  priority?: (synapse: SynapseOf<C>, context: CallerContext) => number | Promise<number>
  /**
   * Extra check after signature, nonce and body hash passed, before a worker is taken; throw to reject
   * with 401, or throw a `ForwardError` to choose the status (429 for a caller over its rate).
   */
  verify?: (synapse: SynapseOf<C>, context: CallerContext) => void | Promise<void>
  /** Accept unsigned requests for this synapse (see {@link AxonOptions.allowUnsigned}). */
  allowUnsigned?: boolean
}

/** Public description of an axon, as dendrites and the chain see it (Python `AxonInfo`). */
export interface AxonInfo {
  ip: string
  port: number
  hotkey: string
  version: number
  /** 4 or 6. */
  ipType: 4 | 6
  protocol: number
}
