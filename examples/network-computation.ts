// Network computation (the Python SDK README's test_network_computation + discover_miners +
// distribute_computation): miners register their axons on chain, a validator discovers them from the chain
// and queries them.
//
//   npx tsx examples/network-computation.ts
import { Axon, Dendrite, formatHetu, type HetuSubnet, type NeuronInfo, Synapse } from 'hetu-subnet'
import { computeService } from './lib/compute.js'
import { type ExampleOptions, openNetwork } from './lib/network.js'
import { runIfMain } from './lib/run.js'

const MINERS = [2, 3, 4] // dev accounts; 0 owns the subnet, 1 validates

export async function main(options: ExampleOptions = {}) {
  const log = options.log ?? console.log
  await using net = await openNetwork(options)

  // 1. The owner creates and activates a subnet (see subnet-lifecycle.ts for the details).
  const owner = await net.connect(0)
  const { netuid } = await owner.registerSubnet({
    name: 'AI Compute Network',
    description: 'Distributed AI computation services',
    tokenName: 'AI Token',
    tokenSymbol: 'AIT',
  })
  await owner.activateSubnet({ netuid })
  log(`subnet ${netuid} created and active`)

  // 2. Each miner serves an axon signed with its own key and registers that endpoint on chain.
  //    registerNeuron stakes the miner threshold (200 HETU) first when the account has not.
  const axons: Axon[] = []
  try {
    for (const i of MINERS) {
      const axon = new Axon({ hotkey: net.privateKey(i), ip: '127.0.0.1', port: 0, prometheus: false })
      axons.push(await axon.attach(computeService).start())
      const miner = await net.connect(i)
      const registered = await miner.registerNeuron({
        netuid,
        isValidatorRole: false,
        axonEndpoint: axon.info().ip,
        axonPort: axon.port,
      })
      log(
        `miner ${registered.account} registered with ${formatHetu(registered.stake)} HETU, axon ${axon.url}`,
      )
    }

    // 3. The validator (dev account 1) joins, staking the validator threshold (500 HETU).
    const validator = await net.connect(1)
    await validator.registerNeuron({ netuid, isValidatorRole: true, axonEndpoint: '', axonPort: 0 })
    const subnetInfo = await validator.getSubnetInfo(netuid)
    log(`subnet info: "${subnetInfo.name}", owner ${subnetInfo.owner}, active ${subnetInfo.isActive}`)

    // 4. Discover miners from the chain, as Python's discover_miners does: addresses, then each one's info.
    const discovered = await discoverMiners(validator, netuid)
    for (const m of discovered) log(`discovered ${m.account} at ${m.axonEndpoint}:${m.axonPort}`)

    // 5. Distribute the task to all of them at once. A NeuronInfo is a dendrite target as it is; the
    //    answers must be signed by the hotkey registered on chain (verifyResponses).
    await using dendrite = new Dendrite({ hotkey: net.privateKey(1), verifyResponses: true })
    const answers = await dendrite.query(discovered, new Synapse({ completion: 'add 15 25' }), {
      timeout: 10_000,
    })
    for (const a of answers) log(`${a.axon.hotkey} → ${a.completion} (${a.statusCode})`)

    return {
      netuid,
      miners: discovered.map((m) => ({
        address: m.account,
        endpoint: m.axonEndpoint,
        port: m.axonPort,
        stake: m.stake,
      })),
      answers: answers.map((a) => ({ from: a.axon.hotkey, completion: a.completion, status: a.statusCode })),
    }
  } finally {
    await Promise.all(axons.map((axon) => axon.stop()))
  }
}

/** Active miners of a subnet with their endpoints (the Python SDK README's discover_miners). */
async function discoverMiners(hetu: HetuSubnet, netuid: number): Promise<NeuronInfo[]> {
  const addresses = await hetu.getSubnetMiners(netuid)
  const infos = await Promise.all(addresses.map((address) => hetu.getNeuronInfo(netuid, address)))
  return infos.filter((info): info is NeuronInfo => info?.isActive === true)
}

runIfMain(import.meta.url, main)
