import { Agent, request } from 'undici'
import { RpcError } from '../errors/network.js'

// The one JSON-RPC transport: batches over undici's request path for the localnet's plumbing (deploy,
// the block loop, the emission reads), and the same connections as the `fetch` of the chain client's
// viem transport (rpcFetch).

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

// undici's own request path with kept-alive connections: ~0.5 ms a round trip to a local anvil where
// the global fetch takes several; the block loop makes a few per block, a metagraph sync two. Idle
// sockets never hold the process open. Every client of the process shares it, and a transaction sent
// with eth_sendRawTransactionSync holds its socket until mined: 128 per node, so neurons of one
// process that write at once do not queue behind each other's receipts.
const dispatcher = new Agent({ keepAliveTimeout: 10_000, connections: 128 })

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

/** Statuses whose response has no body (the Response constructor refuses one). */
const NULL_BODY = new Set([101, 204, 205, 304])

/**
 * A `fetch` over the same undici connections, for viem's http transport (`fetchFn`): the chain
 * client's JSON-RPC goes the way the localnet's does. Implements what a JSON-RPC POST needs: method,
 * headers, a string body, an abort signal.
 */
export async function rpcFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
  const res = await request(url, {
    method: (init.method ?? 'GET') as 'POST',
    headers: init.headers as Record<string, string> | undefined,
    body: init.body as string | undefined,
    signal: init.signal ?? undefined,
    dispatcher,
  })
  const headers = new Headers()
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined) continue
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v)
  }
  if (NULL_BODY.has(res.statusCode)) {
    await res.body.dump()
    return new Response(null, { status: res.statusCode, headers })
  }
  return new Response(await res.body.arrayBuffer(), { status: res.statusCode, headers })
}
