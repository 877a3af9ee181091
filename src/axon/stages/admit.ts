import type { ReleaseSlot } from '../admission.js'
import { type AxonCore, callerContext, type Parsed } from '../core.js'
import { AxonRejection } from '../rejection.js'

/** Stage 5a: the synapse's priority (default 0), which orders the wait for a worker. */
export function priorityOf(exchange: Parsed): number | Promise<number> {
  const { priority } = exchange.route
  return priority ? priority(exchange.synapse, callerContext(exchange)) : 0
}

export function priorityFailure(): AxonRejection {
  return new AxonRejection(503, 'queue_full', 'Service unavailable: priority function failed')
}

/**
 * Stage 5b: one of `maxWorkers` slots, in priority order; a full queue gives 503, a wait longer than
 * the request's timeout 408. The slot is kept in `exchange.release`.
 */
export function acquireSlot(core: AxonCore, exchange: Parsed): ReleaseSlot | Promise<ReleaseSlot> {
  const timeoutSeconds = exchange.headers.timeout
  const waitMs =
    timeoutSeconds === undefined ? core.maxQueueWaitMs : Math.min(core.maxQueueWaitMs, timeoutSeconds * 1000)
  return core.admission.acquire(exchange.priority, waitMs, exchange)
}
