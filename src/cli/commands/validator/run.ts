import { Dendrite } from '../../../dendrite/index.js'
import { Synapse } from '../../../protocol/synapse.js'
import type { Cli } from '../../runtime/Cli.js'
import { parseDuration, parseInteger, parseNetuid } from '../../runtime/parse.js'
import { formatTable } from '../../runtime/table.js'
import { randomTask } from '../axon/tasks.js'
import { normalizeWeights } from '../weights/parseWeights.js'

interface RunOptions {
  interval: string
  rounds: string
  timeout: string
  dryRun?: boolean
}

/** Weight of the newest score in the moving average. */
const ALPHA = 0.3

/**
 * `hetu validator run <netuid>`: each round reads the subnet's miners from the chain, sends every one
 * the same random demo task, scores exact answers 1 and others 0 into a moving average, and sets
 * weights proportional to the averages (signed by the wallet's hotkey, which must be a validator).
 */
export async function run(cli: Cli, netuidText: string, opts: RunOptions): Promise<void> {
  const netuid = parseNetuid(netuidText)
  const interval = parseDuration(opts.interval, 'interval')
  const timeout = parseDuration(opts.timeout, 'timeout')
  const rounds = parseInteger(opts.rounds, 'rounds')
  const { hetu: client, wallet } = await cli.session('hotkey')
  await using dendrite = new Dendrite({ wallet, timeout })
  const scores = new Map<string, number>()
  let stopping = false
  const stop = () => {
    stopping = true
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)

  for (let round = 1; !stopping && (rounds === 0 || round <= rounds); round++) {
    const neurons = await client.getSubnetNeurons(netuid)
    const miners = neurons.filter((n) => !n.isValidator && n.isActive && n.axonPort > 0)
    const { task, expected } = randomTask()
    const answers = await cli.step(`round ${round}: "${task}" to ${miners.length} miners`, () =>
      dendrite.query(miners, new Synapse({ completion: task }), { timeout }),
    )
    const results = miners.map((miner, i) => {
      const answer = answers[i]!
      const correct = answer.isSuccess && answer.completion === expected
      const score = (1 - ALPHA) * (scores.get(miner.account) ?? 0) + ALPHA * (correct ? 1 : 0)
      scores.set(miner.account, score)
      return { miner: miner.account, status: answer.statusCode, correct, score }
    })
    const weights = normalizeWeights(
      results.map((r) => ({ dest: r.miner, weight: BigInt(Math.round(r.score * 1_000_000)) })),
    )
    let tx: string | undefined
    if (!opts.dryRun && weights.some((w) => w.weight > 0n)) {
      const set = await cli.step(`round ${round}: setting weights`, () =>
        client.setWeights({ netuid, weights }),
      )
      tx = set.hash
    }
    const report = { round, netuid, task, miners: results, weights, tx }
    if (cli.json)
      process.stdout.write(`${JSON.stringify(report, (_k, v) => (typeof v === 'bigint' ? `${v}` : v))}\n`)
    else
      process.stdout.write(
        `${formatTable(
          [
            'MINER',
            'STATUS',
            'CORRECT',
            { header: 'SCORE', align: 'right' },
            { header: 'WEIGHT', align: 'right' },
          ],
          results.map((r, i) => [r.miner, r.status, r.correct, r.score.toFixed(3), weights[i]!.weight]),
        )}\n${tx ? `weights set (tx ${tx})` : 'weights not set'}\n`,
      )
    if (!stopping && (rounds === 0 || round < rounds)) await sleep(interval, () => stopping)
  }
}

/** Sleeps up to `ms`, waking early when `stopped()` turns true. */
async function sleep(ms: number, stopped: () => boolean): Promise<void> {
  const end = Date.now() + ms
  while (Date.now() < end && !stopped())
    await new Promise((r) => setTimeout(r, Math.min(100, end - Date.now())))
}
