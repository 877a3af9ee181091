// A client's task through a validator's gateway (client → validator → MINERS_PER_REQUEST miners →
// consensus → client) against the same task sent by the client straight to one miner, in one run on
// 127.0.0.1: the latency the gateway adds per request (p50, p99 of REQUESTS sequential requests), then
// the gateway's requests/s with MINERS (default 16) miners under CLIENTS concurrent clients, beside one
// miner's requests/s under the same load.
import { generatePrivateKey } from 'viem/accounts'
import { createLogger, Dendrite, Synapse, Validator } from '../../src/index.js'
import { withConsensus } from '../../src/neuron/validator/gateway.js'
import { hetuClient } from '../../test/fixtures/localnet.js'
import { report } from '../report.js'
import { benchSubnet, computeMiners } from '../subnet.js'

const minerCount = Number(process.env.MINERS ?? 16)
const perRequest = Number(process.env.MINERS_PER_REQUEST ?? 8)
const requests = Number(process.env.REQUESTS ?? 400)
const clients = Number(process.env.CLIENTS ?? 32)
const seconds = Number(process.env.SECONDS ?? 5)

await using subnet = await benchSubnet()
const { net, netuid } = subnet
const axons = await computeMiners(subnet, minerCount)
const logger = createLogger({ level: 'silent' })

const validator = await new Validator({
  client: await hetuClient(net),
  netuid,
  hotkey: net.accounts[1]!.privateKey,
  task: () => undefined,
  setWeights: false,
  query: { timeoutMs: 5_000 },
  logger,
  serve: {
    port: 0,
    ip: '127.0.0.1',
    routing: { miners: perRequest },
    // One client hotkey sends every request here: lift its per-client caps to the load.
    perClient: { concurrency: clients, ratePerSecond: 1e6 },
    concurrency: clients,
    queue: clients,
    axon: { logger, prometheus: false },
  },
}).start()
const client = new Dendrite({ hotkey: generatePrivateKey(), connectionsPerOrigin: clients })
const gateway = validator.gateway!.axon.info()
const miner = axons[0]!.info()
const Ask = withConsensus(Synapse)

let n = 0
async function viaGateway(): Promise<number> {
  const began = performance.now()
  const answer = await client.query(gateway, new Ask({ completion: `add ${++n} 1` }), { timeout: 5_000 })
  if (answer.statusCode !== 200) throw new Error(`gateway: ${answer.statusCode} ${answer.statusMessage}`)
  return performance.now() - began
}
async function direct(): Promise<number> {
  const began = performance.now()
  const answer = await client.query(miner, new Synapse({ completion: `add ${++n} 1` }), { timeout: 5_000 })
  if (answer.statusCode !== 200) throw new Error(`miner: ${answer.statusCode} ${answer.statusMessage}`)
  return performance.now() - began
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!
}

// Warm-up (connections, JIT), then alternating sequential requests so both see the same machine.
for (let i = 0; i < 20; i++) {
  await viaGateway()
  await direct()
}
const throughGateway: number[] = []
const straight: number[] = []
for (let i = 0; i < requests; i++) {
  throughGateway.push(await viaGateway())
  straight.push(await direct())
}

console.log(
  `\n# a client's task: through a validator gateway (${perRequest} of ${minerCount} miners, consensus) vs one miner directly`,
)
for (const p of [50, 99]) {
  report(
    `p${p} latency via the gateway`,
    percentile(throughGateway, p),
    `p${p} latency straight to one miner`,
    percentile(straight, p),
    'ms',
  )
  console.log(
    `added by the gateway at p${p}: ${(percentile(throughGateway, p) - percentile(straight, p)).toFixed(2)} ms`,
  )
}

async function throughput(call: () => Promise<number>): Promise<number> {
  const until = performance.now() + seconds * 1000
  let done = 0
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        await call()
        done++
      }
    }),
  )
  return done / seconds
}
const gatewayRate = await throughput(viaGateway)
const minerRate = await throughput(direct)
console.log(`\n# requests/s with ${clients} concurrent clients for ${seconds} s each`)
report(
  `gateway (each request fans out to ${perRequest} of ${minerCount} miners)`,
  gatewayRate,
  'one miner directly (one request each)',
  minerRate,
  'req/s',
)
console.log(`miner requests behind the gateway: ${(gatewayRate * perRequest).toFixed(0)} /s`)

await client.close()
await validator.stop()
await Promise.all(axons.map((axon) => axon.stop()))
