/**
 * Axon throughput: a signed, verified echo synapse through Axon + Dendrite, against Node's bare
 * `node:http` JSON echo (the ceiling), 64 concurrent connections, in the same run. References:
 * - the wire-format echo replays the exact request a Dendrite sends (same headers, same body) to
 *   a bare `node:http` server answering with the axon's response headers and body, without any
 *   verification, hashing or signing: the cost of the wire format alone;
 * - the protocol floor is that echo plus only what the protocol requires of any axon (body hash,
 *   signature check, answer signature): the best rate an axon can reach on this machine;
 * - the pre-signed lines send requests signed before the clock starts through plain undici calls,
 *   as the bare echo's load does: server capacity without the load generator's signing.
 *
 * Servers run in child processes (bench/protocol/throughput/servers.ts), the load generator here.
 * Run: node --import tsx bench/protocol/axon-throughput.ts [seconds=3] [rounds=3]
 * (BENCH_ONLY=axon,floor,... runs some lines; BENCH_PROFILE=1 writes server CPU profiles.)
 */
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import { connect as connectH2 } from 'node:http2'
import type { AddressInfo } from 'node:net'
import { Pool, request as undiciRequest } from 'undici'
import {
  acceptHash,
  acceptMessage,
  answerMac,
  dendriteSessionKeys,
  MacKey,
  macEquals,
  parseAccept,
  prepareInit,
  randomHex,
  requestMac,
  SESSION_PATH,
  sessionHeaderNames,
  sessionRequestHeader,
} from '../../src/protocol/session.js'
import { checkMessageSignature } from '../../src/protocol/signature.js'
import { toMessageSigner } from '../../src/protocol/signer.js'
import {
  type EchoRequest,
  median,
  presign,
  type Run,
  runFor,
  type Started,
  startServer,
} from './throughput/load.js'
import { Dendrite, sdkSource } from './throughput/sdk.js'
import { CONNECTIONS, Echo, type ServerKind, type Wire } from './throughput/servers.js'
import { signatureCosts } from './verify.js'

type Kind =
  | 'bare'
  | 'bare-h2'
  | 'session'
  | 'session-floor'
  | 'session-axon'
  | 'wire'
  | 'dendrite-wire'
  | 'floor'
  | 'axon'
  | 'axon-unsigned-answers'
  | 'floor-replay'
  | 'axon-replay'

/**
 * Echo requests over one undici pool, the bare echo's kind of load: `next(worker)` gives that
 * worker's next request, undefined when it has none left.
 */
async function poolLoad(
  seconds: number,
  server: Started,
  next: (worker: number) => EchoRequest | undefined,
): Promise<Run> {
  const pool = new Pool(`http://127.0.0.1:${server.port}`, { connections: CONNECTIONS })
  const once = async (worker: number) => {
    const request = next(worker)
    if (!request) return undefined
    const response = await pool.request({
      path: request.path,
      method: 'POST',
      headers: request.headers,
      body: request.body,
    })
    const text = await response.body.text()
    return (
      response.statusCode === 200 &&
      (request.authentic?.(response.statusCode, response.headers, text) ?? true) &&
      JSON.parse(text).text === 'hello axon'
    )
  }
  const result = await runFor(seconds, once, server)
  await pool.close()
  server.stop()
  return result
}

/** A session's id and keys as the load generator holds them. */
interface BenchSession {
  id: string
  requestKey: MacKey
  answerKey: MacKey
}

/**
 * Session-lane echo requests over one undici pool, the bare echo's kind of load: the session
 * headers and request MAC made per request, the answer's MAC checked (docs/session.md).
 */
async function sessionPoolLoad(seconds: number, server: Started, session: BenchSession) {
  const counters = new Array<number>(CONNECTIONS).fill(0)
  const body = JSON.stringify({ text: 'hello axon' })
  return poolLoad(seconds, server, (lane) => {
    const counter = ++counters[lane]!
    return {
      path: '/Echo',
      headers: {
        'content-type': 'application/json',
        timeout: '12.0',
        [sessionHeaderNames.session]: sessionRequestHeader(
          session.id,
          lane,
          counter,
          requestMac(session.requestKey, lane, counter, 'Echo', '12.0', body),
        ),
      },
      body,
      authentic: (statusCode, headers, text) =>
        macEquals(
          headers[sessionHeaderNames.mac],
          answerMac(session.answerKey, lane, counter, statusCode, text),
        ),
    }
  })
}

/**
 * The session lane's floor: the bare echo plus the session headers, MACs and counters both ways
 * (servers.ts `session-floor`), the keys shared up front instead of a handshake. What the
 * protocol itself costs, without any SDK around it.
 */
async function benchSessionFloor(seconds: number) {
  const requestKey = randomBytes(32)
  const answerKey = randomBytes(32)
  const server = await startServer('session-floor', {
    BENCH_SESSION_KEYS: `${requestKey.toString('hex')}:${answerKey.toString('hex')}`,
  })
  return sessionPoolLoad(seconds, server, {
    id: randomHex(16),
    requestKey: new MacKey(requestKey),
    answerKey: new MacKey(answerKey),
  })
}

/** The Axon's session lane under the floor's load generator (no Dendrite): the server's share. */
async function benchSessionAxon(seconds: number) {
  const server = await startServer('axon')
  return sessionPoolLoad(seconds, server, await openSession(server))
}

async function benchBare(seconds: number) {
  const request: EchoRequest = {
    path: '/Echo',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: 'hello axon' }),
  }
  return poolLoad(seconds, await startServer('bare'), () => request)
}

/** The bare echo over HTTP/2: one connection, CONNECTIONS concurrent streams on it. */
async function benchBareH2(seconds: number) {
  const server = await startServer('bare-h2')
  const client = connectH2(`http://127.0.0.1:${server.port}`)
  const body = JSON.stringify({ text: 'hello axon' })
  const once = () =>
    new Promise<boolean>((resolve, reject) => {
      const stream = client.request({
        ':method': 'POST',
        ':path': '/Echo',
        'content-type': 'application/json',
      })
      let status = 0
      const chunks: Buffer[] = []
      stream.on('response', (headers) => {
        status = Number(headers[':status'])
      })
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () =>
        resolve(status === 200 && JSON.parse(Buffer.concat(chunks).toString()).text === 'hello axon'),
      )
      stream.on('error', reject)
      stream.end(body)
    })
  const result = await runFor(seconds, once, server)
  client.close()
  server.stop()
  return result
}

/** Headers Node or undici write themselves, left out of a replayed message. */
const TRANSPORT_HEADERS = new Set([
  'host',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
  'date',
])
const withoutTransport = (raw: string[]) =>
  raw.flatMap((value, i) =>
    i % 2 === 0 && !TRANSPORT_HEADERS.has(value.toLowerCase()) ? [value, raw[i + 1]!] : [],
  )

/**
 * The exact request a Dendrite sends for the echo synapse, and the signed axon's answer to it:
 * the Dendrite calls a capturing server (its answer is refused, that is fine), then the captured
 * request goes once to a real axon.
 */
async function captureWire(): Promise<{ request: Wire; response: Wire; axonHotkey: string }> {
  const axon = await startServer('axon')
  let request: Wire | undefined
  const capture = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      request = { headers: withoutTransport(req.rawHeaders), body: Buffer.concat(chunks).toString() }
      res.writeHead(503).end()
    })
  })
  await new Promise<void>((resolve) => capture.listen(0, '127.0.0.1', resolve))
  const dendrite = new Dendrite({ timeout: 10_000, sessions: false })
  const port = (capture.address() as AddressInfo).port
  await dendrite.call({ ip: '127.0.0.1', port, hotkey: axon.hotkey! }, new Echo({ text: 'hello axon' }))
  await dendrite.close()
  capture.close()
  if (!request) throw new Error('the Dendrite request was not captured')
  const pool = new Pool(`http://127.0.0.1:${axon.port}`)
  const answer = await pool.request({
    path: '/Echo',
    method: 'POST',
    headers: request.headers,
    body: request.body,
  })
  const rawHeaders: string[] = []
  for (const [name, value] of Object.entries(answer.headers))
    for (const one of Array.isArray(value) ? value : [value])
      if (one !== undefined) rawHeaders.push(name, one)
  const response = { headers: withoutTransport(rawHeaders), body: await answer.body.text() }
  await pool.close()
  axon.stop()
  if (answer.statusCode !== 200) throw new Error(`the axon refused the captured request: ${response.body}`)
  return { request, response: { ...response, axonHotkey: axon.hotkey! }, axonHotkey: axon.hotkey! }
}

async function benchWire(seconds: number, wire: { request: Wire; response: Wire }) {
  const server = await startServer('wire', { BENCH_WIRE_RESPONSE: JSON.stringify(wire.response) })
  const request: EchoRequest = { path: '/Echo', headers: wire.request.headers, body: wire.request.body }
  return poolLoad(seconds, server, () => request)
}

/** Echo calls from a Dendrite in this process to `server` (whose hotkey is `hotkey`). */
async function dendriteLoad(
  seconds: number,
  server: Started,
  hotkey: string,
  sessions = false,
): Promise<Run> {
  const dendrite = new Dendrite({ connectionsPerOrigin: CONNECTIONS, timeout: 30_000, sessions })
  const target = { ip: '127.0.0.1', port: server.port, hotkey }
  const synapse = new Echo({ text: 'hello axon' })
  const once = async () => {
    const answer = await dendrite.call(target, synapse)
    return answer.isSuccess && answer.text === 'hello axon'
  }
  const result = await runFor(seconds, once, server)
  await dendrite.close()
  server.stop()
  return result
}

/**
 * The Dendrite (signing every request, parsing every answer) against the wire-format echo, whose
 * server side costs next to nothing (this isolates the client's CPU per call), or against the
 * protocol floor (the best rate any axon could reach here).
 */
async function benchDendriteAgainst(
  seconds: number,
  kind: 'wire' | 'floor',
  wire: { request: Wire; response: Wire; axonHotkey: string },
) {
  const server = await startServer(kind, { BENCH_WIRE_RESPONSE: JSON.stringify(wire.response) })
  return dendriteLoad(seconds, server, wire.axonHotkey)
}

async function benchAxon(seconds: number, kind: ServerKind | 'session') {
  const server = await startServer(kind === 'session' ? 'axon' : kind)
  return {
    ...(await dendriteLoad(seconds, server, server.hotkey!, kind === 'session')),
    backend: server.backend,
  }
}

/** One session handshake with `server` (an Axon), as the Dendrite makes it: its id and keys. */
async function openSession(server: Started, signer = toMessageSigner()): Promise<BenchSession> {
  const init = await prepareInit(signer, server.hotkey!)
  const answer = await undiciRequest(`http://127.0.0.1:${server.port}${SESSION_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: init.body,
  })
  const accept = parseAccept(await answer.body.text())
  const transcript = acceptHash(init.hash, server.hotkey!, accept)
  if (!(await checkMessageSignature(acceptMessage(transcript), accept.signature, server.hotkey!)))
    throw new Error('the accept is not signed by the axon')
  const keys = dendriteSessionKeys(init, accept, transcript)
  return { id: accept.session, requestKey: keys.requestKey, answerKey: keys.answerKey }
}

/**
 * The session handshake's cost: `count` handshakes one after the other against an axon (GET / is
 * not included), each a fresh X25519 key, the init signed, the accept's signature checked and the
 * keys derived on this side; the axon checks the init's signature, signs its accept and derives.
 */
async function handshakeCost(count: number) {
  const server = await startServer('axon')
  const signer = toMessageSigner()
  const once = () => openSession(server, signer)
  for (let i = 0; i < 20; i++) await once() // warm-up
  const serverBefore = await server.cpu()
  const clientBefore = process.cpuUsage()
  const started = performance.now()
  for (let i = 0; i < count; i++) await once()
  const wall = (performance.now() - started) / count
  const client = process.cpuUsage(clientBefore)
  const serverAfter = await server.cpu()
  server.stop()
  console.log(
    `  session handshake (${count} in a row, one connection): ${wall.toFixed(2)} ms each; ` +
      `server cpu ${((serverAfter.cpu - serverBefore.cpu) / count).toFixed(0)} µs, ` +
      `client cpu ${((client.user + client.system) / count).toFixed(0)} µs per handshake`,
  )
}

/** The axon (or the floor) under pre-signed requests: server capacity without client crypto. */
async function benchReplay(seconds: number, kind: 'axon' | 'floor', wire: { response: Wire }) {
  const server =
    kind === 'axon'
      ? await startServer('axon')
      : await startServer('floor', { BENCH_WIRE_RESPONSE: JSON.stringify(wire.response) })
  const hotkey = kind === 'axon' ? server.hotkey! : wire.response.axonHotkey!
  // Enough for 8 000 req/s through the warm-up and the run; a lane that runs dry stops its worker.
  const lanes = presign(hotkey, server.port, Math.ceil(((seconds + 0.5) * 8_000) / CONNECTIONS))
  const next = lanes.map(() => 0)
  return poolLoad(seconds, server, (worker) => lanes[worker]![next[worker]!++])
}

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 3)
  const rounds = Number(process.argv[3] ?? 3)
  console.log(
    `Axon throughput, ${CONNECTIONS} concurrent connections, ${rounds} interleaved rounds of ${seconds} s ` +
      `(server in a child process, load generator here; Axon and Dendrite from the ${sdkSource})`,
  )
  const results: Record<Kind, Run[]> = {
    bare: [],
    'bare-h2': [],
    session: [],
    'session-floor': [],
    'session-axon': [],
    wire: [],
    'dendrite-wire': [],
    floor: [],
    axon: [],
    'axon-unsigned-answers': [],
    'floor-replay': [],
    'axon-replay': [],
  }
  let backend: string | undefined
  // BENCH_ONLY=axon (comma-separated kinds) runs a subset, e.g. to profile one side.
  const only = process.env.BENCH_ONLY?.split(',')
  const wanted = (kind: Kind | 'handshake') => !only || only.includes(kind)
  const needsWire = (['wire', 'dendrite-wire', 'floor', 'floor-replay'] as const).some(wanted)
  const wire = needsWire ? await captureWire() : undefined
  if (wire)
    console.log(
      `  wire format: request ${wire.request.headers.length / 2} headers + ${wire.request.body.length} B body, ` +
        `response ${wire.response.headers.length / 2} headers + ${wire.response.body.length} B body (plus transport headers)`,
    )
  for (let round = 0; round < rounds; round++) {
    if (wanted('bare')) results.bare.push(await benchBare(seconds))
    if (wanted('bare-h2')) results['bare-h2'].push(await benchBareH2(seconds))
    if (wanted('session-floor')) results['session-floor'].push(await benchSessionFloor(seconds))
    if (wanted('session-axon')) results['session-axon'].push(await benchSessionAxon(seconds))
    if (wire && wanted('wire')) results.wire.push(await benchWire(seconds, wire))
    if (wire && wanted('dendrite-wire'))
      results['dendrite-wire'].push(await benchDendriteAgainst(seconds, 'wire', wire))
    if (wire && wanted('floor')) results.floor.push(await benchDendriteAgainst(seconds, 'floor', wire))
    for (const kind of ['axon', 'axon-unsigned-answers', 'session'] as const) {
      if (!wanted(kind)) continue
      const run = await benchAxon(seconds, kind)
      results[kind].push(run)
      backend = run.backend
    }
    if (wire && wanted('floor-replay'))
      results['floor-replay'].push(await benchReplay(seconds, 'floor', wire))
    if (wanted('axon-replay'))
      results['axon-replay'].push(
        await benchReplay(seconds, 'axon', { response: wire?.response ?? { headers: [], body: '' } }),
      )
  }
  const rate = (kind: Kind) => median(results[kind].map((run) => run.perSecond))
  const cpu = (kind: Kind) => median(results[kind].map((run) => run.cpuPerRequest))
  const clientCpu = (kind: Kind) => median(results[kind].map((run) => run.clientCpuPerRequest))
  const kernel = (kind: Kind) => median(results[kind].map((run) => run.serverSystemShare))
  const row = (label: string, kind: Kind) => {
    if (results[kind].length === 0) return
    const versus = (reference: Kind, label: string) =>
      kind === 'bare' || kind === reference || results[reference].length === 0
        ? ''
        : `  ${label} ${(rate(kind) / rate(reference)).toFixed(2)} (cpu ${(cpu(reference) / cpu(kind)).toFixed(2)})`
    const ratio =
      versus('bare', 'ratio') +
      versus('wire', 'vs wire') +
      (kind === 'axon' || kind === 'axon-unsigned-answers' ? versus('floor', 'vs floor') : '') +
      (kind === 'axon-replay' ? versus('floor-replay', 'vs floor') : '') +
      (kind === 'session'
        ? versus('session-floor', 'vs session floor') + versus('axon', 'vs signed lane')
        : '') +
      (kind === 'session-axon' ? versus('session-floor', 'vs session floor') : '')
    const all = results[kind].map((run) => run.perSecond.toFixed(0)).join('/')
    console.log(
      `  ${label.padEnd(56)} ${rate(kind).toFixed(0).padStart(6)} req/s [${all}]  server cpu ${cpu(kind).toFixed(0).padStart(4)} µs/req (${(kernel(kind) * 100).toFixed(0)}% kernel), client cpu ${clientCpu(kind).toFixed(0).padStart(4)} µs/req${ratio}`,
    )
  }
  row('bare node:http JSON echo (ceiling)', 'bare')
  row('bare node:http2 JSON echo (1 connection, 64 streams)', 'bare-h2')
  row('wire-format echo, no crypto (node:http, same messages)', 'wire')
  row('Dendrite → wire-format echo (client cost; signs, parses)', 'dendrite-wire')
  row('protocol floor: wire echo + body hash, verify, sign', 'floor')
  row('Axon+Dendrite: request signed+verified, answer signed', 'axon')
  row('Axon+Dendrite: request signed+verified, answer unsigned', 'axon-unsigned-answers')
  row('session floor: bare echo + session headers, MAC both ways', 'session-floor')
  row('session lane: Axon+Dendrite, MAC per request and answer', 'session')
  row("session floor's load (no Dendrite) → Axon's session lane", 'session-axon')
  row('pre-signed requests (no client crypto) → protocol floor', 'floor-replay')
  row('pre-signed requests (no client crypto) → Axon, answer signed', 'axon-replay')
  const failed = [
    ...results.axon,
    ...results['axon-unsigned-answers'],
    ...results.session,
    ...results['session-floor'],
    ...results['session-axon'],
  ].reduce((sum, run) => sum + run.failed, 0)
  console.log(`  axon signature backend: ${backend ?? 'n/a'}; failed calls: ${failed}`)
  console.log(
    '  ratio = median req/s vs the bare echo; vs wire = the same vs the wire-format echo; ' +
      'vs floor = the same vs the protocol floor under the same load (the best any axon can do here); ' +
      'vs session floor = the session lane vs the bare echo with only the MACs and counters added (no SDK); ' +
      'vs signed lane = the session lane vs the signed Axon+Dendrite line; ' +
      '(cpu) = reference server CPU per request / this server CPU per request',
  )
  if (wanted('handshake')) await handshakeCost(200)
  // A partial run (BENCH_ONLY) is for profiling one side: no signature-cost table after it.
  if (!only) await signatureCosts(1_000)
}

await main()
