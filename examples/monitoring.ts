// Monitoring (the seed's monitor_subnet_health, check_stake_status and sync_subnet_state): a subnet's
// parameters and neuron counts, an account's stake across subnets, reads pinned to one block, and the
// Prometheus metrics every axon serves.
//
//   npx tsx examples/monitoring.ts
import { Axon, Dendrite, formatHetu, type HetuSubnet, Synapse } from 'hetu-subnet'
import type { Address } from 'viem'
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

  // 1. Subnet health.
  const health = await monitorSubnetHealth(owner, netuid)
  log(
    `subnet ${netuid} health: ${health.neurons} neurons (${health.validators} validators, ${health.miners} miners)`,
  )
  log(`  tempo ${health.tempo}, max uids ${health.maxAllowedUids}, pool ${formatHetu(health.poolHetu)} HETU`)

  // 2. Stake status of one account across every subnet.
  const miner = net.account(4).address
  const stake = await checkStakeStatus(owner, miner)
  log(`${miner}: staked ${formatHetu(stake.totalStaked)}, available ${formatHetu(stake.available)} HETU`)
  for (const a of stake.allocations) log(`  subnet ${a.netuid}: ${formatHetu(a.allocated)} HETU allocated`)

  // 3. Reads pinned to a block (the seed's sync_subnet_state): now, and before anyone joined.
  const block = await owner.getCurrentBlock()
  const atBlock = await owner.getSubnetNeuronCount(netuid, { block })
  const atStart = await owner.getSubnetNeuronCount(netuid, { block: beforeNeurons })
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
    health,
    stake,
    pinned: { block, neurons: atBlock, before: { block: beforeNeurons, neurons: atStart } },
    axonRequests: requests,
  }
}

/** The seed's monitor_subnet_health. */
async function monitorSubnetHealth(hetu: HetuSubnet, netuid: number) {
  const [params, neurons, validators, miners, pool] = await Promise.all([
    hetu.getSubnetParams(netuid),
    hetu.getSubnetNeuronCount(netuid),
    hetu.getSubnetValidatorCount(netuid),
    hetu.getSubnetMinerCount(netuid),
    hetu.getPoolInfo(netuid),
  ])
  return {
    neurons,
    validators,
    miners,
    tempo: params.tempo,
    maxAllowedUids: params.maxAllowedUids,
    poolHetu: pool.subnetHetu,
  }
}

/** The seed's check_stake_status: global stake, then the allocation in every subnet that has one. */
async function checkStakeStatus(hetu: HetuSubnet, address: Address) {
  const [info, subnets] = await Promise.all([hetu.getStakeInfo(address), hetu.getSubnets()])
  const allocations = await Promise.all(
    subnets.map(async (netuid) => ({ netuid, ...(await hetu.getSubnetAllocation(address, netuid)) })),
  )
  return {
    totalStaked: info.totalStaked,
    available: info.available,
    allocations: allocations
      .filter((a) => a.allocated > 0n)
      .map((a) => ({ netuid: a.netuid, allocated: a.allocated })),
  }
}

runIfMain(import.meta.url, main)
