import { encodeSynapseBody } from '../../protocol/body.js'
import { headerNames, sanitizeHeaderValue, terminalInfoToHeaders } from '../../protocol/headers.js'
import { computeResponseHash } from '../../protocol/responseHash.js'
import { responseMessage } from '../../protocol/signature.js'
import type { TerminalInfo } from '../../protocol/terminalInfo.js'
import type { AxonCore, Exchange } from '../core.js'
import type { AxonRejection } from '../rejection.js'

/** Seconds since the request's headers arrived. */
export function processTime(exchange: Exchange): number {
  return (performance.now() - exchange.startedAt) / 1000
}

/** The dendrite as the response reports it: the request's values, the socket's address. */
function dendriteInfo(exchange: Exchange): TerminalInfo {
  const { socket } = exchange.req
  return { ...exchange.headers?.dendrite, ip: socket.remoteAddress, port: socket.remotePort }
}

/**
 * The axon's signed terminal info. `responseHash` present: the five-part success message;
 * absent: Python's four-part message (error answers).
 */
export async function signedAxonInfo(
  core: AxonCore,
  exchange: Exchange,
  statusCode: number,
  statusMessage: string,
  responseHash?: string,
): Promise<TerminalInfo> {
  const nonce = core.clock.next()
  const info: TerminalInfo = {
    statusCode,
    statusMessage,
    processTime: processTime(exchange),
    version: core.version,
    nonce,
    uuid: core.uuid,
    hotkey: core.signer.address,
  }
  const dendriteHotkey = exchange.headers?.dendrite.hotkey
  if (dendriteHotkey !== undefined && core.signResponses) {
    info.signature = await core.signer.signMessage(
      responseMessage({
        nonce,
        dendriteHotkey,
        axonHotkey: core.signer.address,
        uuid: core.uuid,
        responseHash,
      }),
    )
  }
  return info
}

/** Headers that let the dendrite match the answer to its request. */
function echoDendriteHeaders(exchange: Exchange, out: Record<string, string>) {
  const dendrite = exchange.headers?.dendrite
  if (!dendrite) return
  const { hotkey, nonce, uuid } = dendrite
  terminalInfoToHeaders(headerNames.dendritePrefix, { hotkey, nonce, uuid }, out)
}

/** Stage 7: the 200 answer, signed over the response fields (five-part message). */
export async function respond(core: AxonCore, exchange: Exchange, responseValues: Record<string, unknown>) {
  const { res } = exchange
  if (res.destroyed) return
  const definition = exchange.route!.definition
  const responseHash = computeResponseHash(definition, responseValues)
  const axon = await signedAxonInfo(core, exchange, 200, 'Success', responseHash)
  const fieldsJson = JSON.stringify({ ...exchange.requestValues, ...responseValues })
  const body = encodeSynapseBody(
    {
      name: definition.name,
      timeout: exchange.headers?.timeout ?? 12,
      totalSize: fieldsJson.length,
      headerSize: 0,
      dendrite: dendriteInfo(exchange),
      axon,
      computedBodyHash: exchange.headers?.computedBodyHash ?? '',
    },
    fieldsJson,
  )
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    name: definition.name,
  }
  // The dendrite's own values are in the body already; the headers carry only the axon's.
  terminalInfoToHeaders(headerNames.axonPrefix, axon, headers)
  if (core.stopping) headers.connection = 'close'
  res.writeHead(200, headers).end(body)
}

/**
 * An error answer as the Python axon sends it: `{"message": …}` and the axon's terminal info in
 * headers. Signed only when the request's signature was verified: signing answers to strangers
 * would let anyone make us spend a signature per garbage request.
 */
export async function respondError(core: AxonCore, exchange: Exchange, rejection: AxonRejection) {
  const { res } = exchange
  if (res.headersSent || res.destroyed) {
    if (!res.writableEnded) res.destroy()
    return
  }
  const message = sanitizeHeaderValue(rejection.message)
  const body = JSON.stringify({ message })
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
  }
  const axon: TerminalInfo = exchange.verified
    ? await signedAxonInfo(core, exchange, rejection.status, message)
    : {
        statusCode: rejection.status,
        statusMessage: message,
        processTime: processTime(exchange),
        version: core.version,
        uuid: core.uuid,
        hotkey: core.signer.address,
      }
  if (exchange.route) headers.name = exchange.route.definition.name
  terminalInfoToHeaders(headerNames.axonPrefix, axon, headers)
  if (exchange.verified) echoDendriteHeaders(exchange, headers)
  if (rejection.closeConnection || core.stopping) headers.connection = 'close'
  if (res.destroyed) return
  res.writeHead(rejection.status, headers).end(body)
}
