// Miners and a validator as long-running neurons, paid by the chain: `Miner` registers and serves,
// `Validator` queries, scores and sets weights, and at the subnet's next epoch the chain (here the
// localnet's emission module) mints Alpha to them according to those weights.
//
//   npx tsx examples/miner-validator.ts          (or against `npx hetu localnet`, which emits by default)
import { parseHetu, Synapse, Validator } from 'hetu-subnet'
import type { Address } from 'viem'
import { startComputeMiners } from './lib/compute.js'
import { type ExampleOptions, openNetwork } from './lib/network.js'
import { ExampleError, runIfMain } from './lib/run.js'

export async function main(options: ExampleOptions = {}) {
  const log = options.log ?? console.log
  // A localnet that emits: a block every 0.25 s (the real chain: ~6 s). rho 1 pays incentive in
  // proportion to the weights; the chain reads the contract's rho (≤ 1000) as ≤ 0.1, which pays every
  // miner with any weight nearly the same.
  await using net = await openNetwork(options, { emission: { blockTime: 0.25, epoch: { rho: 1 } } })
  if (!net.info.emission)
    throw new ExampleError(
      'this localnet does not play the chain’s reward part',
      'Start it with `npx hetu localnet` (emission is on by default), or run the example without HETU_RPC_URL.',
    )

  // A subnet with short epochs (every 10 blocks) and weights allowed every 5 blocks.
  const owner = await net.connect(0)
  // The chain mines on its own schedule: a registration right after start-up (or after another
  // one) may come before the network-wide rate limit allows it.
  await owner.waitForSubnetRateLimit()
  const { netuid } = await owner.registerSubnet({
    name: 'Neurons',
    description: 'Miner and Validator loops',
    tokenName: 'Neuron Alpha',
    tokenSymbol: 'NRN',
    hyperparams: { tempo: 9, immunityPeriod: 1, weightsRateLimit: 5n },
  })
  await owner.addSubnetMinter({ netuid }) // the chain may mint this subnet's Alpha…
  await owner.activateSubnet({ netuid }) // …once it is active
  log(`subnet ${netuid} active, epoch every 10 blocks`)

  // Three miners; the third one answers wrongly. Each registers itself (staking the threshold).
  const client = await net.connect()
  const miners = await startComputeMiners(client, netuid, [2, 3, 4].map(net.privateKey), {
    wrong: [net.privateKey(4)],
  })
  try {
    for (const m of miners) log(`miner ${m.address} ${m.registration?.outcome} at ${m.axon.url}`)

    // The validator registers too, then runs one step: select, query, agree, score, set weights.
    await using validator = await new Validator({
      client,
      netuid,
      hotkey: net.privateKey(1),
      stake: parseHetu('600'),
      task: ({ step }) => new Synapse({ completion: `add ${step} ${step * 10}` }),
      query: { timeoutMs: 5_000 },
    }).start()
    const step = await validator.step()
    log(
      `validator step ${step.step}: consensus ${JSON.stringify(step.aggregation.result)} (${step.aggregation.count}/${step.aggregation.total})`,
    )
    log(
      `  weights ${step.weights.map((w) => `${w.dest.slice(0, 8)}…=${w.weight}`).join(' ')} in block ${step.weightsSet?.blockNumber}`,
    )

    // The chain pays at the subnet's next epoch after the weights: wait for it.
    const weightsBlock = step.weightsSet?.blockNumber ?? 0n
    const payouts = net.emission
      ? await epochPayouts(net.emission, netuid, weightsBlock)
      : await alphaBalancesWhenPaid(client, netuid, [validator.address, ...miners.map((m) => m.address)])
    for (const [address, alpha] of Object.entries(payouts)) log(`  ${address}: ${alpha} Alpha`)
    if (net.info.rules === 'public')
      log(
        '  (public rules: the chain credits dividends to the neurons a validator weights, so a validator earns Alpha only when weighted itself; `--rules fixed` pays validators by stake-weighted bonds)',
      )
    const balances = Object.fromEntries(
      await Promise.all(
        [validator.address, ...miners.map((m) => m.address)].map(
          async (a) => [a, await client.getAlphaBalance(netuid, a)] as const,
        ),
      ),
    )
    return {
      netuid,
      consensus: step.aggregation.result,
      weights: step.weights,
      validator: validator.address,
      miners: miners.map((m) => m.address),
      alphaBalances: balances as Record<Address, bigint>,
    }
  } finally {
    await Promise.all(miners.map((m) => m.stop()))
  }
}

/** Alpha minted to each participant by the subnet's first epoch after `afterBlock` (emission report). */
async function epochPayouts(
  emission: NonNullable<Awaited<ReturnType<typeof openNetwork>>['emission']>,
  netuid: number,
  afterBlock: bigint,
): Promise<Record<string, string>> {
  const epoch = await emission.next('epoch', (e) => e.netuid === netuid && e.block > afterBlock)
  return Object.fromEntries(epoch.participants.map((p) => [p.address, formatAlpha(p.payout)]))
}

/** Without the emission module at hand (a localnet in another process): wait until Alpha arrives. */
async function alphaBalancesWhenPaid(
  client: Awaited<ReturnType<Awaited<ReturnType<typeof openNetwork>>['connect']>>,
  netuid: number,
  addresses: Address[],
): Promise<Record<string, string>> {
  for (let attempt = 0; attempt < 120; attempt++) {
    const balances = await Promise.all(addresses.map((a) => client.getAlphaBalance(netuid, a)))
    if (balances.some((b) => b > 0n))
      return Object.fromEntries(addresses.map((a, i) => [a, formatAlpha(balances[i]!)]))
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new ExampleError(
    'no Alpha was paid within a minute',
    'Is the localnet emitting (`npx hetu localnet` without --no-emission)?',
  )
}

function formatAlpha(wei: bigint): string {
  return (Number(wei) / 1e18).toFixed(4)
}

runIfMain(import.meta.url, main)
