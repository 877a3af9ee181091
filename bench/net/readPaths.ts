// The read paths at a network's latency. Loopback costs nothing per round trip, so a path that makes
// thousands of them looks fine there and is not on a real network. Each path runs through a proxy that
// adds a fixed round-trip time (RTT_MS, default "0,50"; test/chain/helpers/countingProxy.ts), against
// its per-call reference in the same run:
// - Metagraph.sync of a 4096-neuron subnet (32 validators × 256 weights) against the Python SDKs'
//   per-neuron loop (getNeuronList, then getNeuronInfo + balanceOf per neuron and getWeights per
//   validator, each awaited);
// - getSubnetNeurons against one getNeuronInfo per neuron, each awaited;
// - `hetu subnet list --json` (a process: start-up included) against `node -e 0`.
// At 50 ms a per-neuron loop over 4096 neurons takes minutes, so the references run over the first
// SAMPLE neurons (default 64) and are scaled to the subnet (the list call once, the rest per neuron):
// their lines say so. Target (issue 17): the sync within 3 round trips + 400 ms at 50 ms RTT.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Address } from 'viem'
import { Metagraph } from '../../src/index.js'
import { LOCAL_CHAIN_ID } from '../../src/localnet/index.js'
import { startCountingProxy } from '../../test/chain/helpers/countingProxy.js'
import { hetuClient } from '../../test/fixtures/localnet.js'
import { subnetFixture } from '../metagraph/fixture.js'
import { perNeuronLoop } from '../metagraph/perNeuron.js'
import { medianTime, report } from '../report.js'

const neurons = Number(process.env.NEURONS ?? 4096)
const validatorCount = Number(process.env.VALIDATORS ?? 32)
const rtts = (process.env.RTT_MS ?? '0,50').split(',').map(Number)
const runs = Number(process.env.RUNS ?? 3)
const sample = Math.min(neurons, Number(process.env.SAMPLE ?? 64))
const run = promisify(execFile)

const fx = await subnetFixture({ neurons, validators: validatorCount, weightsPerValidator: 256 })
const { net, netuid } = fx
const root = join(import.meta.dirname, '..', '..')
const bin = join(root, 'bin', 'hetu.js')
// The CLI finds the localnet's addresses through the info file of the port it is pointed at.
const sandbox = mkdtempSync(join(tmpdir(), 'hetu-bench-rtt-'))
const cliEnv = { PATH: process.env.PATH, TMPDIR: sandbox, HOME: sandbox }

/** The per-call reference over the first SAMPLE neurons, scaled to the subnet; and its round trips. */
async function perNeuron(rpcUrl: string, withBalances: boolean, alphaToken: Address) {
  const { listMs, loopMs, validators } = await perNeuronLoop(rpcUrl, {
    contracts: net.contracts,
    netuid,
    limit: sample,
    ...(withBalances && { alphaToken }),
  })
  // Scaled: the sampled neurons' calls without their validators' weight reads, times the subnet's
  // neurons, plus a weight read per validator of the subnet at the sample's cost per call.
  const calls = sample * (withBalances ? 2 : 1) + validators
  const perCall = loopMs / calls
  const total =
    listMs + perCall * neurons * (withBalances ? 2 : 1) + (withBalances ? perCall * validatorCount : 0)
  const trips = 1 + neurons * (withBalances ? 2 : 1) + (withBalances ? validatorCount : 0)
  return { total, trips }
}

try {
  for (const rtt of rtts) {
    const proxy = await startCountingProxy(net.rpcUrl, { rttMs: rtt })
    const port = new URL(proxy.url).port
    writeFileSync(
      join(sandbox, `hetu-localnet-${port}.json`),
      JSON.stringify({
        rpcUrl: proxy.url,
        chainId: LOCAL_CHAIN_ID,
        contracts: net.contracts,
        pid: process.pid,
      }),
    )
    try {
      const client = await hetuClient({ rpcUrl: proxy.url, contracts: net.contracts })
      const first = await Metagraph.sync({ client, netuid })
      if (first.n !== neurons) throw new Error(`the subnet has ${first.n} neurons, expected ${neurons}`)
      console.log(`\n# read paths at ${rtt} ms round-trip time (${neurons} neurons; median of ${runs})`)

      const syncMs = await medianTime(runs, () => Metagraph.sync({ client, netuid }))
      proxy.reset()
      await Metagraph.sync({ client, netuid })
      const syncTrips = proxy.stats.httpRequests
      const syncRef = await perNeuron(proxy.url, true, first.alphaToken)
      report(
        `Metagraph.sync (ours, ${syncTrips} round trips)`,
        syncMs,
        `per-neuron loop (${syncRef.trips} round trips; scaled from ${sample} neurons)`,
        syncRef.total,
        'ms',
      )
      const budget = 3 * rtt + 400
      console.log(
        `target: within 3 round trips + 400 ms = ${budget} ms: ${syncMs <= budget ? 'met' : 'MISSED'}`,
      )

      const neuronsMs = await medianTime(runs, () => client.getSubnetNeurons({ netuid }))
      proxy.reset()
      await client.getSubnetNeurons({ netuid })
      const neuronsTrips = proxy.stats.httpRequests
      const neuronsRef = await perNeuron(proxy.url, false, first.alphaToken)
      report(
        `getSubnetNeurons (ours, ${neuronsTrips} round trips)`,
        neuronsMs,
        `getNeuronInfo per neuron (${neuronsRef.trips} round trips; scaled from ${sample} neurons)`,
        neuronsRef.total,
        'ms',
      )

      const cli = async () => {
        const { stdout } = await run(
          process.execPath,
          [bin, 'subnet', 'list', '--json', '--rpc-url', proxy.url],
          {
            env: cliEnv,
          },
        )
        if (!stdout.includes('"subnets"')) throw new Error(`hetu subnet list printed ${stdout}`)
      }
      await cli()
      const listMs = await medianTime(5, cli)
      proxy.reset()
      await cli()
      const listTrips = proxy.stats.httpRequests
      const bareMs = await medianTime(5, () => run(process.execPath, ['-e', '0']))
      report(`hetu subnet list --json (${listTrips} round trips)`, listMs, 'node -e 0', bareMs, 'ms')
    } finally {
      await proxy.close()
    }
  }
} finally {
  rmSync(sandbox, { recursive: true, force: true })
  await net.stop()
}
