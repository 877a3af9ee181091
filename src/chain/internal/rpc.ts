import type { Agent, IncomingHttpHeaders } from 'node:http'
import {
  createTransport,
  type EIP1193RequestFn,
  HttpRequestError,
  ResponseBodyTooLargeError,
  RpcRequestError,
  TimeoutError,
  type Transport,
} from 'viem'
import { RpcError } from '../errors/network.js'

// The one JSON-RPC transport: batches over node:http(s) with kept-alive connections, for the localnet's
// plumbing (deploy, the block loop, the emission reads) and, as a viem transport (rpcTransport), for
// the chain client. Node's own HTTP client rather than undici or the global fetch: as fast a round trip
// to a local node, and nothing else to load. undici (npm or the one behind fetch/Headers/Response)
// costs a one-shot command such as `hetu subnet list` about a third of its wall time: its CommonJS
// modules, and its WebAssembly HTTP parser, whose background tier-up the process waits for at exit.

/** One JSON-RPC request of a batch. */
export interface RpcRequest {
  method: string
  params?: unknown[]
}

/** One reply of {@link rpcBatchSettled}: the result, or the error of that request alone. */
export type RpcOutcome = { ok: true; result: unknown } | { ok: false; error: RpcError }

export interface RpcBatchOptions {
  /** Gives up (rejects) after this many ms; no limit by default. */
  timeoutMs?: number
}

let nextId = 1

/** Multicall answers for thousands of neurons are large; anything past this is refused. */
const MAX_RESPONSE_BYTES = 256 * 1024 * 1024

interface Transferred {
  status: number
  statusText: string
  headers: IncomingHttpHeaders
  body: string
}

/** Why a POST gave up on its own clock: no answer, or no connection, in time (see {@link post}). */
class PostTimeout extends Error {}

/** Attempts of one request that end in a timeout, at most (when the transport retries at all). */
const TIMEOUT_ATTEMPTS = 2

/**
 * viem's TimeoutError for a request that did not answer in time, or whose connection was not made
 * in time (`details` says which). Once given up ({@link RpcTimeoutError.givenUp}), it carries a
 * numeric `code`, which viem's retry takes as final (it retries errors without one), and the
 * number of attempts made.
 */
export class RpcTimeoutError extends TimeoutError {
  readonly code: number | undefined
  readonly attempts: number | undefined

  constructor(
    readonly body: Body | Body[],
    url: string,
    reason: string,
    attempts?: number,
  ) {
    super({ body, url })
    this.details = reason
    this.code = attempts === undefined ? undefined : 408
    this.attempts = attempts
  }

  /** The same timeout, given up after `attempts` (a new error: a batch's requests share the first). */
  givenUp(attempts: number): RpcTimeoutError {
    return new RpcTimeoutError(this.body, this.url, this.details, attempts)
  }
}

/** Why a POST stopped reading an answer larger than {@link MAX_RESPONSE_BYTES}. */
class PostTooLarge extends Error {
  constructor(readonly size: number) {
    super('response body too large')
  }
}

// Kept-alive connections, one pool per scheme for the process (created on first use: node:https loads
// TLS, which a loopback command never needs). Idle sockets never hold the process open (Node unrefs
// them). Every client of the process shares them, and a transaction sent with
// eth_sendRawTransactionSync holds its socket until mined: 128 per node, so neurons of one process
// that write at once do not queue behind each other's receipts.
/** The module and kept-alive agent of one scheme, loaded once. */
interface Scheme {
  agent: Agent
  request: typeof import('node:http').request
}
const schemes: { 'http:'?: Promise<Scheme>; 'https:'?: Promise<Scheme> } = {}

function schemeFor(protocol: 'http:' | 'https:'): Promise<Scheme> {
  schemes[protocol] ??= (protocol === 'https:' ? import('node:https') : import('node:http')).then((m) => ({
    agent: new m.Agent({ keepAlive: true, maxSockets: 128 }),
    request: m.request,
  }))
  return schemes[protocol]
}

/**
 * One JSON POST; rejects on a network failure, on `timeoutMs` (the whole exchange), on
 * `connectTimeoutMs` (a new connection's TCP handshake: a host that drops packets is known within
 * it, not only at the whole timeout) and on `signal`; any status resolves.
 */
async function post(
  url: URL,
  body: string,
  options: {
    timeoutMs?: number | undefined
    connectTimeoutMs?: number | undefined
    signal?: AbortSignal | undefined
  } = {},
): Promise<Transferred> {
  const { agent, request } = await schemeFor(url.protocol === 'https:' ? 'https:' : 'http:')
  return new Promise<Transferred>((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        ...(options.signal && { signal: options.signal }),
      },
      (res) => {
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size > MAX_RESPONSE_BYTES) req.destroy(new PostTooLarge(size))
          else chunks.push(chunk)
        })
        res.on('error', fail)
        res.on('end', () => {
          clearTimeout(timer)
          resolve({
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? '',
            headers: res.headers,
            body: Buffer.concat(chunks, size).toString('utf8'),
          })
        })
      },
    )
    const timer =
      options.timeoutMs !== undefined
        ? setTimeout(
            () => req.destroy(new PostTimeout(`no answer within ${options.timeoutMs} ms`)),
            options.timeoutMs,
          )
        : undefined
    const connectMs = options.connectTimeoutMs
    if (connectMs !== undefined)
      req.once('socket', (socket) => {
        // A kept-alive socket is connected already.
        if (!socket.connecting) return
        const connecting = setTimeout(
          () => req.destroy(new PostTimeout(`connect timed out after ${connectMs} ms`)),
          connectMs,
        )
        socket.once('connect', () => clearTimeout(connecting))
        req.once('close', () => clearTimeout(connecting))
      })
    function fail(err: Error) {
      clearTimeout(timer)
      reject(err)
    }
    req.on('error', fail)
    req.end(body)
  })
}

interface RpcResponse {
  id: number
  result?: unknown
  error?: { code: number; message: string; data?: unknown }
}

/**
 * Sends requests as one JSON-RPC batch and returns each reply in request order, errors included.
 * Throws only when the batch as a whole fails (network, HTTP status, timeout).
 */
export async function rpcBatchSettled(
  url: string,
  requests: readonly RpcRequest[],
  options: RpcBatchOptions = {},
): Promise<RpcOutcome[]> {
  if (requests.length === 0) return []
  const ids = requests.map(() => nextId++)
  const body = requests.map((r, i) => ({
    jsonrpc: '2.0',
    id: ids[i],
    method: r.method,
    params: r.params ?? [],
  }))
  let res: Transferred
  try {
    res = await post(new URL(url), JSON.stringify(body), { timeoutMs: options.timeoutMs })
  } catch (err) {
    if (err instanceof PostTimeout)
      throw new DOMException(`JSON-RPC batch timed out after ${options.timeoutMs} ms`, 'TimeoutError')
    throw err
  }
  if (res.status < 200 || res.status >= 300)
    throw new RpcError(requests[0]!.method, res.status, `HTTP ${res.status}`)
  const replies = JSON.parse(res.body) as RpcResponse[]
  const byId = new Map(replies.map((r) => [r.id, r]))
  return requests.map((r, i): RpcOutcome => {
    const reply = byId.get(ids[i]!)
    if (!reply) return { ok: false, error: new RpcError(r.method, -1, 'no reply in batch') }
    if (reply.error)
      return {
        ok: false,
        error: new RpcError(r.method, reply.error.code, reply.error.message, reply.error.data),
      }
    return { ok: true, result: reply.result }
  })
}

/** Sends requests as one JSON-RPC batch; results come back in request order; throws on the first error. */
export async function rpcBatch(
  url: string,
  requests: readonly RpcRequest[],
  options: RpcBatchOptions = {},
): Promise<unknown[]> {
  const outcomes = await rpcBatchSettled(url, requests, options)
  return outcomes.map((o) => {
    if (!o.ok) throw o.error
    return o.result
  })
}

export async function rpc<T = unknown>(
  url: string,
  method: string,
  params: unknown[] = [],
  options: RpcBatchOptions = {},
): Promise<T> {
  const [result] = await rpcBatch(url, [{ method, params }], options)
  return result as T
}

export interface RpcTransportOptions {
  /** Concurrent requests (issued within the same timer tick) go out as JSON-RPC batches (default true). */
  batch?: boolean
  /** Requests per batch (default 1 000). */
  batchSize?: number
  /** Retries of a failed request (viem's: network failures, 5xx, 429, some JSON-RPC codes). */
  retryCount?: number
  /** Base of the exponential backoff between retries, in ms (default 150). */
  retryDelay?: number
  /** Per HTTP request, body included, in ms (default 10 000). */
  timeoutMs?: number
  /**
   * Per new connection's TCP handshake, in ms (default 5 000, at most `timeoutMs`): an address that
   * drops packets fails within it.
   */
  connectTimeoutMs?: number
  /** Called with the methods of each HTTP request before it is sent (debug logging). */
  onRequest?: (methods: string[]) => void
}

type Body = { jsonrpc: '2.0'; id: number; method: string; params?: unknown }
type Reply = { id?: number; result?: unknown; error?: { code: number; message: string; data?: unknown } }

/**
 * The chain client's viem transport over {@link post}: what viem's `http` transport does for a
 * JSON-RPC endpoint (batching, timeout, the same error classes, so viem's retries and the SDK's error
 * decoding see what they would see there) without the fetch API. An error reply fails its own
 * request only; a failed HTTP request fails every request it carried.
 */
export function rpcTransport(url: string, options: RpcTransportOptions = {}): Transport {
  const { batch = true, batchSize = 1_000, retryDelay = 150, connectTimeoutMs = 5_000, onRequest } = options
  /** Timeouts so far of each request (viem passes the same arguments object to every attempt). */
  const timeouts = new WeakMap<object, number>()
  const target = new URL(url)
  let queue: { body: Body; resolve: (reply: Reply) => void; reject: (err: unknown) => void }[] = []

  async function send(
    bodies: Body[],
    asBatch: boolean,
    timeout: number,
    signal?: AbortSignal,
  ): Promise<Reply[]> {
    const body = asBatch ? bodies : bodies[0]!
    onRequest?.(bodies.map((b) => b.method))
    let res: Transferred
    try {
      res = await post(target, JSON.stringify(body), {
        timeoutMs: timeout > 0 ? timeout : undefined,
        connectTimeoutMs: timeout > 0 ? Math.min(connectTimeoutMs, timeout) : connectTimeoutMs,
        signal,
      })
    } catch (err) {
      if (signal?.aborted) throw signal.reason
      if (err instanceof PostTimeout) throw new RpcTimeoutError(body, url, err.message)
      if (err instanceof PostTooLarge)
        throw new ResponseBodyTooLargeError({ maxSize: MAX_RESPONSE_BYTES, size: err.size })
      throw new HttpRequestError({ body, cause: err as Error, url })
    }
    let data: unknown
    try {
      data = JSON.parse(res.body || '{}')
    } catch (err) {
      if (res.status >= 200 && res.status < 300)
        throw new HttpRequestError({ body, cause: err as Error, url })
      data = { error: res.body }
    }
    // A server that rejects a whole batch replies with a single error, bare or in a one-element array.
    const whole = asBatch && Array.isArray(data) && data.length === 1 ? data[0] : data
    if (res.status < 200 || res.status >= 300) {
      const headers = headersOf(res.headers)
      if (isRpcError(whole))
        throw new RpcRequestError({ body, error: whole.error, headers, status: res.status, url })
      throw new HttpRequestError({
        body,
        details: JSON.stringify((data as { error?: unknown }).error) || res.statusText,
        headers,
        status: res.status,
        url,
      })
    }
    if (!asBatch) return [data as Reply]
    if (Array.isArray(data) && data.length >= bodies.length) {
      const byId = new Map((data as Reply[]).map((r) => [r.id, r]))
      return bodies.map((b) => byId.get(b.id) ?? { error: { code: -32603, message: 'no reply in batch' } })
    }
    if (!isRpcError(whole)) throw new Error(`Expected ${bodies.length} responses to batch request.`)
    return bodies.map(() => whole)
  }

  return ({ retryCount, timeout }) => {
    const timeoutMs = options.timeoutMs ?? timeout ?? 10_000
    const flush = () => {
      const pending = queue
      queue = []
      for (let i = 0; i < pending.length; i += batchSize) {
        const part = pending.slice(i, i + batchSize)
        send(
          part.map((p) => p.body),
          true,
          timeoutMs,
        ).then(
          (replies) => {
            for (const [j, p] of part.entries()) p.resolve(replies[j]!)
          },
          (err) => {
            for (const p of part) p.reject(err)
          },
        )
      }
    }
    return createTransport(
      {
        key: 'http',
        name: 'HTTP JSON-RPC',
        type: 'http',
        retryCount: options.retryCount ?? retryCount ?? 3,
        retryDelay,
        timeout: timeoutMs,
        request: (async (
          args: { method: string; params?: unknown },
          requestOptions?: { signal?: AbortSignal },
        ) => {
          const { method, params } = args
          const body: Body = { jsonrpc: '2.0', id: nextId++, method, ...(params !== undefined && { params }) }
          const signal = requestOptions?.signal
          let reply: Reply
          try {
            reply =
              batch && !signal
                ? await new Promise<Reply>((resolve, reject) => {
                    if (queue.length === 0) setTimeout(flush, 0)
                    queue.push({ body, resolve, reject })
                  })
                : (await send([body], false, timeoutMs, signal))[0]!
          } catch (err) {
            if (!(err instanceof RpcTimeoutError)) throw err
            // A second timeout of the same request is final: an endpoint that did not answer twice
            // in a row is not waited on twice more (4 attempts of 10 s made a dead URL cost 41 s).
            const count = (timeouts.get(args) ?? 0) + 1
            timeouts.set(args, count)
            throw count >= TIMEOUT_ATTEMPTS ? err.givenUp(count) : err
          }
          if (reply.error) throw new RpcRequestError({ body, error: reply.error, url })
          return reply.result
        }) as EIP1193RequestFn,
      },
      { url },
    )
  }
}

function isRpcError(data: unknown): data is { error: { code: number; message: string; data?: unknown } } {
  const error = (data as { error?: { code?: unknown; message?: unknown } } | null)?.error
  return typeof error?.code === 'number' && typeof error.message === 'string'
}

/** The part of `Headers` viem's retry reads (`Retry-After`), over Node's header object. */
function headersOf(headers: IncomingHttpHeaders): Headers {
  return {
    get(name: string) {
      const value = headers[name.toLowerCase()]
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value
    },
  } as Headers
}
