import { resolve } from 'node:path'
import { type ConsensusInfo, Validator, type ValidatorStepReport } from '../../../neuron/index.js'
import { Synapse } from '../../../protocol/synapse.js'
import type { Cli } from '../../runtime/Cli.js'
import { CliArgumentError } from '../../runtime/errors.js'
import { count } from '../../runtime/format.js'
import { parseAmount, parseDuration, parseInteger, parseNetuid } from '../../runtime/parse.js'
import { formatTable } from '../../runtime/table.js'
import { randomTask } from '../axon/tasks.js'

interface RunOptions {
  interval: string
  rounds: string
  timeout: string
  dryRun?: boolean
  register?: boolean
  stake?: string
  weightsRateLimit?: string
  state?: string
  serve?: string
  serveIp: string
  externalIp?: string
  organicOnly?: boolean
}

/**
 * `hetu validator run <netuid>`: the SDK's Validator with the demo task. Each round it resyncs the
 * subnet, sends one random "add/multiply A B" task to the selected miners, takes the consensus answer,
 * scores agreement and latency into moving averages and sets weights (rate-limited). --rounds N stops
 * after N rounds; otherwise it runs until SIGINT/SIGTERM.
 */
export async function run(cli: Cli, netuidText: string, opts: RunOptions): Promise<void> {
  const netuid = parseNetuid(netuidText)
  const stepIntervalMs = parseDuration(opts.interval, 'interval')
  const timeoutMs = parseDuration(opts.timeout, 'timeout')
  const rounds = parseInteger(opts.rounds, 'rounds')
  const stake = opts.stake === undefined ? undefined : parseAmount(opts.stake, 'stake')
  const weightsRateLimit =
    opts.weightsRateLimit === undefined
      ? undefined
      : BigInt(parseInteger(opts.weightsRateLimit, 'weights rate limit'))
  const servePort = opts.serve === undefined ? undefined : parseInteger(opts.serve, 'serve port')
  if (opts.organicOnly && servePort === undefined)
    throw new CliArgumentError('--organic-only', 'true', 'needs --serve <port> (clients are its only tasks)')
  const { hetu: client, wallet } = await cli.session('hotkey')
  const validator = new Validator({
    client,
    netuid,
    wallet,
    task: () => (opts.organicOnly ? undefined : new Synapse({ completion: randomTask().task })),
    register: opts.register === true,
    ...(stake !== undefined && { stake }),
    ...(weightsRateLimit !== undefined && { weightsRateLimit }),
    setWeights: opts.dryRun !== true,
    stepIntervalMs,
    query: { timeoutMs },
    handleSignals: rounds === 0,
    ...(opts.state !== undefined && { stateFile: resolve(opts.state) }),
    ...(servePort !== undefined && {
      serve: {
        port: servePort,
        ip: opts.serveIp,
        ...(opts.externalIp !== undefined && { externalIp: opts.externalIp }),
      },
    }),
  })
  validator.on('step', (report) => print(cli, report))
  validator.on('organic', (info) => printOrganic(cli, info))
  await cli.step(`starting the validator on subnet ${netuid}`, () => validator.start())
  const gateway = validator.gateway?.axon.info()
  if (gateway)
    cli.log(`serving clients at ${gateway.ip}:${gateway.port} (try: hetu query ${netuid} "add 2 3")`)
  try {
    if (rounds === 0) await validator.run()
    else
      for (let round = 1; round <= rounds; round++) {
        const started = Date.now()
        await validator.step()
        if (round < rounds)
          await new Promise((r) => setTimeout(r, Math.max(0, stepIntervalMs - (Date.now() - started))))
      }
  } finally {
    await validator.stop()
  }
}

function printOrganic(cli: Cli, info: ConsensusInfo): void {
  if (cli.json) {
    process.stdout.write(`${JSON.stringify({ organic: info })}\n`)
    return
  }
  const share = `${Math.round(info.agreement * 100)}%`
  process.stdout.write(
    `client request: ${info.status}, agreement ${share} (${info.agreeing.length} of ${info.answered.length} answers, ${info.asked.length} asked) in ${info.latencyMs} ms\n`,
  )
}

function print(cli: Cli, report: ValidatorStepReport): void {
  if (cli.json) {
    process.stdout.write(`${JSON.stringify(report, (_k, v) => (typeof v === 'bigint' ? `${v}` : v))}\n`)
    return
  }
  const weightOf = new Map(report.weights.map((w) => [w.dest, w.weight]))
  const rows = report.responses.map((r, i) => [
    r.miner,
    r.statusCode ?? 200,
    r.latencyMs === undefined ? '-' : `${Math.round(r.latencyMs)} ms`,
    report.aggregation.agreement[i],
    (report.scores[r.miner as `0x${string}`] ?? 0).toFixed(3),
    weightOf.get(r.miner as `0x${string}`) ?? 0,
  ])
  const outcome = report.weightsSet
    ? `weights set in block ${report.weightsSet.blockNumber} (tx ${report.weightsSet.hash})`
    : `weights not set: ${report.weightsSkipped} (next allowed at block ${report.nextWeightsBlock})`
  process.stdout.write(
    `round ${report.step} at block ${report.block}: ${report.selected.length} of ${count(report.candidates, 'miner')}, ${report.aggregation.reached ? 'consensus reached' : `no consensus (${report.aggregation.outcome})`}\n${
      rows.length
        ? `${formatTable(['MINER', 'STATUS', 'LATENCY', 'ANSWER', { header: 'SCORE', align: 'right' }, { header: 'WEIGHT', align: 'right' }], rows)}\n`
        : ''
    }${outcome}\n`,
  )
}
