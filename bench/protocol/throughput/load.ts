/** The load side of the axon throughput benchmark: child servers, timed runs, pre-signed requests. */
import { fork } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { type EncodedRequest, encodeRequestNow, preparePayload } from '../../../src/protocol/request.js'
import { toMessageSigner } from '../../../src/protocol/signer.js'
import { sdkVersionAsInt } from '../../../src/protocol/version.js'
import { CONNECTIONS, Echo, type ServerKind } from './servers.js'

// BENCH_SERVERS_MODULE: the servers of another checkout (e.g. a branch's worktree), to compare
// its axon with this one's under the same load generator.
const serversModule =
  process.env.BENCH_SERVERS_MODULE ?? fileURLToPath(new URL('./servers.ts', import.meta.url))

export interface Started {
  port: number
  hotkey?: string
  backend?: string
  stop: () => void
  /** Server CPU time so far (µs), and the part spent in the kernel. */
  cpu: () => Promise<{ cpu: number; system: number }>
}

export function startServer(kind: ServerKind, env?: Record<string, string>): Promise<Started> {
  const child = fork(serversModule, ['--serve', kind], {
    env: { ...process.env, ...env },
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_PROFILE
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR ?? '/tmp/axprof'}`]
        : []),
      // e.g. BENCH_SERVER_ARGS=--perf-basic-prof, for `perf record -p <server pid>`.
      ...(process.env.BENCH_SERVER_ARGS?.split(' ').filter(Boolean) ?? []),
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

export interface Run {
  perSecond: number
  failed: number
  /** Server CPU µs per request. */
  cpuPerRequest: number
  /** Share of the server CPU spent in the kernel (syscalls, loopback TCP). */
  serverSystemShare: number
  /** Load generator (client) CPU µs per request: the Dendrite, or the bare undici calls. */
  clientCpuPerRequest: number
}

/** One request of `worker`: whether it succeeded, or undefined when the worker has no more to send. */
export type Once = (worker: number) => Promise<boolean | undefined>

/** Half a second of warm-up (connections, JIT), then `seconds` measured, one worker per connection. */
export async function runFor(seconds: number, once: Once, server: Started): Promise<Run> {
  await measure(0.5, once, server)
  return measure(seconds, once, server)
}

async function measure(seconds: number, once: Once, server: Started): Promise<Run> {
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

/**
 * Requests signed before the clock starts, then sent by plain undici calls like the bare echo's:
 * the load generator spends nothing on signing, so the rate is the server's. One lane per
 * connection, each with its own uuid and increasing nonces (an axon refuses a nonce not above the
 * last one of its hotkey+uuid).
 */
export function presign(axonHotkey: string, port: number, perLane: number): PresignedRequest[][] {
  const sender = { signer: toMessageSigner(), uuid: randomUUID(), ip: '127.0.0.1', version: sdkVersionAsInt }
  const payload = preparePayload(Echo.definition, { text: 'hello axon' })
  const target = { ip: '127.0.0.1', port, hotkey: axonHotkey }
  let nonce = BigInt(Date.now()) * 1_000_000n
  return Array.from({ length: CONNECTIONS }, () => {
    const uuid = randomUUID()
    return Array.from({ length: perLane }, () => {
      const request = encodeRequestNow(payload, sender, target, nonce++, 12, uuid) as EncodedRequest
      // A flat header list, as the wire-format echo's load sends it (undici checks it as is).
      return { path: request.path, headers: Object.entries(request.headers).flat(), body: request.body }
    })
  })
}

/** A request ready for undici: path, headers (a flat list or an object), body. */
export interface EchoRequest {
  path: string
  headers: string[] | Record<string, string>
  body: string
  /** Whether a 200 answer is the server's own (e.g. its session MAC), checked before its text. */
  authentic?: (
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
    text: string,
  ) => boolean
}

/** A signed request, its headers a flat list as the wire-format echo's load sends them. */
export interface PresignedRequest extends EchoRequest {
  headers: string[]
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
