import type { Hex } from 'viem'
import { encodeSynapseBody, terminalInfoJson } from '../../protocol/body.js'
import { headerNames, sanitizeHeaderValue, terminalInfoToHeaders } from '../../protocol/headers.js'
import { pythonFloatRepr } from '../../protocol/pythonRepr.js'
import { computeResponseHash } from '../../protocol/responseHash.js'
import { sessionHeaderNames } from '../../protocol/session.js'
import type { TerminalInfo } from '../../protocol/terminalInfo.js'
import { answerFieldsJson, axonInfo, processTime, signAxonInfo, signedAxonInfo } from '../answer.js'
import type { Answered, AxonCore, Exchange } from '../core.js'
import type { AxonRejection } from '../rejection.js'
import { refusalSignature, sessionErrorMac } from './session.js'

/** Headers that let the dendrite match the answer to its request. */
function echoDendriteHeaders(exchange: Exchange, out: Record<string, string>) {
  const dendrite = exchange.headers?.dendrite
  if (!dendrite) return
  const { hotkey, nonce, uuid } = dendrite
  terminalInfoToHeaders(headerNames.dendritePrefix, { hotkey, nonce, uuid }, out)
}

/**
 * Stage 7a: the 200 answer's terminal info (exchange.answer) and its signature over the response
 * fields (five-part message); nothing when the caller left already.
 */
export function signAnswer(core: AxonCore, exchange: Answered): Hex | Promise<Hex> | undefined {
  if (exchange.res.destroyed) return undefined
  // The hash only feeds the signature: skip it for answers that will go out unsigned.
  const responseHash =
    core.signResponses && exchange.headers.dendrite.hotkey !== undefined
      ? computeResponseHash(exchange.route.definition, exchange.responseValues)
      : undefined
  const info = axonInfo(core, exchange, 200, 'Success')
  exchange.answer = info
  return signAxonInfo(core, exchange, info, responseHash)
}

/** Stage 7b: sends the 200 answer. */
export function sendAnswer(core: AxonCore, exchange: Answered, signature: Hex | undefined): void {
  const axon = exchange.answer
  if (!axon) return
  if (signature !== undefined) axon.signature = signature
  const { res, route, headers, responseValues } = exchange
  const definition = route.definition
  const fieldsJson = answerFieldsJson(definition, exchange.requestValues, responseValues)
  const { socket } = exchange.req
  const body = encodeSynapseBody(
    {
      name: definition.name,
      timeout: headers.timeout ?? 12,
      totalSize: fieldsJson.length,
      headerSize: 0,
      // The dendrite as the answer reports it: the request's values, the socket's address.
      dendrite: terminalInfoJson(headers.dendrite, socket.remoteAddress, socket.remotePort),
      axon,
      computedBodyHash: headers.computedBodyHash ?? '',
    },
    fieldsJson,
  )
  // One flat list, written as is. The dendrite's own values are in the body already; the headers
  // carry only the axon's. All but the name are numbers, hex or our uuid: nothing to sanitise
  // (and Node still validates every header it writes).
  const list = [
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
  if (axon.signature !== undefined) list.push(axonHeader.signature, axon.signature)
  if (core.stopping) list.push('connection', 'close')
  res.writeHead(200, list).end(body)
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
  if (rejection.refused) {
    headers[sessionHeaderNames.refused] = rejection.refused
    const signature = refusalSignature(core, exchange, rejection.refused)
    if (signature) headers[sessionHeaderNames.refusalSignature] = await signature
  }
  const mac = sessionErrorMac(exchange, rejection.status, body)
  if (mac !== undefined) headers[sessionHeaderNames.mac] = mac
  // Every error answer closes its connection: an unread (maybe slow) body is not drained for
  // minutes, and a client that misbehaved reconnects rather than holding a connection.
  headers.connection = 'close'
  if (res.destroyed) return
  res.writeHead(rejection.status, headers).end(body)
}
