// Cross-subnet discovery and stake moves (the Python SDK README's discover_cross_subnet_services and
// transfer_between_subnets): find which miners of another subnet offer a service, call it, and move
// allocated stake from one subnet to another.
//
//   npx tsx examples/cross-subnet.ts
import {
  Axon,
  Dendrite,
  type DiscoveredService,
  defineSynapse,
  formatHetu,
  type HetuSubnet,
  parseHetu,
} from 'hetu-subnet'
import { z } from 'zod'
import { computeService } from './lib/compute.js'
import { type ExampleOptions, openNetwork } from './lib/network.js'
import { runIfMain } from './lib/run.js'

/** Subnet B's service: reverse a text. */
const Reverse = defineSynapse({
  name: 'Reverse',
  request: z.object({ text: z.string().max(1_000) }),
  response: z.object({ reversed: z.string() }),
})

export async function main(options: ExampleOptions = {}) {
  const log = options.log ?? console.log
  await using net = await openNetwork(options)
  const owner = await net.connect(0)

  // Three subnets: A computes, B reverses text, C is created but never activated.
  const create = async (name: string, symbol: string, activate: boolean) => {
    const { netuid } = await owner.registerSubnet({
      name,
      description: '',
      tokenName: name,
      tokenSymbol: symbol,
    })
    if (activate) await owner.activateSubnet({ netuid })
    return netuid
  }
  const subnetA = await create('Compute', 'CMP', true)
  const subnetB = await create('Text', 'TXT', true)
  const subnetC = await create('Dormant', 'DRM', false)
  log(`subnets: A=${subnetA} (compute), B=${subnetB} (text), C=${subnetC} (inactive)`)

  // Miners: dev 2 serves compute in A; dev 3 serves Reverse in B; dev 4 serves both, in both subnets.
  const axons: Axon[] = []
  try {
    const serve = async (
      account: number,
      services: ('compute' | 'reverse')[],
      stakes: [number, string][],
    ) => {
      const axon = new Axon({ hotkey: net.privateKey(account), ip: '127.0.0.1', port: 0, prometheus: false })
      if (services.includes('compute')) axon.attach(computeService)
      if (services.includes('reverse'))
        axon.attach(Reverse, (s) => ({ reversed: [...s.text].reverse().join('') }))
      axons.push(await axon.start())
      const miner = await net.connect(account)
      for (const [netuid, stake] of stakes)
        await miner.registerNeuron({
          netuid,
          isValidatorRole: false,
          axonEndpoint: '127.0.0.1',
          axonPort: axon.port,
          stake: parseHetu(stake),
        })
      return miner
    }
    await serve(2, ['compute'], [[subnetA, '200']])
    await serve(3, ['reverse'], [[subnetB, '200']])
    const both = await serve(
      4,
      ['compute', 'reverse'],
      [
        [subnetA, '300'],
        [subnetB, '200'],
      ],
    )

    // 1. A client looks for Reverse services: in B there are two, C is not active.
    const client = await net.connect(1)
    const inB = await discoverCrossSubnetServices(client, subnetB, 'Reverse', log)
    const inC = await discoverCrossSubnetServices(client, subnetC, 'Reverse', log)
    log(`Reverse in subnet ${subnetB}: ${inB.map((s) => s.hotkey).join(', ')}`)
    // Without a netuid, discoverServices looks through every active subnet.
    const everywhere = await client.discoverServices({ synapseName: 'Reverse' })
    log(`Reverse anywhere: ${everywhere.map((s) => `${s.hotkey.slice(0, 8)}… in ${s.netuid}`).join(', ')}`)

    // 2. Use them.
    await using dendrite = new Dendrite({ hotkey: net.privateKey(1) })
    const answers = await dendrite.query(
      inB.map((s) => s.axon),
      new Reverse({ text: 'hetu subnets' }),
    )
    for (const a of answers) log(`  ${a.axon.hotkey}: "${a.reversed}"`)

    // 3. Move 100 HETU of dev 4's stake from A to B, where it is also a neuron (the Python SDK's
    //    transfer_between_subnets = deallocate there, allocate here).
    const allocations = async () => ({
      a: (await both.getSubnetAllocation(subnetA)).allocated,
      b: (await both.getSubnetAllocation(subnetB)).allocated,
    })
    const before = await allocations()
    const moved = await both.moveStake({
      fromNetuid: subnetA,
      toNetuid: subnetB,
      amount: parseHetu('100'),
    })
    const after = await allocations()
    log(
      `moved ${formatHetu(moved.amount)} HETU: subnet ${subnetA} ${formatHetu(before.a)} → ${formatHetu(after.a)}, subnet ${subnetB} ${formatHetu(before.b)} → ${formatHetu(after.b)}`,
    )

    return {
      subnets: { a: subnetA, b: subnetB, c: subnetC },
      reverseServices: { [subnetB]: inB.map((s) => s.hotkey), [subnetC]: inC.map((s) => s.hotkey) },
      reverseAnywhere: everywhere.map((s) => ({ netuid: s.netuid, hotkey: s.hotkey })),
      answers: answers.map((a) => ({ from: a.axon.hotkey, reversed: a.reversed, status: a.statusCode })),
      stakeMove: { account: both.address, amount: moved.amount, before, after },
    }
  } finally {
    await Promise.all(axons.map((axon) => axon.stop()))
  }
}

/**
 * The Python SDK README's discover_cross_subnet_services: the subnet must be active; then its neurons whose
 * axon says (at `GET /`, checked against their hotkey on chain) that it serves `serviceType`.
 */
async function discoverCrossSubnetServices(
  hetu: HetuSubnet,
  netuid: number,
  serviceType: string,
  log: (line: string) => void,
): Promise<DiscoveredService[]> {
  const subnet = await hetu.getSubnetInfo(netuid)
  if (!subnet.isActive) {
    log(`subnet ${netuid} is not active`)
    return []
  }
  return hetu.discoverServices({ netuid, synapseName: serviceType, role: 'miner' })
}

runIfMain(import.meta.url, main)
