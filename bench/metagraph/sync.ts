// Metagraph of a 4096-neuron subnet (32 validators with 256 weights each, 4064 miners):
// 1. Metagraph.sync (ours) vs the per-neuron loop of the Python SDKs (getNeuronList, then getNeuronInfo and
//    balanceOf per neuron and getWeights per validator, each awaited): time and round trips;
// 2. after 10 changes (3 deregistrations, then 3 registrations into the freed slots, 3 service updates
//    and 1 weight vector): resync()
//    replaying the events (ours) vs reading everything again: time and round trips.
// Time = median of RUNS straight against anvil; round trips counted through a proxy in a separate pass.
// The chain state is built once and cached under .cache/bench/ (see fixture.ts). NEURONS, VALIDATORS,
// RUNS and REFERENCE_RUNS override the sizes.
import { type HetuClient, Metagraph } from '../../src/index.js'
import { startCountingProxy } from '../../test/chain/helpers/countingProxy.js'
import { hetuClient } from '../../test/fixtures/localnet.js'
import { median, medianTime, report } from '../report.js'
import { addresses, subnetFixture } from './fixture.js'
import { perNeuronLoop } from './perNeuron.js'
import {
  deregisterCall,
  registrationCalls,
  rpcBatchInChunks,
  type Sender,
  sendAll,
  serviceCall,
  setWeightsCall,
} from './populate.js'

const neurons = Number(process.env.NEURONS ?? 4096)
const validatorCount = Number(process.env.VALIDATORS ?? 32)
const runs = Number(process.env.RUNS ?? 5)
const referenceRuns = Number(process.env.REFERENCE_RUNS ?? 1)

const started = performance.now()
const fx = await subnetFixture({ neurons, validators: validatorCount, weightsPerValidator: 256 })
process.stderr.write(
  fx.builtIn > 0
    ? `built ${neurons} neurons in ${fx.builtIn.toFixed(0)} s (cached for next runs)\n`
    : `loaded ${neurons} neurons from the cache in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
)
const { net, netuid } = fx
const connect = (rpcUrl: string) => hetuClient(net, { rpcUrl })

try {
  const ours = await connect(net.rpcUrl)
  const first = await Metagraph.sync({ client: ours, netuid })
  if (first.n !== neurons) throw new Error(`the subnet has ${first.n} neurons, expected ${neurons}`)

  /** The reference: the per-neuron loop, every neuron. */
  const perNeuronSync = (rpcUrl: string) =>
    perNeuronLoop(rpcUrl, { contracts: net.contracts, netuid, alphaToken: first.alphaToken })

  const counted = async (fn: (client: HetuClient, rpcUrl: string) => Promise<unknown>) => {
    const proxy = await startCountingProxy(net.rpcUrl)
    try {
      const client = await connect(proxy.url) // its eth_chainId is not counted
      proxy.reset()
      await fn(client, proxy.url)
      return proxy.stats.httpRequests
    } finally {
      await proxy.close()
    }
  }

  // ── 1. full sync ───────────────────────────────────────────────────────────────────────────────
  const syncMs = await medianTime(runs, () => Metagraph.sync({ client: ours, netuid }))
  const referenceMs = await medianTime(referenceRuns, () => perNeuronSync(net.rpcUrl))
  const syncTrips = await counted((client) => Metagraph.sync({ client, netuid }))
  const referenceTrips = await counted((_, url) => perNeuronSync(url))
  console.log(
    `\n# Metagraph.sync, ${neurons} neurons, ${validatorCount} validators × 256 weights (median of ${runs}; reference ${referenceRuns})`,
  )
  report('Metagraph.sync (ours)', syncMs, 'per-neuron loop (Python SDK way)', referenceMs, 'ms')
  report('round trips (ours)', syncTrips, 'round trips (per-neuron loop)', referenceTrips, 'HTTP requests')

  // ── 2. resync after 10 changes ─────────────────────────────────────────────────────────────────
  const incrementalMs: number[] = []
  const fullMs: number[] = []
  let incrementalTrips = 0
  let fullTrips = 0
  let events = 0
  const proxy = await startCountingProxy(net.rpcUrl)
  const proxied: HetuClient = await connect(proxy.url)
  try {
    for (let run = 0; run < runs; run++) {
      const incremental = await Metagraph.sync({ client: ours, netuid })
      const full = await Metagraph.sync({ client: ours, netuid })
      const countedIncremental = await Metagraph.sync({ client: proxied, netuid })
      const countedFull = await Metagraph.sync({ client: proxied, netuid })
      await tenChanges(fx.sender, run, incremental)

      let t = performance.now()
      const result = await incremental.resync()
      incrementalMs.push(performance.now() - t)
      t = performance.now()
      await full.resync({ full: true })
      fullMs.push(performance.now() - t)
      if (result.mode !== 'incremental') throw new Error(`resync fell back: ${result.reason}`)
      if (JSON.stringify(incremental.toJSON()) !== JSON.stringify(full.toJSON()))
        throw new Error('the incremental resync differs from a full sync')
      events = result.events

      proxy.reset()
      await countedIncremental.resync()
      incrementalTrips = proxy.stats.httpRequests
      proxy.reset()
      await countedFull.resync({ full: true })
      fullTrips = proxy.stats.httpRequests
    }
  } finally {
    await proxy.close()
  }
  console.log(
    `\n# resync after 10 changes (${events} contract events), ${neurons} neurons (median of ${runs})`,
  )
  report(
    'incremental resync (ours)',
    median(incrementalMs),
    'full reload (Metagraph.sync)',
    median(fullMs),
    'ms',
  )
  report(
    'round trips (incremental)',
    incrementalTrips,
    'round trips (full reload)',
    fullTrips,
    'HTTP requests',
  )
} finally {
  await net.stop()
}

/** 3 deregistrations, then 3 registrations (a full subnet has no free slot before), 3 service updates, 1 weight vector. */
async function tenChanges(sender: Sender, run: number, metagraph: Metagraph): Promise<void> {
  const { contracts } = net
  const miners = metagraph.miners.map((m) => m.hotkey)
  const leavers = miners.slice(-3 * (run + 1), -3 * run || undefined)
  await sendAll(
    sender,
    leavers.map((account) => deregisterCall(sender, contracts.NeuronManager, netuid, account)),
  )
  const joiners = addresses(3, 100 + run)
  const { setup, txs } = registrationCalls(sender, contracts, netuid, joiners, {
    validator: false,
    portBase: 30_000,
  })
  await rpcBatchInChunks(sender.rpcUrl, setup)
  const movers = miners.slice(10 * run, 10 * run + 3)
  const validator = metagraph.validators[run % metagraph.validators.length]!.hotkey
  await sendAll(sender, [
    ...txs,
    ...movers.map((account, i) => serviceCall(sender, contracts.NeuronManager, netuid, account, 40_000 + i)),
    setWeightsCall(
      sender,
      contracts.Weights,
      netuid,
      validator,
      miners.slice(0, 256).map((dest, i) => ({ dest, weight: BigInt(1_000 + i) })),
    ),
  ])
}
