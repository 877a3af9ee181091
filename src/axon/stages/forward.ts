import { collectResponse, validateResponse } from '../answer.js'
import { type AxonCore, callerContext, type Parsed } from '../core.js'

/**
 * Stage 6: runs the user's handler (its errors become 500 with a safe message, see
 * handlerFailure). A handler's thenable becomes a native promise, the kind the runner waits for.
 */
export function forward(_core: AxonCore, exchange: Parsed): unknown {
  const result = exchange.route.forward(exchange.synapse, callerContext(exchange))
  return typeof (result as { then?: unknown } | null | undefined)?.then === 'function'
    ? Promise.resolve(result)
    : result
}

/** The handler's result as response fields, validated (500 when they do not fit the schema). */
export function acceptResult(core: AxonCore, exchange: Parsed, result: unknown): void {
  exchange.responseValues = validateResponse(core, exchange, collectResponse(exchange.synapse, result))
}
