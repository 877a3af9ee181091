/** Minimal JSON-RPC over fetch with batching, for the localnet's own plumbing (deploy, block loop). */
export interface RpcRequest {
  method: string
  params?: unknown[]
}

export class RpcError extends Error {
  override name = 'RpcError'
  constructor(
    readonly method: string,
    readonly rpcCode: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(`${method}: ${message}`)
  }
}

let nextId = 1

interface RpcResponse {
  id: number
  result?: unknown
  error?: { code: number; message: string; data?: unknown }
}

/** Sends requests as one JSON-RPC batch; results come back in request order; throws on the first error. */
export async function rpcBatch(url: string, requests: RpcRequest[]): Promise<unknown[]> {
  if (requests.length === 0) return []
  const ids = requests.map(() => nextId++)
  const body = requests.map((r, i) => ({
    jsonrpc: '2.0',
    id: ids[i],
    method: r.method,
    params: r.params ?? [],
  }))
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (!res.ok) throw new RpcError(requests[0]!.method, res.status, `HTTP ${res.status}`)
  const replies = (await res.json()) as RpcResponse[]
  const byId = new Map(replies.map((r) => [r.id, r]))
  return requests.map((r, i) => {
    const reply = byId.get(ids[i]!)
    if (!reply) throw new RpcError(r.method, -1, 'no reply in batch')
    if (reply.error) throw new RpcError(r.method, reply.error.code, reply.error.message, reply.error.data)
    return reply.result
  })
}

export async function rpc<T = unknown>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const [result] = await rpcBatch(url, [{ method, params }])
  return result as T
}
