// Reading every neuron of a subnet: ours (getSubnetNeurons: getNeuronList, then every getNeuronInfo through
// Multicall3 in one JSON-RPC batch, decoded by a specialised codec) vs the Python SDK's way (getNeuronList,
// then one getNeuronInfo call per neuron, each awaited, no batching). Same localnet, same run; time is the
// median of RUNS reads straight against anvil, round trips are counted through a proxy in a separate
// pass. Sizes: NEURONS (default "256,4096").
import { startCountingProxy } from '../../test/chain/helpers/countingProxy.js'
import { hetuClient, registerMiners, syntheticAddresses } from '../../test/fixtures/localnet.js'
import { perNeuronLoop } from '../metagraph/perNeuron.js'
import { median, report } from '../report.js'
import { benchSubnet } from '../subnet.js'

const sizes = (process.env.NEURONS ?? '256,4096').split(',').map(Number)
const runs = Number(process.env.RUNS ?? 5)

await using subnet = await benchSubnet()
const { net, netuid } = subnet

const ours = await hetuClient(net)

/** The reference: the per-neuron loop (getNeuronList, then getNeuronInfo per neuron, each awaited). */
const naiveNeurons = async (rpcUrl: string) =>
  (await perNeuronLoop(rpcUrl, { contracts: net.contracts, netuid })).rows

async function timed(fn: () => Promise<unknown[]>, expected: number): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    const result = await fn()
    times.push(performance.now() - started)
    if (result.length !== expected) throw new Error(`read ${result.length} neurons, expected ${expected}`)
  }
  return times
}

let registered = 0
for (const size of sizes) {
  const started = performance.now()
  await registerMiners(net, netuid, syntheticAddresses(size - registered, registered))
  registered = size
  process.stderr.write(
    `registered ${size} neurons in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  )

  const oursMs = median(await timed(() => ours.getSubnetNeurons({ netuid }), size))
  const naiveMs = median(await timed(() => naiveNeurons(net.rpcUrl), size))

  const proxy = await startCountingProxy(net.rpcUrl)
  const oursCounted = await hetuClient(net, { rpcUrl: proxy.url })
  proxy.reset()
  await oursCounted.getSubnetNeurons({ netuid })
  const oursTrips = proxy.stats.httpRequests
  proxy.reset()
  await naiveNeurons(proxy.url)
  const naiveTrips = proxy.stats.httpRequests
  await proxy.close()

  console.log(`\n# getSubnetNeurons, ${size} neurons (median of ${runs})`)
  report('list + Multicall3, batched (ours)', oursMs, 'one call per neuron (Python SDK way)', naiveMs, 'ms')
  report('round trips (ours)', oursTrips, 'round trips (one call per neuron)', naiveTrips, 'HTTP requests')
}
