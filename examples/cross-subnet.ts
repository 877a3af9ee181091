// Cross-subnet discovery and stake moves (the seed's discover_cross_subnet_services and
// transfer_between_subnets): find which miners of another subnet offer a service, call it, and move
// allocated stake from one subnet to another.
//
//   npx tsx examples/cross-subnet.ts
import {
  Axon,
  Dendrite,
  type DiscoveryDocument,
  defineSynapse,
  formatHetu,
  type HetuSubnet,
  type NeuronInfo,
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

    // 1. Discover Reverse services from subnet A's point of view: B has two, C is not active.
    const client = await net.connect(1)
    const inB = await discoverCrossSubnetServices(client, subnetB, 'Reverse', log)
    const inC = await discoverCrossSubnetServices(client, subnetC, 'Reverse', log)
    log(`Reverse in subnet ${subnetB}: ${inB.map((n) => n.account).join(', ')}`)

    // 2. Use them.
    await using dendrite = new Dendrite({ hotkey: net.privateKey(1) })
    const answers = await dendrite.query(inB, new Reverse({ text: 'hetu subnets' }))
    for (const a of answers) log(`  ${a.axon.hotkey}: "${a.reversed}"`)

    // 3. Move 100 HETU of dev 4's stake from A to B, where it is also a neuron (the seed's
    //    transfer_between_subnets = deallocate there, allocate here).
    const allocations = async () => ({
      a: (await both.getSubnetAllocation(undefined, subnetA)).allocated,
      b: (await both.getSubnetAllocation(undefined, subnetB)).allocated,
    })
    const before = await allocations()
    const moved = await both.transferBetweenSubnets({
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
      reverseServices: { [subnetB]: inB.map((n) => n.account), [subnetC]: inC.map((n) => n.account) },
      answers: answers.map((a) => ({ from: a.axon.hotkey, reversed: a.reversed, status: a.statusCode })),
      stakeMove: { account: both.address, amount: moved.amount, before, after },
    }
  } finally {
    await Promise.all(axons.map((axon) => axon.stop()))
  }
}

/**
 * Miners of `netuid` serving `serviceType`: the subnet must be active; each miner's axon says what it
 * serves at `GET /` (its discovery document). Unreachable miners are skipped.
 */
async function discoverCrossSubnetServices(
  hetu: HetuSubnet,
  netuid: number,
  serviceType: string,
  log: (line: string) => void,
): Promise<NeuronInfo[]> {
  const subnet = await hetu.getSubnetInfo(netuid)
  if (!subnet.isActive) {
    log(`subnet ${netuid} is not active`)
    return []
  }
  const miners = (await hetu.getSubnetNeurons(netuid)).filter((n) => n.isActive && !n.isValidator)
  const serving = await Promise.all(
    miners.map(async (miner) => {
      try {
        const response = await fetch(`http://${miner.axonEndpoint}:${miner.axonPort}/`, {
          signal: AbortSignal.timeout(2_000),
        })
        const document = (await response.json()) as DiscoveryDocument
        return document.synapses.some((s) => s.name === serviceType)
      } catch {
        return false
      }
    }),
  )
  return miners.filter((_, i) => serving[i])
}

runIfMain(import.meta.url, main)
