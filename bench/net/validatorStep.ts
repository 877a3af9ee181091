// A validator step at a network's latency: the chain behind a proxy that adds a fixed round-trip time
// (RTT_MS, default "0,50"; test/chain/helpers/countingProxy.ts), MINERS (default 256) compute axons on
// 127.0.0.1 (the fan-out is the same in both, so the miners are not delayed). Against, in the same run,
// the step as the Python SDK would take it, each call awaited one by one:
// - the metagraph read again: getNeuronList, then getNeuronInfo + balanceOf per neuron and getWeights per
//   validator (bench/metagraph/perNeuron.ts);
// - the same request fanned out to the same miners with the same concurrency (a bare Dendrite);
// - the weights sent as web3.py does (nonce, gas price, estimate, chain id, eth_sendRawTransaction, then
//   eth_getTransactionReceipt every 100 ms until mined): the vector our validator set in its last step.
// Ours: Validator.step() (resync from the contract events, select, query, aggregate, score, setWeights;
// weightsRateLimit 0, so every step sends its transaction). Times are medians of RUNS (default 5) steps
// after a warm-up; the reference's of REFERENCE_RUNS (default 3 at 0 ms, 1 above: at 50 ms it takes
// ~25 s).
import { type Address, encodeFunctionData, type Hex } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { WeightsAbi } from '../../src/chain/abi/index.js'
import { rpc } from '../../src/chain/reads.js'
import { Dendrite, type ValidatorStepReport } from '../../src/index.js'
import { startCountingProxy } from '../../test/chain/helpers/countingProxy.js'
import { hetuClient } from '../../test/fixtures/localnet.js'
import { perNeuronLoop } from '../metagraph/perNeuron.js'
import { median, report } from '../report.js'
import { benchSubnet, computeMiners, fanOut, fullStep, stepValidator } from '../subnet.js'

const minerCount = Number(process.env.MINERS ?? 256)
const rtts = (process.env.RTT_MS ?? '0,50').split(',').map(Number)
const runs = Number(process.env.RUNS ?? 5)
const concurrency = Number(process.env.CONCURRENCY ?? 64)
const timeoutMs = 5_000

await using subnet = await benchSubnet()
const { net, netuid } = subnet
const axons = await computeMiners(subnet, minerCount)
const targets = axons.map((axon) => axon.info())
const fanOutOptions = { timeoutMs, concurrency }
const key = net.accounts[1]!.privateKey
const signer = privateKeyToAccount(key)
const reference = new Dendrite({ hotkey: generatePrivateKey() })
const alphaToken = (await (await hetuClient(net)).getSubnetInfo({ netuid })).alphaToken

/** One reference step through `rpcUrl`. */
async function pythonStep(rpcUrl: string, weights: readonly { dest: Address; weight: bigint }[]) {
  const call = <T>(method: string, params: unknown[]) => rpc<T>(rpcUrl, method, params)
  await perNeuronLoop(rpcUrl, { contracts: net.contracts, netuid, alphaToken })
  await fanOut(reference, targets, fanOutOptions)
  const to = net.contracts.Weights!
  const data = encodeFunctionData({ abi: WeightsAbi, functionName: 'setWeights', args: [netuid, weights] })
  const nonce = await call<Hex>('eth_getTransactionCount', [signer.address, 'pending'])
  const gasPrice = await call<Hex>('eth_gasPrice', [])
  const gas = await call<Hex>('eth_estimateGas', [{ from: signer.address, to, data }])
  const chainId = await call<Hex>('eth_chainId', [])
  const raw = await signer.signTransaction({
    type: 'legacy',
    to,
    data,
    nonce: Number(nonce),
    gasPrice: BigInt(gasPrice),
    gas: (BigInt(gas) * 12n) / 10n,
    chainId: Number(chainId),
  })
  const hash = await call<Hex>('eth_sendRawTransaction', [raw])
  for (;;) {
    const receipt = await call<{ status: Hex } | null>('eth_getTransactionReceipt', [hash])
    if (receipt) {
      if (receipt.status !== '0x1') throw new Error(`reference setWeights reverted (${hash})`)
      break
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

try {
  for (const rtt of rtts) {
    const proxy = await startCountingProxy(net.rpcUrl, { rttMs: rtt })
    const client = await hetuClient(net, { rpcUrl: proxy.url })
    const validator = await stepValidator(subnet, client, minerCount, fanOutOptions)
    try {
      const step = () => fullStep(validator, minerCount)
      await step()
      const reports: ValidatorStepReport[] = []
      const trips: number[] = []
      for (let i = 0; i < runs; i++) {
        proxy.reset()
        reports.push(await step())
        trips.push(proxy.stats.httpRequests)
      }
      const weights = reports.at(-1)!.weights.map(({ dest, weight }) => ({ dest, weight: BigInt(weight) }))
      const referenceRuns = Number(process.env.REFERENCE_RUNS ?? (rtt === 0 ? 3 : 1))
      const referenceMs: number[] = []
      let referenceTrips = 0
      for (let i = 0; i < referenceRuns; i++) {
        proxy.reset()
        const began = performance.now()
        await pythonStep(proxy.url, weights)
        referenceMs.push(performance.now() - began)
        referenceTrips = proxy.stats.httpRequests
      }

      const stage = (name: keyof ValidatorStepReport['timings']) =>
        median(reports.map((r) => r.timings[name]))
      console.log(
        `\n# one validator step at ${rtt} ms round-trip time to the chain (${minerCount} miners; median of ${runs}, reference of ${referenceRuns})`,
      )
      report(
        `Validator.step (ours, ${median(trips)} round trips)`,
        stage('total'),
        `per-call step, Python SDK way (${referenceTrips} round trips)`,
        median(referenceMs),
        'ms',
      )
      console.log(
        `stages: resync ${stage('resync').toFixed(1)} ms, query ${stage('query').toFixed(1)} ms, setWeights ${stage('setWeights').toFixed(1)} ms`,
      )
    } finally {
      await validator.stop()
      await proxy.close()
    }
  }
} finally {
  await reference.close()
  await Promise.all(axons.map((axon) => axon.stop()))
}
