/**
 * Axon throughput: a signed, verified echo synapse through Axon + Dendrite, against Node's bare
 * `node:http` JSON echo (the ceiling), 64 concurrent connections, in the same run. A third line,
 * the wire-format echo, replays the exact request a Dendrite sends (same headers, same body) to a
 * bare `node:http` server answering with the axon's response headers and body, without any
 * verification, hashing or signing: it separates the cost of the wire format from our code.
 *
 * The server runs in a child process (its own core), the load generator here. Run:
 *   node --import tsx bench/protocol/axon-throughput.ts [seconds=5]
 */
import { fork } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { Pool } from 'undici'
import { z } from 'zod'
import { Axon } from '../../src/axon/axon.js'
import { Dendrite } from '../../src/dendrite/dendrite.js'
import { computeBodyHash } from '../../src/protocol/bodyHash.js'
import { getSignatureBackend } from '../../src/protocol/crypto/secp256k1.js'
import { type EncodedRequest, encodeRequestNow, preparePayload } from '../../src/protocol/request.js'
import { checkMessageSignature, requestMessage, responseMessage } from '../../src/protocol/signature.js'
import { signMessageNow, toMessageSigner } from '../../src/protocol/signer.js'
import { defineSynapse } from '../../src/protocol/synapse.js'
import { sdkVersionAsInt } from '../../src/protocol/version.js'
import { signatureCosts } from './verify.js'

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64)
const Echo = defineSynapse({
  name: 'Echo',
  request: z.object({ text: z.string() }),
  response: z.object({ text: z.string() }),
})
const silent = { debug() {}, info() {}, warn() {}, error() {} }

// ---------------------------------------------------------------- server side (child process)

type Kind =
  | 'bare'
  | 'wire'
  | 'dendrite-wire'
  | 'floor'
  | 'axon'
  | 'axon-unsigned-answers'
  | 'floor-replay'
  | 'axon-replay'

/** A captured HTTP message: raw header list (name, value, name, value...) and body. */
interface Wire {
  headers: string[]
  body: string
  /** The hotkey of the axon that answered (the message the dendrite signs names it). */
  axonHotkey?: string
}

async function serve(kind: Kind): Promise<void> {
  process.on('message', (message) => {
    if (message === 'stop') process.exit(0)
    // CPU time used so far: per-request server cost, robust to other load on the machine.
    if (message === 'cpu') {
      const { user, system } = process.cpuUsage()
      process.send?.({ cpu: user + system, system })
    }
  })
  if (kind === 'bare') {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (chunk: Buffer) => chunks.push(chunk))
      req.on('end', () => {
        const { text } = JSON.parse(Buffer.concat(chunks).toString()) as { text: string }
        const body = JSON.stringify({ text })
        res
          .writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
          .end(body)
      })
    })
    server.keepAliveTimeout = 10_000
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    process.send?.({ port: (server.address() as AddressInfo).port })
    return
  }
  if (kind === 'wire') {
    const response = JSON.parse(process.env.BENCH_WIRE_RESPONSE!) as Wire
    const length = String(Buffer.byteLength(response.body))
    const server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (chunk: Buffer) => chunks.push(chunk))
      req.on('end', () => {
        // Parse the body like the others do; answer the captured axon response, unchanged.
        JSON.parse(Buffer.concat(chunks).toString())
        res.writeHead(200, [...response.headers, 'content-length', length]).end(response.body)
      })
    })
    server.keepAliveTimeout = 10_000
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    process.send?.({ port: (server.address() as AddressInfo).port })
    return
  }
  if (kind === 'floor') {
    serveProtocolFloor(JSON.parse(process.env.BENCH_WIRE_RESPONSE!) as Wire)
    return
  }
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
function serveProtocolFloor(response: Wire): void {
  const signer = toMessageSigner()
  const length = String(Buffer.byteLength(response.body))
  let nonce = BigInt(Date.now()) * 1_000_000n
  const header = (req: IncomingMessage, name: string) => req.headers[name] as string
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const { text } = JSON.parse(Buffer.concat(chunks).toString()) as { text: string }
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
    })
  })
  server.keepAliveTimeout = 10_000
  server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }))
}

// ---------------------------------------------------------------- load generator

interface Started {
  port: number
  hotkey?: string
  backend?: string
  stop: () => void
  /** Server CPU time so far (µs), and the part spent in the kernel. */
  cpu: () => Promise<{ cpu: number; system: number }>
}

function startServer(kind: Kind, env?: Record<string, string>): Promise<Started> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', kind], {
    env: { ...process.env, ...env },
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/axprof'] : []),
    ],
  })
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('message', (message: { port: number; hotkey?: string; backend?: string }) =>
      resolve({
        ...message,
        stop: () => child.send('stop'),
        cpu: () =>
          new Promise((done) => {
            child.once('message', (reply: { cpu: number; system: number }) => done(reply))
            child.send('cpu')
          }),
      }),
    )
  })
}

interface Run {
  perSecond: number
  failed: number
  /** Server CPU µs per request. */
  cpuPerRequest: number
  /** Share of the server CPU spent in the kernel (syscalls, loopback TCP). */
  serverSystemShare: number
  /** Load generator (client) CPU µs per request: the Dendrite, or the bare undici calls. */
  clientCpuPerRequest: number
}

async function runFor(
  seconds: number,
  /** One request of `worker`: whether it succeeded, or undefined when the worker has no more to send. */
  once: (worker: number) => Promise<boolean | undefined>,
  server: Started,
): Promise<Run> {
  const cpuBefore = await server.cpu()
  const clientBefore = process.cpuUsage()
  let done = 0
  let failed = 0
  const until = performance.now() + seconds * 1000
  const started = performance.now()
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, worker) => {
      while (performance.now() < until) {
        const ok = await once(worker)
        if (ok === undefined) break
        if (ok) done++
        else failed++
      }
    }),
  )
  const elapsed = (performance.now() - started) / 1000
  const client = process.cpuUsage(clientBefore)
  const after = await server.cpu()
  const cpu = after.cpu - cpuBefore.cpu
  const requests = Math.max(1, done + failed)
  return {
    perSecond: done / elapsed,
    failed,
    cpuPerRequest: cpu / requests,
    serverSystemShare: (after.system - cpuBefore.system) / Math.max(1, cpu),
    clientCpuPerRequest: (client.user + client.system) / requests,
  }
}

async function benchBare(seconds: number) {
  const server = await startServer('bare')
  const pool = new Pool(`http://127.0.0.1:${server.port}`, { connections: CONNECTIONS })
  const body = JSON.stringify({ text: 'hello axon' })
  const once = async () => {
    const response = await pool.request({
      path: '/Echo',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    })
    const text = await response.body.text()
    return response.statusCode === 200 && JSON.parse(text).text === 'hello axon'
  }
  await runFor(0.5, once, server) // warm-up
  const result = await runFor(seconds, once, server)
  await pool.close()
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
  const dendrite = new Dendrite({ timeout: 10_000 })
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
  const pool = new Pool(`http://127.0.0.1:${server.port}`, { connections: CONNECTIONS })
  const once = async () => {
    const response = await pool.request({
      path: '/Echo',
      method: 'POST',
      headers: wire.request.headers,
      body: wire.request.body,
    })
    const text = await response.body.text()
    return response.statusCode === 200 && JSON.parse(text).text === 'hello axon'
  }
  await runFor(0.5, once, server)
  const result = await runFor(seconds, once, server)
  await pool.close()
  server.stop()
  return result
}

/** Echo calls from a Dendrite in this process to `server` (whose hotkey is `hotkey`). */
async function dendriteLoad(seconds: number, server: Started, hotkey: string): Promise<Run> {
  const dendrite = new Dendrite({ connectionsPerOrigin: CONNECTIONS, timeout: 30_000 })
  const target = { ip: '127.0.0.1', port: server.port, hotkey }
  const synapse = new Echo({ text: 'hello axon' })
  const once = async () => {
    const answer = await dendrite.call(target, synapse)
    return answer.isSuccess && answer.text === 'hello axon'
  }
  await runFor(0.5, once, server)
  const result = await runFor(seconds, once, server)
  await dendrite.close()
  server.stop()
  return result
}

/**
 * The Dendrite (signing every request, parsing every answer) against the wire-format echo: the
 * server side costs next to nothing, so this isolates the client's CPU per call.
 */
async function benchDendriteWire(
  seconds: number,
  wire: { request: Wire; response: Wire; axonHotkey: string },
) {
  const server = await startServer('wire', { BENCH_WIRE_RESPONSE: JSON.stringify(wire.response) })
  return dendriteLoad(seconds, server, wire.axonHotkey)
}

/** The Dendrite against the protocol floor: the best rate any axon could reach here. */
async function benchFloor(seconds: number, wire: { request: Wire; response: Wire; axonHotkey: string }) {
  const server = await startServer('floor', { BENCH_WIRE_RESPONSE: JSON.stringify(wire.response) })
  return dendriteLoad(seconds, server, wire.axonHotkey)
}

async function benchAxon(seconds: number, kind: Kind) {
  const server = await startServer(kind)
  return { ...(await dendriteLoad(seconds, server, server.hotkey!)), backend: server.backend }
}

/**
 * Requests signed before the clock starts, then sent by plain undici calls like the bare echo's:
 * the load generator spends nothing on signing, so the rate is the server's. One lane per
 * connection, each with its own uuid and increasing nonces (an axon refuses a nonce not above the
 * last one of its hotkey+uuid).
 */
function presign(axonHotkey: string, port: number, perLane: number): EncodedRequest[][] {
  const sender = { signer: toMessageSigner(), uuid: randomUUID(), ip: '127.0.0.1', version: sdkVersionAsInt }
  const payload = preparePayload(Echo.definition, { text: 'hello axon' })
  const target = { ip: '127.0.0.1', port, hotkey: axonHotkey }
  let nonce = BigInt(Date.now()) * 1_000_000n
  return Array.from({ length: CONNECTIONS }, () => {
    const uuid = randomUUID()
    return Array.from(
      { length: perLane },
      () => encodeRequestNow(payload, sender, target, nonce++, 12, uuid) as EncodedRequest,
    )
  })
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
  const pool = new Pool(`http://127.0.0.1:${server.port}`, { connections: CONNECTIONS })
  const once = async (worker: number) => {
    const request = lanes[worker]![next[worker]!++]
    if (!request) return undefined
    const response = await pool.request({
      path: request.path,
      method: 'POST',
      headers: request.headers,
      body: request.body,
    })
    const text = await response.body.text()
    return response.statusCode === 200 && JSON.parse(text).text === 'hello axon'
  }
  await runFor(0.5, once, server)
  const result = await runFor(seconds, once, server)
  await pool.close()
  server.stop()
  return result
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 3)
  const rounds = Number(process.argv[3] ?? 3)
  console.log(
    `Axon throughput, ${CONNECTIONS} concurrent connections, ${rounds} interleaved rounds of ${seconds} s ` +
      '(server in a child process, load generator here)',
  )
  const results: Record<Kind, Run[]> = {
    bare: [],
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
  const wanted = (kind: Kind) => !only || only.includes(kind)
  const needsWire = (['wire', 'dendrite-wire', 'floor', 'floor-replay'] as const).some(wanted)
  const wire = needsWire ? await captureWire() : undefined
  if (wire)
    console.log(
      `  wire format: request ${wire.request.headers.length / 2} headers + ${wire.request.body.length} B body, ` +
        `response ${wire.response.headers.length / 2} headers + ${wire.response.body.length} B body (plus transport headers)`,
    )
  for (let round = 0; round < rounds; round++) {
    if (wanted('bare')) results.bare.push(await benchBare(seconds))
    if (wire && wanted('wire')) results.wire.push(await benchWire(seconds, wire))
    if (wire && wanted('dendrite-wire')) results['dendrite-wire'].push(await benchDendriteWire(seconds, wire))
    if (wire && wanted('floor')) results.floor.push(await benchFloor(seconds, wire))
    for (const kind of ['axon', 'axon-unsigned-answers'] as const) {
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
      (kind === 'axon-replay' ? versus('floor-replay', 'vs floor') : '')
    const all = results[kind].map((run) => run.perSecond.toFixed(0)).join('/')
    console.log(
      `  ${label.padEnd(56)} ${rate(kind).toFixed(0).padStart(6)} req/s [${all}]  server cpu ${cpu(kind).toFixed(0).padStart(4)} µs/req (${(kernel(kind) * 100).toFixed(0)}% kernel), client cpu ${clientCpu(kind).toFixed(0).padStart(4)} µs/req${ratio}`,
    )
  }
  row('bare node:http JSON echo (ceiling)', 'bare')
  row('wire-format echo, no crypto (node:http, same messages)', 'wire')
  row('Dendrite → wire-format echo (client cost; signs, parses)', 'dendrite-wire')
  row('protocol floor: wire echo + body hash, verify, sign', 'floor')
  row('Axon+Dendrite: request signed+verified, answer signed', 'axon')
  row('Axon+Dendrite: request signed+verified, answer unsigned', 'axon-unsigned-answers')
  row('pre-signed requests (no client crypto) → protocol floor', 'floor-replay')
  row('pre-signed requests (no client crypto) → Axon, answer signed', 'axon-replay')
  const failed = [...results.axon, ...results['axon-unsigned-answers']].reduce(
    (sum, run) => sum + run.failed,
    0,
  )
  console.log(`  axon signature backend: ${backend}; failed calls: ${failed}`)
  console.log(
    '  ratio = median req/s vs the bare echo; vs wire = the same vs the wire-format echo; ' +
      'vs floor = the same vs the protocol floor (the best an axon can do here, with this Dendrite); ' +
      '(cpu) = reference server CPU per request / this server CPU per request',
  )
  // A partial run (BENCH_ONLY) is for profiling one side: no signature-cost table after it.
  if (!only) await signatureCosts(1_000)
}

if (process.argv[2] === '--serve') await serve(process.argv[3] as Kind)
else await main()
