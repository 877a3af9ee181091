// An axon in a child process under 64 honest connections (our Dendrite, signed), first quiet, then
// while another process holds 2 000 slow connections from 127.0.0.2 (the axon keeps 256 per address)
// and floods garbage from 127.0.0.3. Prints the honest success rate and p99 latency of both runs and
// their ratio. Targets: ≥ 99 % success under attack, p99 within 3× of the quiet run.
// `node --import tsx bench/reliability/axon-under-attack.ts [--seconds 60]` (seconds per run).
import { type ChildProcess, spawn } from 'node:child_process'
import { connect, type Socket } from 'node:net'
import { createInterface } from 'node:readline'
import { Axon } from '../../src/axon/axon.js'
import { Dendrite } from '../../src/dendrite/dendrite.js'
import { Synapse } from '../../src/protocol/synapse.js'

const HONEST_CONNECTIONS = 64
const SLOW_CONNECTIONS = 2_000
const GARBAGE_CONNECTIONS = 16

async function axonChild(): Promise<void> {
  const axon = await new Axon({ ip: '127.0.0.1', port: 0, prometheus: false })
    .attach((synapse: Synapse) => ({ completion: synapse.completion.toUpperCase() }))
    .start()
  process.stdout.write(`${JSON.stringify({ port: axon.port, hotkey: axon.hotkey })}\n`)
  process.once('SIGTERM', () => void axon.stop().then(() => process.exit(0)))
}

/** Slowloris from 127.0.0.2 (a header byte every 2 s, reconnecting when cut) and garbage from 127.0.0.3. */
function attackerChild(port: number): void {
  let stopping = false
  const slow = (): void => {
    if (stopping) return
    const socket: Socket = connect({ port, host: '127.0.0.1', localAddress: '127.0.0.2' })
    let timer: NodeJS.Timeout | undefined
    socket.on('connect', () => {
      socket.write('POST /Synapse HTTP/1.1\r\nhost: 127.0.0.1\r\n')
      timer = setInterval(() => socket.write('x'), 2_000)
    })
    socket.on('error', () => {})
    socket.on('close', () => {
      clearInterval(timer)
      setTimeout(slow, 250)
    })
  }
  const garbage = (): void => {
    if (stopping) return
    const socket = connect({ port, host: '127.0.0.1', localAddress: '127.0.0.3' })
    socket.on('connect', () => {
      const junk = Math.random() < 0.5
      socket.write(
        junk
          ? Buffer.from(Array.from({ length: 512 }, () => Math.floor(Math.random() * 256)))
          : 'POST /Synapse HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}',
      )
    })
    socket.on('data', () => socket.destroy())
    socket.on('error', () => {})
    socket.on('close', () => setImmediate(garbage))
  }
  for (let i = 0; i < SLOW_CONNECTIONS; i++) slow()
  for (let i = 0; i < GARBAGE_CONNECTIONS; i++) garbage()
  process.stdout.write('attacking\n')
  process.once('SIGTERM', () => {
    stopping = true
    process.exit(0)
  })
}

function child(role: string, env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', import.meta.filename], {
    env: { ...process.env, ...env, BENCH_ROLE: role },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
}

function firstLine(proc: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: proc.stdout! })
    lines.once('line', resolve)
    proc.once('exit', (code) => reject(new Error(`child exited with ${code}`)))
  })
}

interface Run {
  requests: number
  ok: number
  p99: number
  p50: number
}

/** HONEST_CONNECTIONS loops of signed calls for `seconds`. */
async function honestLoad(
  target: { ip: string; port: number; hotkey: string },
  seconds: number,
): Promise<Run> {
  await using dendrite = new Dendrite({ connectionsPerOrigin: HONEST_CONNECTIONS, verifyResponses: true })
  const latencies: number[] = []
  let ok = 0
  const end = performance.now() + seconds * 1000
  await Promise.all(
    Array.from({ length: HONEST_CONNECTIONS }, async (_, i) => {
      let n = 0
      while (performance.now() < end) {
        const began = performance.now()
        const answer = await dendrite.call(target, new Synapse({ completion: `task ${i} ${n++}` }), {
          timeout: 10_000,
        })
        latencies.push(performance.now() - began)
        if (answer.statusCode === 200) ok++
      }
    }),
  )
  latencies.sort((a, b) => a - b)
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0
  return { requests: latencies.length, ok, p99: at(0.99), p50: at(0.5) }
}

function seconds(): number {
  const i = process.argv.indexOf('--seconds')
  const value = i === -1 ? 60 : Number(process.argv[i + 1])
  if (!Number.isFinite(value) || value <= 0) throw new Error('--seconds takes a positive number')
  return value
}

async function main(): Promise<void> {
  const duration = seconds()
  const axon = child('axon')
  try {
    const { port, hotkey } = JSON.parse(await firstLine(axon)) as { port: number; hotkey: string }
    const target = { ip: '127.0.0.1', port, hotkey }
    const quiet = await honestLoad(target, duration)
    const attacker = child('attacker', { AXON_PORT: String(port) })
    let attacked: Run
    try {
      await firstLine(attacker)
      await new Promise((resolve) => setTimeout(resolve, 1_000)) // let the slow connections pile up
      attacked = await honestLoad(target, duration)
    } finally {
      attacker.kill('SIGTERM')
    }
    const line = (name: string, run: Run) =>
      console.log(
        `${name}: ${run.requests} honest requests, success ${((100 * run.ok) / run.requests).toFixed(2)} %, p50 ${run.p50.toFixed(1)} ms, p99 ${run.p99.toFixed(1)} ms`,
      )
    line(`under attack (${SLOW_CONNECTIONS} slow from 127.0.0.2, garbage from 127.0.0.3)`, attacked)
    line('quiet (same honest load)', quiet)
    console.log(
      `ratio (attack / quiet): success ${(attacked.ok / attacked.requests / (quiet.ok / quiet.requests)).toFixed(3)}, p99 ${(attacked.p99 / quiet.p99).toFixed(2)}` +
        ` (targets: success ≥ 99 %, p99 ≤ 3×)`,
    )
  } finally {
    axon.kill('SIGTERM')
  }
}

const role = process.env.BENCH_ROLE
if (role === 'axon') await axonChild()
else if (role === 'attacker') attackerChild(Number(process.env.AXON_PORT))
else await main()
