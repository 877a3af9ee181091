// A validator's round (the Python SDK README's Phase 2–4 and distribute_rewards): discover miners on chain,
// pick them by stake, send them a task, find the consensus answer, split the reward 30/70 with half a share
// for a wrong answer, and put the miners' shares on chain as weights.
//
//   npx tsx examples/validator-rewards.ts
import { Axon, Dendrite, formatHetu, type MetagraphNeuron, parseHetu, Synapse } from 'hetu-subnet'
import { aggregateResults, normalizeWeights, splitRewards } from 'hetu-subnet/consensus'
import type { Address } from 'viem'
import { computeService } from './lib/compute.js'
import { type ExampleOptions, openNetwork } from './lib/network.js'
import { runIfMain } from './lib/run.js'

// Dev accounts as miners: honest ones, one that answers wrongly, one whose axon is down.
const MINERS = [
  { account: 2, stake: '200', behaviour: 'honest' },
  { account: 3, stake: '300', behaviour: 'honest' },
  { account: 4, stake: '400', behaviour: 'honest' },
  { account: 5, stake: '250', behaviour: 'wrong' },
  { account: 6, stake: '220', behaviour: 'offline' },
] as const
const VALIDATOR = 1

export async function main(options: ExampleOptions = {}) {
  const log = options.log ?? console.log
  await using net = await openNetwork(options)

  const owner = await net.connect(0)
  const { netuid } = await owner.registerSubnet({
    name: 'Consensus demo',
    description: 'A validator round',
    tokenName: 'Consensus Alpha',
    tokenSymbol: 'CNS',
  })
  await owner.activateSubnet({ netuid })
  await owner.addSubnetMinter({ netuid }) // lets the chain mint this subnet's Alpha rewards
  log(`subnet ${netuid} active`)

  const axons: Axon[] = []
  try {
    // Phase 3 lives on the miners: each serves the task on its axon and registers that endpoint.
    for (const m of MINERS) {
      const axon = new Axon({
        hotkey: net.privateKey(m.account),
        ip: '127.0.0.1',
        port: 0,
        prometheus: false,
      })
      axon.attach((synapse) => {
        computeService(synapse)
        if (m.behaviour === 'wrong')
          synapse.completion = synapse.completion.replace(/\d+$/, (n) => `${+n + 1}`)
        return synapse
      })
      axons.push(await axon.start())
      const miner = await net.connect(m.account)
      await miner.registerNeuron({
        netuid,
        isValidatorRole: false,
        axonEndpoint: '127.0.0.1',
        axonPort: axon.port,
        stake: parseHetu(m.stake),
      })
      if (m.behaviour === 'offline') await axon.stop()
      log(`miner ${miner.address} (${m.behaviour}) registered with ${m.stake} HETU`)
    }
    const validator = await net.connect(VALIDATOR)
    await validator.registerNeuron({
      netuid,
      isValidatorRole: true,
      axonEndpoint: '',
      axonPort: 0,
      stake: parseHetu('600'),
    })

    // Phase 2: discover active miners with stake from the chain (the metagraph: every neuron in two
    // round trips), and select them (highest stake first).
    const metagraph = await validator.getMetagraph(netuid)
    const candidates = metagraph.miners.filter((m) => m.active && m.stake > 0n && m.axon.isServing)
    const selected = selectOptimalMiners(candidates, 8)
    log(
      `selected ${selected.length} of ${metagraph.n} neurons: ${selected.map((m) => formatHetu(m.stake)).join(', ')} HETU`,
    )

    // Distribute the task to the selected miners in parallel.
    await using dendrite = new Dendrite({ hotkey: net.privateKey(VALIDATOR), timeout: 5_000 })
    const task = 'add 15 25'
    const answers = await dendrite.query(
      selected.map((m) => m.axon),
      new Synapse({ completion: task }),
    )
    for (const [i, a] of answers.entries()) log(`  ${selected[i]!.hotkey}: ${a.statusCode} ${a.completion}`)

    // Phase 4: the consensus answer needs 67 % of the miners that answered (a miner that is down
    // does not vote; `failures: 'abstain'` would count it against consensus instead).
    const responses = answers.map((a, i) => ({
      miner: selected[i]!.hotkey,
      result: a.completion,
      statusCode: a.statusCode,
    }))
    const consensus = aggregateResults(responses, { threshold: 0.67, failures: 'exclude' })
    log(
      `consensus: ${consensus.reached ? `"${consensus.result}"` : 'none'} (${consensus.count}/${consensus.total}, confidence ${consensus.confidence.toFixed(2)})`,
    )

    // Reward (the Python SDK README's get_subnet_reward_rate): the Alpha one epoch pays the subnet's
    // participants, 30 % to validators (by stake), 70 % to miners: a full share for the consensus answer,
    // half for a wrong one, nothing for no answer.
    const { alphaPerEpoch: total } = await validator.getSubnetRewardRate(netuid)
    const split = splitRewards({
      total,
      validators: [{ address: validator.address!, stake: parseHetu('600') }],
      miners: responses.map((r, i) => ({ address: r.miner, agreement: consensus.agreement[i]! })),
    })
    log(`reward of ${formatHetu(total)} Alpha: validators ${formatHetu(split.validatorPot)}`)
    for (const m of split.miners) log(`  ${m.address}: ${formatHetu(m.amount, { maxDecimals: 4 })}`)

    // On chain, rewards follow the validators' weights: set them in proportion to the miners' shares.
    const weights = normalizeWeights(
      Object.fromEntries(split.miners.map((m) => [m.address, Number(m.amount)])),
    )
    await validator.setWeights({
      netuid,
      weights: Object.entries(weights)
        .filter(([, weight]) => weight > 0)
        .map(([dest, weight]) => ({ dest: dest as Address, weight })),
    })
    const onChain = await validator.getWeights(netuid)
    log(`weights on chain: ${onChain.map((w) => `${w.dest.slice(0, 8)}…=${w.weight}`).join(' ')}`)

    return {
      netuid,
      task,
      consensus: {
        reached: consensus.reached,
        result: consensus.result,
        count: consensus.count,
        total: consensus.total,
        confidence: consensus.confidence,
      },
      agreement: responses.map((r, i) => ({ miner: r.miner, agreement: consensus.agreement[i]! })),
      rewards: split,
      weights: onChain,
    }
  } finally {
    await Promise.all(axons.map((axon) => axon.stop()))
  }
}

/** The Python SDK README's select_optimal_miners: most stake first, then the most recently updated. */
function selectOptimalMiners(miners: MetagraphNeuron[], count: number): MetagraphNeuron[] {
  return [...miners]
    .sort((a, b) =>
      a.stake !== b.stake ? (b.stake > a.stake ? 1 : -1) : Number(b.lastUpdate - a.lastUpdate),
    )
    .slice(0, count)
}

runIfMain(import.meta.url, main)
