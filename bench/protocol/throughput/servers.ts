/**
 * The servers of the axon throughput benchmark (bench/protocol/axon-throughput.ts), each run in a
 * child process of its own (`--serve <kind>`): the bare echo, the wire-format echo, the protocol
 * floor and the Axon. The parent asks for the child's CPU time to report server cost per request.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createH2Server } from 'node:http2'
import type { AddressInfo } from 'node:net'
import { z } from 'zod'
import { computeBodyHash } from '../../../src/protocol/bodyHash.js'
import { getSignatureBackend } from '../../../src/protocol/crypto/secp256k1.js'
import {
  answerMac,
  MacKey,
  macEquals,
  parseSessionRequestHeader,
  requestMac,
  sessionHeaderNames,
} from '../../../src/protocol/session.js'
import { checkMessageSignature, requestMessage, responseMessage } from '../../../src/protocol/signature.js'
import { signMessageNow, toMessageSigner } from '../../../src/protocol/signer.js'
import { Axon, defineSynapse } from './sdk.js'

export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64)
export const Echo = defineSynapse({
  name: 'Echo',
  request: z.object({ text: z.string() }),
  response: z.object({ text: z.string() }),
})
const silent = { debug() {}, info() {}, warn() {}, error() {} }

export type ServerKind =
  | 'bare'
  | 'bare-h2'
  | 'wire'
  | 'floor'
  | 'session-floor'
  | 'axon'
  | 'axon-unsigned-answers'

/** A captured HTTP message: raw header list (name, value, name, value...) and body. */
export interface Wire {
  headers: string[]
  body: string
  /** The hotkey of the axon that answered (the message the dendrite signs names it). */
  axonHotkey?: string
}

async function serve(kind: ServerKind): Promise<void> {
  process.on('message', (message) => {
    if (message === 'stop') process.exit(0)
    // CPU time used so far: per-request server cost, robust to other load on the machine.
    if (message === 'cpu') {
      const { user, system } = process.cpuUsage()
      process.send?.({ cpu: user + system, system })
    }
  })
  if (kind === 'bare')
    return serveBodies((_req, res, body) => {
      const { text } = JSON.parse(body) as { text: string }
      const answer = JSON.stringify({ text })
      res
        .writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) })
        .end(answer)
    })
  if (kind === 'bare-h2') {
    // The bare echo over HTTP/2 (node:http2, cleartext): is HTTP/2 the faster transport here?
    const server = createH2Server((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (chunk: Buffer) => chunks.push(chunk))
      req.on('end', () => {
        const { text } = JSON.parse(Buffer.concat(chunks).toString()) as { text: string }
        const answer = JSON.stringify({ text })
        res
          .writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) })
          .end(answer)
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    process.send?.({ port: (server.address() as AddressInfo).port })
    return
  }
  if (kind === 'wire') {
    const response = JSON.parse(process.env.BENCH_WIRE_RESPONSE!) as Wire
    const length = String(Buffer.byteLength(response.body))
    return serveBodies((_req, res, body) => {
      // Parse the body like the others do; answer the captured axon response, unchanged.
      JSON.parse(body)
      res.writeHead(200, [...response.headers, 'content-length', length]).end(response.body)
    })
  }
  if (kind === 'floor')
    return serveBodies(protocolFloor(JSON.parse(process.env.BENCH_WIRE_RESPONSE!) as Wire))
  if (kind === 'session-floor') return serveBodies(sessionFloor(process.env.BENCH_SESSION_KEYS!))
  const axon = new Axon({
    ip: '127.0.0.1',
    port: 0,
    maxWorkers: CONNECTIONS,
    prometheus: false,
    logger: silent,
    signResponses: kind === 'axon',
  })
  axon.attach(Echo, (synapse) => ({ text: synapse.text }))
  await axon.start()
  process.send?.({ port: axon.port, hotkey: axon.hotkey, backend: getSignatureBackend().name })
}

/**
 * The least any axon speaking this protocol must do per request, and nothing else: the wire-format
 * echo plus the body hash, the request's signature checked (native, against the signer's known
 * key after the first request, as the axon does) and an answer signed. No routing, schema, nonce
 * table, admission, metrics or error handling: with the Dendrite as client, its rate is the
 * ceiling for an axon on this machine.
 */
function protocolFloor(response: Wire): BodyHandler {
  const signer = toMessageSigner()
  const length = String(Buffer.byteLength(response.body))
  let nonce = BigInt(Date.now()) * 1_000_000n
  const header = (req: IncomingMessage, name: string) => req.headers[name] as string
  return (req, res, body) => {
    const { text } = JSON.parse(body) as { text: string }
    const dendriteHotkey = header(req, 'bt_header_dendrite_hotkey')
    const bodyHash = header(req, 'computed_body_hash')
    const message = requestMessage({
      nonce: BigInt(header(req, 'bt_header_dendrite_nonce')),
      dendriteHotkey,
      axonHotkey: response.axonHotkey!,
      uuid: header(req, 'bt_header_dendrite_uuid'),
      bodyHash,
    })
    const valid =
      computeBodyHash({ text }, ['text']) === bodyHash &&
      checkMessageSignature(message, header(req, 'bt_header_dendrite_signature'), dendriteHotkey) === true
    nonce++
    signMessageNow(
      signer,
      responseMessage({
        nonce,
        dendriteHotkey,
        axonHotkey: signer.address,
        uuid: 'floor',
        responseHash: computeBodyHash({ text }, ['text']),
      }),
    )
    if (!valid) res.writeHead(401).end()
    else res.writeHead(200, [...response.headers, 'content-length', length]).end(response.body)
  }
}

/**
 * The least a session-lane axon must do per request (docs/session.md): the bare echo plus the
 * session headers read, the request MAC checked, the lane's counter taken, and the answer MAC'd.
 * One session whose keys the load generator shares (no handshake); no routing, schema, blacklist,
 * admission, metrics or error handling.
 */
function sessionFloor(keysHex: string): BodyHandler {
  const [requestKey, answerKey] = keysHex.split(':').map((hex) => new MacKey(Buffer.from(hex!, 'hex')))
  const counters = new Float64Array(256)
  return (req, res, body) => {
    const sent = parseSessionRequestHeader(req.headers[sessionHeaderNames.session])
    const timeout = req.headers.timeout as string
    if (
      !sent ||
      !macEquals(sent.mac, requestMac(requestKey!, sent.lane, sent.counter, 'Echo', timeout, body)) ||
      !(sent.counter > counters[sent.lane]!)
    ) {
      res.writeHead(401).end()
      return
    }
    const { lane, counter } = sent
    counters[lane] = counter
    const { text } = JSON.parse(body) as { text: string }
    const answer = JSON.stringify({ text })
    res
      .writeHead(200, [
        'content-type',
        'application/json',
        'content-length',
        String(Buffer.byteLength(answer)),
        sessionHeaderNames.mac,
        answerMac(answerKey!, lane, counter, 200, answer),
      ])
      .end(answer)
  }
}

/** Answers one request whose whole body has arrived. */
type BodyHandler = (req: IncomingMessage, res: ServerResponse, body: string) => void

/** A `node:http` server on a free loopback port calling `answer` with each whole body; tells the parent its port. */
async function serveBodies(answer: BodyHandler): Promise<void> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => answer(req, res, Buffer.concat(chunks).toString()))
  })
  server.keepAliveTimeout = 10_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  process.send?.({ port: (server.address() as AddressInfo).port })
}

if (process.argv[2] === '--serve') await serve(process.argv[3] as ServerKind)
