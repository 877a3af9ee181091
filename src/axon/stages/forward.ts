import { isSynapse, parseResponseFields, type SynapseBase } from '../../protocol/synapse.js'
import type { AxonCore, Exchange } from '../core.js'
import { AxonRejection, ForwardError } from '../rejection.js'
import { callerContext } from './verify.js'

/** Response fields from a handler's result: a synapse, a plain object of fields, or nothing. */
export function collectResponse(synapse: SynapseBase, result: unknown): Record<string, unknown> {
  if (result !== undefined && result !== null && !isSynapse(result)) Object.assign(synapse, result)
  const source = isSynapse(result) ? result : synapse
  return source.responseValues()
}

/** Validates a handler's response fields against the response schema (500 when they do not fit). */
export function validateResponse(core: AxonCore, exchange: Exchange, values: Record<string, unknown>) {
  try {
    return parseResponseFields(exchange.route!.definition, values) as Record<string, unknown>
  } catch (error) {
    core.logger.error(
      { synapse: exchange.route!.definition.name, details: (error as { details?: string }).details },
      'axon handler returned fields that do not match the response schema',
    )
    throw new AxonRejection(500, 'bad_response', 'Internal Server Error: response does not match its schema')
  }
}

/** Turns a handler's exception into a rejection: ForwardError keeps its status, others are opaque 500s. */
export function handlerFailure(core: AxonCore, exchange: Exchange, error: unknown): AxonRejection {
  if (error instanceof AxonRejection) return error
  if (error instanceof ForwardError)
    return new AxonRejection(error.status, 'handler_error', error.shortMessage)
  const errorId = crypto.randomUUID()
  core.logger.error(
    {
      synapse: exchange.route?.definition.name,
      errorId,
      error:
        error instanceof Error
          ? { name: error.name, message: error.message, stack: error.stack }
          : String(error),
    },
    'axon handler threw',
  )
  return new AxonRejection(500, 'handler_error', `Internal Server Error #${errorId}`)
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function'
}

/**
 * Stage 6: runs the user's handler; its errors become 500 with a safe message. Synchronous when
 * the handler is.
 */
export function forward(
  core: AxonCore,
  exchange: Exchange,
): Record<string, unknown> | Promise<Record<string, unknown>> {
  const synapse = exchange.synapse!
  let result: unknown
  try {
    result = exchange.route!.forward(synapse, callerContext(exchange))
  } catch (error) {
    throw handlerFailure(core, exchange, error)
  }
  if (!isPromiseLike(result)) return validateResponse(core, exchange, collectResponse(synapse, result))
  return Promise.resolve(result).then(
    (resolved) => validateResponse(core, exchange, collectResponse(synapse, resolved)),
    (error: unknown) => {
      throw handlerFailure(core, exchange, error)
    },
  )
}
