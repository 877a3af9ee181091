import { encodeSynapseBody } from '../../protocol/body.js'
import { headerNames, sanitizeHeaderValue, terminalInfoToHeaders } from '../../protocol/headers.js'
import { pythonFloatRepr } from '../../protocol/pythonRepr.js'
import { computeResponseHash } from '../../protocol/responseHash.js'
import { responseMessage } from '../../protocol/signature.js'
import { signMessageNow } from '../../protocol/signer.js'
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
export function signedAxonInfo(
  core: AxonCore,
  exchange: Exchange,
  statusCode: number,
  statusMessage: string,
  responseHash?: string,
): TerminalInfo | Promise<TerminalInfo> {
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
  if (dendriteHotkey === undefined || !core.signResponses) return info
  const signature = signMessageNow(
    core.signer,
    responseMessage({
      nonce,
      dendriteHotkey,
      axonHotkey: core.signer.address,
      uuid: core.uuid,
      responseHash,
    }),
  )
  if (signature instanceof Promise)
    return signature.then((hex) => {
      info.signature = hex
      return info
    })
  info.signature = signature
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
export function respond(
  core: AxonCore,
  exchange: Exchange,
  responseValues: Record<string, unknown>,
): void | Promise<void> {
  if (exchange.res.destroyed) return
  // The hash only feeds the signature: skip it for answers that will go out unsigned.
  const responseHash =
    core.signResponses && exchange.headers?.dendrite.hotkey !== undefined
      ? computeResponseHash(exchange.route!.definition, responseValues)
      : undefined
  const axon = signedAxonInfo(core, exchange, 200, 'Success', responseHash)
  if (axon instanceof Promise) return axon.then((info) => sendSuccess(core, exchange, responseValues, info))
  sendSuccess(core, exchange, responseValues, axon)
}

function sendSuccess(
  core: AxonCore,
  exchange: Exchange,
  responseValues: Record<string, unknown>,
  axon: TerminalInfo,
): void {
  const { res } = exchange
  const definition = exchange.route!.definition
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
  // One flat list, written as is. The dendrite's own values are in the body already; the headers
  // carry only the axon's. All but the name are numbers, hex or our uuid: nothing to sanitise
  // (and Node still validates every header it writes).
  const headers = [
    'content-type',
    'application/json',
    'content-length',
    String(Buffer.byteLength(body)),
    headerNames.name,
    definition.name,
    axonHeader.statusCode,
    '200',
    axonHeader.statusMessage,
    'Success',
    axonHeader.processTime,
    pythonFloatRepr(axon.processTime!),
    axonHeader.version,
    String(axon.version),
    axonHeader.nonce,
    String(axon.nonce),
    axonHeader.uuid,
    axon.uuid!,
    axonHeader.hotkey,
    axon.hotkey!,
  ]
  if (axon.signature !== undefined) headers.push(axonHeader.signature, axon.signature)
  if (core.stopping) headers.push('connection', 'close')
  res.writeHead(200, headers).end(body)
}

/** `bt_header_axon_<field>` names of a success answer. */
const axonHeader = {
  statusCode: `${headerNames.axonPrefix}status_code`,
  statusMessage: `${headerNames.axonPrefix}status_message`,
  processTime: `${headerNames.axonPrefix}process_time`,
  version: `${headerNames.axonPrefix}version`,
  nonce: `${headerNames.axonPrefix}nonce`,
  uuid: `${headerNames.axonPrefix}uuid`,
  hotkey: `${headerNames.axonPrefix}hotkey`,
  signature: `${headerNames.axonPrefix}signature`,
} as const

/**
 * An error answer as the Python axon sends it: `{"message": …}` and the axon's terminal info in
 * headers. Signed only when the request's signature was verified: signing answers to strangers
 * would let anyone make us spend a signature per garbage request.
 */
export async function respondError(
  core: AxonCore,
  exchange: Exchange,
  rejection: AxonRejection,
): Promise<void> {
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
  // Every error answer closes its connection: an unread (maybe slow) body is not drained for
  // minutes, and a client that misbehaved reconnects rather than holding a connection.
  headers.connection = 'close'
  if (res.destroyed) return
  res.writeHead(rejection.status, headers).end(body)
}
