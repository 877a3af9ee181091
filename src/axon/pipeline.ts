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

/**
 * A request through an axon. Each stage is cheaper than the next and may refuse with its own
 * status; nothing expensive (signature recovery, body reading, the handler) runs for a request an
 * earlier stage could refuse.
 *
 *   route + size (404/405/413) → headers (400) → blacklist (403) → signature + nonce (401)
 *   → body + body hash + verify hook (413/408/400/401) → priority admission (503/408)
 *   → forward (500) → signed response (200)
 */
export async function handleSynapseRequest(core: AxonCore, exchange: Exchange): Promise<void> {
  exchange.route = routeAndSize(core, exchange)
  trace(core, exchange, 'route')
  exchange.headers = readHeaders(core, exchange)
  trace(core, exchange, 'headers')
  await checkBlacklist(core, exchange)
  trace(core, exchange, 'blacklist')
  await verifySignature(core, exchange)
  trace(core, exchange, 'signature')
  await readVerifiedBody(core, exchange)
  trace(core, exchange, 'body')
  const release = await admit(core, exchange)
  trace(core, exchange, 'admitted')
  try {
    if (exchange.route.streaming) await forwardStream(core, exchange)
    else await respond(core, exchange, await forward(core, exchange))
  } finally {
    release()
  }
}

/** Runs {@link handleSynapseRequest} (or `GET /`), answers refusals, records metrics and trace. */
export async function serveRequest(
  core: AxonCore,
  req: IncomingMessage,
  res: ServerResponse,
  live: Set<Exchange>,
): Promise<void> {
  const exchange = new Exchange(req, res)
  const onClose = () => {
    if (!res.writableFinished) exchange.abort()
  }
  res.once('close', onClose)
  live.add(exchange)
  let rejection: AxonRejection | undefined
  let label: string | undefined
  try {
    if (req.method === 'GET' && (req.url === '/' || req.url?.startsWith('/?'))) {
      label = 'discovery'
      return serveDiscovery(core, exchange)
    }
    await handleSynapseRequest(core, exchange)
  } catch (error) {
    if (error instanceof StreamEnded) rejection = error.rejection
    else {
      rejection = error instanceof AxonRejection ? error : handlerFailure(core, exchange, error)
      try {
        await respondError(core, exchange, rejection)
      } catch (respondFailure) {
        core.logger.error({ error: String(respondFailure) }, 'axon could not send an error answer')
        res.destroy()
      }
    }
  } finally {
    res.off('close', onClose)
    live.delete(exchange)
    const route = label ?? exchange.route?.definition.name ?? 'unknown'
    const status = rejection?.status ?? res.statusCode
    const seconds = (performance.now() - exchange.startedAt) / 1000
    core.metrics.observe(route, status, seconds, rejection?.reason)
    if (core.trace)
      core.logger.debug(
        { synapse: route, status, reason: rejection?.reason, hotkey: exchange.caller, ms: seconds * 1000 },
        'axon request',
      )
  }
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
