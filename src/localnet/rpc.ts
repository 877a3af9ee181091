import { Agent, request } from 'undici'
import { HetuError } from '../errors.js'

/** Minimal JSON-RPC over HTTP with batching, for the localnet's own plumbing (deploy, block loop). */
export interface RpcRequest {
  method: string
  params?: unknown[]
}

/** The localnet's node (anvil) answered one of the localnet's own JSON-RPC requests with an error. */
export class RpcError extends HetuError {
  override name = 'RpcError'
  constructor(
    readonly method: string,
    readonly rpcCode: number,
    message: string,
    readonly data?: unknown,
  ) {
    super('RPC_ERROR', `${method}: ${message}`, { meta: { method, rpcCode, data } })
  }
}

/** One reply of {@link rpcBatchSettled}: the result, or the error of that request alone. */
export type RpcOutcome = { ok: true; result: unknown } | { ok: false; error: RpcError }

export interface RpcBatchOptions {
  /** Gives up (rejects) after this many ms; no limit by default. */
  timeoutMs?: number
}

let nextId = 1

// undici's own request path with kept-alive connections: ~0.5 ms a round trip to a local anvil where
// the global fetch takes several; the block loop makes a few per block. Idle sockets never hold the
// process open.
const dispatcher = new Agent({ keepAliveTimeout: 10_000, connections: 16 })

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
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    dispatcher,
    ...(options.timeoutMs !== undefined && { signal: AbortSignal.timeout(options.timeoutMs) }),
  })
  if (res.statusCode < 200 || res.statusCode >= 300) {
    await res.body.dump()
    throw new RpcError(requests[0]!.method, res.statusCode, `HTTP ${res.statusCode}`)
  }
  const replies = (await res.body.json()) as RpcResponse[]
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
