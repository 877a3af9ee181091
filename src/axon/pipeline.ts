import type { IncomingMessage, ServerResponse } from 'node:http'
import { type AxonCore, Exchange } from './core.js'
import { AxonRejection } from './rejection.js'
import { admit } from './stages/admit.js'
import { checkBlacklist } from './stages/blacklist.js'
import { forward, handlerFailure } from './stages/forward.js'
import { readHeaders } from './stages/headers.js'
import { respond, respondError } from './stages/respond.js'
import { routeAndSize } from './stages/route.js'
import { forwardStream, StreamEnded } from './stages/stream.js'
import { readVerifiedBody, verifySignature } from './stages/verify.js'

/** A stage returns a promise only when it has to wait (I/O, async hooks); most requests never do. */
type Stage = (core: AxonCore, exchange: Exchange) => void | Promise<void>

/**
 * A request through an axon. Each stage is cheaper than the next and may refuse with its own
 * status; nothing expensive (signature recovery, body reading, the handler) runs for a request an
 * earlier stage could refuse.
 *
 *   route + size (404/405/413) → headers (400) → blacklist (403) → signature + nonce (401)
 *   → body + body hash + verify hook (413/408/400/401) → priority admission (503/408)
 *   → forward (500) → signed response (200)
 *
 * Stages run synchronously one after the other until one has to wait; the rest then continue
 * after it. (An `await` per stage cost a promise and a microtask each, on every request.)
 */
const stages: readonly (readonly [name: string | undefined, stage: Stage])[] = [
  [
    'route',
    (core, exchange) => {
      exchange.route = routeAndSize(core, exchange)
    },
  ],
  [
    'headers',
    (core, exchange) => {
      exchange.headers = readHeaders(core, exchange)
    },
  ],
  ['blacklist', checkBlacklist],
  ['signature', verifySignature],
  ['body', readVerifiedBody],
  ['admitted', admit],
  [
    undefined,
    (core, exchange) => {
      if (exchange.route!.streaming) return forwardStream(core, exchange)
      const values = forward(core, exchange)
      return values instanceof Promise
        ? values.then((resolved) => respond(core, exchange, resolved))
        : respond(core, exchange, values)
    },
  ],
]

/** Runs the stages from `from` on; a promise only if one of them waits. */
export function handleSynapseRequest(core: AxonCore, exchange: Exchange, from = 0): void | Promise<void> {
  for (let i = from; i < stages.length; i++) {
    const [name, stage] = stages[i]!
    const pending = stage(core, exchange)
    if (pending) {
      return pending.then(() => {
        if (name) trace(core, exchange, name)
        return handleSynapseRequest(core, exchange, i + 1)
      })
    }
    if (name) trace(core, exchange, name)
  }
}

/** Runs {@link handleSynapseRequest} (or `GET /`), answers refusals, records metrics and trace. */
export function serveRequest(
  core: AxonCore,
  req: IncomingMessage,
  res: ServerResponse,
  live: Set<Exchange>,
): void | Promise<void> {
  const exchange = new Exchange(req, res)
  res.once('close', exchange.onClose)
  live.add(exchange)
  if (req.method === 'GET' && (req.url === '/' || req.url?.startsWith('/?'))) {
    serveDiscovery(core, exchange)
    return finish(core, exchange, live, undefined, 'discovery')
  }
  let pending: void | Promise<void>
  try {
    pending = handleSynapseRequest(core, exchange)
  } catch (error) {
    return fail(core, exchange, live, error)
  }
  if (!pending) return finish(core, exchange, live)
  return pending.then(
    () => finish(core, exchange, live),
    (error: unknown) => fail(core, exchange, live, error),
  )
}

/** Answers a refusal or handler failure (unless a stream already did), then records the request. */
function fail(core: AxonCore, exchange: Exchange, live: Set<Exchange>, error: unknown): void | Promise<void> {
  exchange.releaseSlot()
  if (error instanceof StreamEnded) return finish(core, exchange, live, error.rejection)
  const rejection = error instanceof AxonRejection ? error : handlerFailure(core, exchange, error)
  let answered: void | Promise<void>
  try {
    answered = respondError(core, exchange, rejection)
  } catch (respondFailure) {
    return couldNotAnswer(core, exchange, live, rejection, respondFailure)
  }
  if (!answered) return finish(core, exchange, live, rejection)
  return answered.then(
    () => finish(core, exchange, live, rejection),
    (respondFailure: unknown) => couldNotAnswer(core, exchange, live, rejection, respondFailure),
  )
}

function couldNotAnswer(
  core: AxonCore,
  exchange: Exchange,
  live: Set<Exchange>,
  rejection: AxonRejection,
  respondFailure: unknown,
): void {
  core.logger.error({ error: String(respondFailure) }, 'axon could not send an error answer')
  exchange.res.destroy()
  finish(core, exchange, live, rejection)
}

/** The end of every request: frees its slot, records metrics and the trace line. */
function finish(
  core: AxonCore,
  exchange: Exchange,
  live: Set<Exchange>,
  rejection?: AxonRejection,
  label?: string,
): void {
  exchange.releaseSlot()
  exchange.res.off('close', exchange.onClose)
  live.delete(exchange)
  const route = label ?? exchange.route?.definition.name ?? 'unknown'
  const status = rejection?.status ?? exchange.res.statusCode
  const seconds = (performance.now() - exchange.startedAt) / 1000
  core.metrics.observe(route, status, seconds, rejection?.reason)
  if (core.trace)
    core.logger.debug(
      { synapse: route, status, reason: rejection?.reason, hotkey: exchange.caller, ms: seconds * 1000 },
      'axon request',
    )
}

/** With `trace: true`, one debug line per passed stage: names, hotkey and timing only. */
function trace(core: AxonCore, exchange: Exchange, stage: string): void {
  if (!core.trace) return
  core.logger.debug(
    {
      stage,
      synapse: exchange.route?.definition.name,
      hotkey: exchange.caller ?? exchange.headers?.dendrite.hotkey,
      ms: performance.now() - exchange.startedAt,
    },
    'axon stage passed',
  )
}

function serveDiscovery(core: AxonCore, exchange: Exchange): void {
  const body = core.discoveryDocument()
  exchange.res
    .writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) })
    .end(body)
}
