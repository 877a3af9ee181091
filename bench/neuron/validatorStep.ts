// One validator step over MINERS (default 256) live axons in this process on 127.0.0.1: resync the
// subnet from the chain, select, query, aggregate, score, normalise and set weights (a 256-entry
// setWeights transaction each step). Reference in the same run: the bare dendrite fan-out of the same
// request to the same axons with the same concurrency, i.e. what the step costs beyond the network.
// Times are medians of RUNS (default 10) alternating runs after one warm-up each.
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { Dendrite, type ValidatorStepReport } from '../../src/index.js'
import { hetuClient } from '../../test/fixtures/localnet.js'
import { median, report } from '../report.js'
import { benchSubnet, computeMiners, fanOut, fullStep, stepValidator } from '../subnet.js'

const minerCount = Number(process.env.MINERS ?? 256)
const runs = Number(process.env.RUNS ?? 10)
const concurrency = Number(process.env.CONCURRENCY ?? 64)
const timeoutMs = 5_000

await using subnet = await benchSubnet()
const { net, netuid } = subnet
const started = performance.now()
const axons = await computeMiners(subnet, minerCount)
process.stderr.write(
  `started and registered ${minerCount} miners in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
)

const client = await hetuClient(net)
const fanOutOptions = { timeoutMs, concurrency }
const validator = await stepValidator(subnet, client, minerCount, fanOutOptions)
const reference = new Dendrite({ hotkey: generatePrivateKey() })
const targets = axons.map((axon) => axon.info())

async function bareFanOut(): Promise<number> {
  const began = performance.now()
  await fanOut(reference, targets, fanOutOptions)
  return performance.now() - began
}

const step = () => fullStep(validator, minerCount)

await step()
await bareFanOut()
const reports: ValidatorStepReport[] = []
const fanOuts: number[] = []
for (let i = 0; i < runs; i++) {
  reports.push(await step())
  fanOuts.push(await bareFanOut())
}
const stage = (name: keyof ValidatorStepReport['timings']) => median(reports.map((r) => r.timings[name]))
const signer = privateKeyToAccount(net.accounts[1]!.privateKey).address
const weights = await client.getWeights({ netuid, validator: signer })

console.log(
  `\n# one validator step over ${minerCount} miners (median of ${runs}, concurrency ${concurrency})`,
)
report(
  'validator step (ours: resync → … → setWeights)',
  stage('total'),
  'bare dendrite fan-out alone',
  median(fanOuts),
  'ms',
)
console.log(
  `stages: resync ${stage('resync').toFixed(1)} ms, select ${stage('select').toFixed(2)} ms, query ${stage('query').toFixed(1)} ms, aggregate ${stage('aggregate').toFixed(2)} ms, score ${stage('score').toFixed(2)} ms, setWeights ${stage('setWeights').toFixed(1)} ms`,
)
console.log(`weights on chain after the last step: ${weights.length} entries`)

await validator.stop()
await reference.close()
await Promise.all(axons.map((axon) => axon.stop()))
