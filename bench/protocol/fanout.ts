/**
 * Dendrite fan-out to 256 and 1024 local axons: total time of one query vs. the slowest single axon,
 * and the dendrite's client-side cost per request vs. a bare undici request, in the same run.
 * Axons live in child processes (PROCESSES, default 2: one process would serialise every axon's
 * verify + sign on one core). Run: node --import tsx bench/protocol/fanout.ts [rounds=5]
 * (AXONS="256,1024" sets the fleet sizes.)
 */
import { fork } from 'node:child_process'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { Agent, Pool } from 'undici'
import { z } from 'zod'
import { Axon, Dendrite, defineSynapse, sdkSource } from './throughput/sdk.js'

const SIZES = (process.env.AXONS ?? '256,1024').split(',').map(Number)
const PROCESSES = Number(process.env.PROCESSES ?? 2)
const SLOWEST_MS = 60
const Work = defineSynapse({
  name: 'Work',
  request: z.object({ input: z.string() }),
  response: z.object({ output: z.string() }),
})
const silent = { debug() {}, info() {}, warn() {}, error() {} }
/** Each axon's handler delay: spread over 10–49 ms, axon 0 the slowest. */
const delayOf = (index: number) => (index === 0 ? SLOWEST_MS : 10 + ((index * 7) % 40))

interface Fleet {
  axons: { ip: string; port: number; hotkey: string }[]
  /** Bare node:http servers with the same delays, for the reference fan-out. */
  barePorts: number[]
  fast: { ip: string; port: number; hotkey: string }
  barePort: number
}

/** Serves axons `from` to `to - 1` of the fleet (their delays by fleet index), and the fast pair. */
async function serve(from: number, to: number): Promise<void> {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
  const start = async (delay: number) => {
    const axon = new Axon({ ip: '127.0.0.1', port: 0, prometheus: false, logger: silent, maxWorkers: 64 })
    axon.attach(Work, async (synapse) => {
      if (delay > 0) await sleep(delay)
      return { output: synapse.input }
    })
    await axon.start()
    return { ip: '127.0.0.1', port: axon.port, hotkey: axon.hotkey }
  }
  const startBare = async (delay: number) => {
    const bare = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (chunk: Buffer) => chunks.push(chunk))
      req.on('end', async () => {
        const { input } = JSON.parse(Buffer.concat(chunks).toString()) as { input: string }
        if (delay > 0) await sleep(delay)
        const body = JSON.stringify({ output: input })
        res
          .writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
          .end(body)
      })
    })
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve))
    return (bare.address() as AddressInfo).port
  }
  const axons = []
  const barePorts = []
  for (let i = from; i < to; i++) {
    axons.push(await start(delayOf(i)))
    barePorts.push(await startBare(delayOf(i)))
  }
  const fast = await start(0)
  const barePort = await startBare(0)
  process.on('message', (message) => {
    if (message === 'stop') process.exit(0)
  })
  const fleet: Fleet = { axons, barePorts, fast, barePort }
  process.send?.(fleet)
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

async function clientCost(n: number, once: () => Promise<void>): Promise<{ cpu: number; wall: number }> {
  for (let i = 0; i < 50; i++) await once()
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  for (let i = 0; i < n; i++) await once()
  const wall = ((performance.now() - started) * 1000) / n
  const { user, system } = process.cpuUsage(cpuBefore)
  return { cpu: (user + system) / n, wall }
}

/** Starts the fleet of `size` axons (and as many bare servers) spread over PROCESSES children. */
async function startFleet(size: number) {
  const per = Math.ceil(size / PROCESSES)
  const children = Array.from({ length: PROCESSES }, (_, i) =>
    fork(
      fileURLToPath(import.meta.url),
      ['--serve', String(i * per), String(Math.min(size, (i + 1) * per))],
      {
        execArgv: ['--import', 'tsx'],
      },
    ),
  )
  const parts = await Promise.all(
    children.map(
      (child) => new Promise<Fleet>((resolve) => child.once('message', (m) => resolve(m as Fleet))),
    ),
  )
  const fleet: Fleet = {
    axons: parts.flatMap((part) => part.axons),
    barePorts: parts.flatMap((part) => part.barePorts),
    fast: parts[0]!.fast,
    barePort: parts[0]!.barePort,
  }
  return {
    fleet,
    stop: () => {
      for (const child of children) child.send('stop')
    },
  }
}

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 5)
  let last: Awaited<ReturnType<typeof fanOut>> | undefined
  for (const size of SIZES) {
    if (last) {
      await last.dendrite.close()
      last.stop()
    }
    last = await fanOut(size, rounds)
  }
  if (last) await clientCosts(last.fleet, last.dendrite)
  last?.stop()
}

async function fanOut(AXONS: number, rounds: number) {
  const { fleet, stop } = await startFleet(AXONS)
  const dendrite = new Dendrite({ timeout: 30_000, concurrency: AXONS })
  const synapse = new Work({ input: 'payload' })

  const agent = new Agent({ connections: 8 })
  const body = JSON.stringify({ input: 'payload' })
  const bareCall = async (port: number) => {
    const response = await agent.request({
      origin: `http://127.0.0.1:${port}`,
      path: '/Work',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    })
    return JSON.parse(await response.body.text()) as { output: string }
  }
  const bareFanOut = () => Promise.all(fleet.barePorts.map(bareCall))

  const slowest: number[] = []
  const totals: number[] = []
  const bareTotals: number[] = []
  let failed = 0
  const failures = new Map<string, number>()
  await dendrite.query(fleet.axons, synapse) // warm-up: connections, JIT
  await bareFanOut()
  for (let round = 0; round < rounds; round++) {
    let started = performance.now()
    const single = await dendrite.call(fleet.axons[0]!, synapse)
    slowest.push(performance.now() - started)
    if (!single.isSuccess) failed++
    started = performance.now()
    const answers = await dendrite.query(fleet.axons, synapse)
    totals.push(performance.now() - started)
    for (const answer of answers)
      if (!answer.isSuccess) {
        failed++
        const why = `${answer.dendrite.statusCode} ${answer.dendrite.statusMessage ?? ''}`.slice(0, 80)
        failures.set(why, (failures.get(why) ?? 0) + 1)
      }
    started = performance.now()
    await bareFanOut()
    bareTotals.push(performance.now() - started)
  }
  const ms = (value: number) => `${value.toFixed(1).padStart(7)} ms`
  console.log(
    `Dendrite fan-out to ${AXONS} local axons (handlers sleep 10–49 ms, the slowest ${SLOWEST_MS} ms), ${rounds} rounds, medians`,
  )
  console.log(`  slowest single axon, alone                ${ms(median(slowest))}`)
  console.log(
    `  dendrite.query to all ${AXONS} axons          ${ms(median(totals))}  (${(median(totals) / median(slowest)).toFixed(2)}x the slowest)`,
  )
  console.log(
    `  reference: bare undici to ${AXONS} plain servers ${ms(median(bareTotals))}  (same delays; no signing)`,
  )
  console.log(
    `  ratio dendrite / bare fan-out              ${(median(totals) / median(bareTotals)).toFixed(2)}   failed calls: ${failed}`,
  )
  for (const [why, count] of failures) console.log(`  failed: ${count} × ${why}`)
  console.log(
    `  (servers in ${PROCESSES} child processes, ${Math.ceil(AXONS / PROCESSES)} axons each; Axon and Dendrite from the ${sdkSource})`,
  )
  await agent.close()
  return { fleet, dendrite, stop }
}

async function clientCosts(fleet: Fleet, dendrite: Dendrite) {
  const body = JSON.stringify({ input: 'payload' })
  const synapse = new Work({ input: 'payload' })
  const pool = new Pool(`http://127.0.0.1:${fleet.barePort}`, { connections: 1 })
  const n = 1_000
  const bare = await clientCost(n, async () => {
    const response = await pool.request({
      path: '/Work',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    })
    JSON.parse(await response.body.text())
  })
  const signed = await clientCost(n, async () => {
    await dendrite.call(fleet.fast, synapse)
  })
  console.log(`Per-request client cost, ${n} sequential calls (client CPU µs; wall µs includes the server)`)
  console.log(
    `  bare undici request + JSON.parse      cpu ${bare.cpu.toFixed(0).padStart(5)} µs   wall ${bare.wall.toFixed(0).padStart(5)} µs`,
  )
  console.log(
    `  dendrite.call (sign, verify status)   cpu ${signed.cpu.toFixed(0).padStart(5)} µs   wall ${signed.wall.toFixed(0).padStart(5)} µs`,
  )
  console.log(
    `  client overhead                       ${(signed.cpu - bare.cpu).toFixed(0)} µs CPU per request (${(signed.cpu / bare.cpu).toFixed(1)}x)`,
  )
  await pool.close()
  await dendrite.close()
}

if (process.argv[2] === '--serve') await serve(Number(process.argv[3]), Number(process.argv[4]))
else await main()
