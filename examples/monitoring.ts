// Monitoring (the Python SDK README's monitor_subnet_health, check_stake_status and sync_subnet_state): a
// subnet's parameters and neuron counts, an account's stake across subnets, reads pinned to one block, and
// the Prometheus metrics every axon serves.
//
//   npx tsx examples/monitoring.ts
import { Axon, Dendrite, formatHetu, Synapse } from 'hetu-subnet'
import { computeService } from './lib/compute.js'
import { type ExampleOptions, openNetwork } from './lib/network.js'
import { runIfMain } from './lib/run.js'

export async function main(options: ExampleOptions = {}) {
  const log = options.log ?? console.log
  await using net = await openNetwork(options)
  const owner = await net.connect(0)
  const create = async (name: string) => {
    const { netuid } = await owner.registerSubnet({
      name,
      description: '',
      tokenName: name,
      tokenSymbol: 'MON',
    })
    await owner.activateSubnet({ netuid })
    return netuid
  }
  const netuid = await create('Monitored')
  const other = await create('Other')

  // A validator, three miners, and one miner (dev 4) in both subnets.
  const beforeNeurons = await owner.getCurrentBlock()
  await (await net.connect(1)).registerNeuron({
    netuid,
    isValidatorRole: true,
    axonEndpoint: '',
    axonPort: 0,
  })
  for (const i of [2, 3, 4])
    await (await net.connect(i)).registerNeuron({
      netuid,
      isValidatorRole: false,
      axonEndpoint: '127.0.0.1',
      axonPort: 8090 + i,
    })
  await (await net.connect(4)).registerNeuron({
    netuid: other,
    isValidatorRole: false,
    axonEndpoint: '127.0.0.1',
    axonPort: 8094,
  })

  // 1. Subnet health (the Python SDK README's monitor_subnet_health): params, counts, pool, emission, issues.
  const health = await owner.getSubnetHealth(netuid)
  const { neurons, pool, rewardRate } = health
  log(
    `subnet ${netuid}: ${neurons.total}/${neurons.maxNeurons} neurons (${neurons.validators} validators, ${neurons.miners} miners)`,
  )
  log(
    `  pool ${formatHetu(pool.hetuReserve)} HETU / ${formatHetu(pool.alphaReserve)} Alpha, tradeable ${pool.tradeable}`,
  )
  log(
    `  emits ${formatHetu(rewardRate.alphaPerBlock)} Alpha per block, ${formatHetu(rewardRate.alphaPerEpoch)} per epoch of ${rewardRate.blocksPerEpoch} blocks`,
  )
  log(
    `  healthy: ${health.healthy}; issues: ${health.issues.map((i) => `${i.severity} ${i.code}`).join(', ') || 'none'}`,
  )
  // The owner has not let the chain mint this subnet's Alpha yet: the critical issue goes away.
  await owner.addSubnetMinter({ netuid })
  const fixed = await owner.getSubnetHealth(netuid)
  log(
    `after addSubnetMinter → healthy: ${fixed.healthy}; issues: ${fixed.issues.map((i) => i.code).join(', ') || 'none'}`,
  )

  // 2. Stake status of one account across every subnet (the Python SDK README's check_stake_status).
  const miner = net.account(4).address
  const stake = await owner.getStakeStatus(miner)
  log(
    `${miner}: staked ${formatHetu(stake.stake.totalStaked)}, available ${formatHetu(stake.stake.available)} HETU`,
  )
  for (const s of stake.subnets)
    log(
      `  subnet ${s.netuid}: ${formatHetu(s.allocated)} HETU allocated, ${s.registered ? (s.isValidator ? 'validator' : 'miner') : 'not registered'}`,
    )

  // 3. Reads pinned to a block (the Python SDK README's sync_subnet_state): now, and before anyone joined.
  const block = await owner.getCurrentBlock()
  const atBlock = await owner.getSubnetNeuronCount(netuid, { blockNumber: block })
  const atStart = await owner.getSubnetNeuronCount(netuid, { blockNumber: beforeNeurons })
  log(`neurons at block ${block}: ${atBlock}; at block ${beforeNeurons}: ${atStart}`)

  // 4. An axon's own metrics (Prometheus text on its metrics port).
  await using axon = new Axon({
    hotkey: net.privateKey(2),
    ip: '127.0.0.1',
    port: 0,
    prometheus: { ip: '127.0.0.1', port: 0 },
  })
  await axon.attach(computeService).start()
  await using dendrite = new Dendrite()
  for (const task of ['add 1 2', 'multiply 3 4', 'divide 1 0'])
    await dendrite.query(axon, new Synapse({ completion: task }))
  const metrics = await (await fetch(`http://127.0.0.1:${axon.prometheusPort}/metrics`)).text()
  const requests = metrics
    .split('\n')
    .filter((line) => line.startsWith('hetu_axon_requests_total{'))
    .map((line) => ({
      status: Number(/status="(\d+)"/.exec(line)?.[1]),
      count: Number(line.split(' ').pop()),
    }))
  log(`axon metrics: ${requests.map((r) => `${r.count}× ${r.status}`).join(', ')}`)

  return {
    netuid,
    health: { neurons, healthy: health.healthy, issues: health.issues.map((i) => i.code) },
    healthAfterMinter: { healthy: fixed.healthy, issues: fixed.issues.map((i) => i.code) },
    stake: {
      totalStaked: stake.stake.totalStaked,
      subnets: stake.subnets.map((s) => ({
        netuid: s.netuid,
        allocated: s.allocated,
        registered: s.registered,
      })),
    },
    pinned: { block, neurons: atBlock, before: { block: beforeNeurons, neurons: atStart } },
    axonRequests: requests,
  }
}

runIfMain(import.meta.url, main)
