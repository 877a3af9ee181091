import type { ReleaseSlot } from '../admission.js'
import type { AxonCore, Exchange } from '../core.js'
import { AxonRejection } from '../rejection.js'
import { callerContext } from './verify.js'

/**
 * Stage 5: priority admission. The synapse's priority (default 0) orders the wait for one of
 * `maxWorkers` slots; a full queue gives 503, a wait longer than the request's timeout 408.
 */
export async function admit(core: AxonCore, exchange: Exchange): Promise<ReleaseSlot> {
  const route = exchange.route!
  let priority = 0
  if (route.priority) {
    try {
      priority = await route.priority(exchange.synapse!, callerContext(exchange))
    } catch {
      throw new AxonRejection(503, 'queue_full', 'Service unavailable: priority function failed')
    }
  }
  const timeoutSeconds = exchange.headers!.timeout
  const waitMs =
    timeoutSeconds === undefined ? core.maxQueueWaitMs : Math.min(core.maxQueueWaitMs, timeoutSeconds * 1000)
  return core.admission.acquire(priority, waitMs, exchange)
}
