// The Python SDK's collaboration workflow, end to end: a client sends its task to a validator
// (Phase 1, client_request), the validator routes it to a selection of miners (Phase 2,
// validator_distribute_task / select_optimal_miners), the miners compute (Phase 3), and the validator
// answers with their 2/3 consensus (Phase 4, validator_aggregate_results), which also feeds the
// weights it sets on chain.
//
//   npx tsx examples/client-gateway.ts           (or against `npx hetu localnet`)
// The last line printed is JSON: { answer, agreement, asked, answered, agreeing }.
import { askSubnet, parseHetu, Synapse, Validator } from 'hetu-subnet'
import { startComputeMiners } from './lib/compute.js'
import { type ExampleOptions, openNetwork } from './lib/network.js'
import { runIfMain } from './lib/run.js'

export async function main(options: ExampleOptions = {}) {
  const log = options.log ?? console.log
  await using net = await openNetwork(options)
  const owner = await net.connect(0)
  await owner.waitForSubnetRateLimit()
  const { netuid } = await owner.registerSubnet({
    name: 'Gateway',
    description: 'Clients ask a validator, miners answer, consensus decides',
    tokenName: 'Gateway Alpha',
    tokenSymbol: 'GWA',
    hyperparams: { tempo: 9, immunityPeriod: 1, weightsRateLimit: 5n },
  })
  await owner.activateSubnet({ netuid })
  log(`subnet ${netuid} active`)

  // Phase 3's workers: four miners, the last one answers wrongly.
  const client = await net.connect()
  const miners = await startComputeMiners(client, netuid, [6, 7, 8, 9].map(net.privateKey), {
    wrong: [net.privateKey(9)],
    suffix: ' (or so)',
  })
  try {
    // The validator serves clients on its own axon (registered as its endpoint on chain). Its own
    // synthetic task is off here: its scores, and so its weights, come from the clients' rounds.
    await using validator = await new Validator({
      client,
      netuid,
      hotkey: net.privateKey(5),
      stake: parseHetu('600'),
      task: () => undefined,
      query: { timeoutMs: 5_000 },
      serve: { port: 0, ip: '127.0.0.1' },
    }).start()
    log(`validator ${validator.address} serves clients at ${validator.gateway!.axon.url}`)

    // Phase 1: the client knows only the subnet. It finds the validators serving the task's synapse on
    // chain (and by their GET /), asks the best one and would fail over to the next.
    const task = 'add 15 25'
    const result = await askSubnet(client, {
      netuid,
      synapse: new Synapse({ completion: task }),
      timeoutMs: 30_000,
    })
    if (result.status !== 'ok') throw new Error(`the subnet gave no answer: ${result.message}`)
    const { consensus } = result
    log(`client: "${task}" → "${result.answer.completion}"`)
    log(
      `  agreement ${consensus.agreement.toFixed(2)}: ${consensus.agreeing.length} of ${consensus.answered.length} answers agree (${consensus.asked.length} miners asked) in ${consensus.latencyMs} ms`,
    )

    // The round's outcome counts: the validator's next step sets weights from it.
    const step = await validator.step()
    log(`validator weights: ${step.weights.map((w) => `${w.dest.slice(0, 8)}…=${w.weight}`).join(' ')}`)
    return {
      answer: result.answer.completion,
      agreement: consensus.agreement,
      asked: consensus.asked,
      answered: consensus.answered,
      agreeing: consensus.agreeing,
    }
  } finally {
    await Promise.all(miners.map((m) => m.stop()))
  }
}

runIfMain(import.meta.url, main, { jsonLine: true })
