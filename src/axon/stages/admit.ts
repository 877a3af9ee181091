import type { AxonCore, Exchange } from '../core.js'
import { AxonRejection } from '../rejection.js'
import { callerContext } from './verify.js'

/**
 * Stage 5: priority admission. The synapse's priority (default 0) orders the wait for one of
 * `maxWorkers` slots; a full queue gives 503, a wait longer than the request's timeout 408.
 * The slot is kept in `exchange.release`.
 */
export function admit(core: AxonCore, exchange: Exchange): void | Promise<void> {
  const route = exchange.route!
  if (!route.priority) return take(core, exchange, 0)
  return (async () => {
    let priority: number
    try {
      priority = await route.priority!(exchange.synapse!, callerContext(exchange))
    } catch {
      throw new AxonRejection(503, 'queue_full', 'Service unavailable: priority function failed')
    }
    return take(core, exchange, priority)
  })()
}

function take(core: AxonCore, exchange: Exchange, priority: number): void | Promise<void> {
  const timeoutSeconds = exchange.headers!.timeout
  const waitMs =
    timeoutSeconds === undefined ? core.maxQueueWaitMs : Math.min(core.maxQueueWaitMs, timeoutSeconds * 1000)
  const slot = core.admission.acquire(priority, waitMs, exchange)
  if (!(slot instanceof Promise)) {
    exchange.release = slot
    return
  }
  return slot.then((release) => {
    exchange.release = release
  })
}
