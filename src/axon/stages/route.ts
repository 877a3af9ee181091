import type { AxonCore, Exchange, Route } from '../core.js'
import { AxonRejection } from '../rejection.js'

/**
 * Stage 1, before any body byte is read: the path names an attached synapse, the method is POST,
 * and the declared length fits (404, 405, 413; 503 while stopping).
 */
export function routeAndSize(core: AxonCore, exchange: Exchange): Route {
  const { req } = exchange
  if (core.stopping) throw new AxonRejection(503, 'stopping', 'Service unavailable: axon is stopping')
  const url = req.url ?? '/'
  const end = url.indexOf('?')
  const name = url.slice(1, end === -1 ? undefined : end)
  const route = core.routes.get(name)
  if (!route) throw new AxonRejection(404, 'not_found', 'Synapse not found')
  if (req.method !== 'POST')
    throw new AxonRejection(405, 'method_not_allowed', 'Method not allowed: use POST')
  const declared = req.headers['content-length']
  if (declared !== undefined && Number(declared) > core.maxBodyBytes)
    throw new AxonRejection(413, 'too_large', `Payload too large: over ${core.maxBodyBytes} bytes`)
  return route
}
