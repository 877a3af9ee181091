import { metagraphRows } from '../../../metagraph/rows.js'
import type { Cli } from '../../runtime/Cli.js'
import { count, hetu } from '../../runtime/format.js'
import { parseInteger, parseNetuid } from '../../runtime/parse.js'
import { formatTable } from '../../runtime/table.js'

/**
 * `hetu metagraph <netuid> [--block N]`: the subnet's Metagraph (one consistent read of neurons,
 * stakes, Alpha balances and weights) with the incentive, dividends and next-epoch emission a local
 * epoch over those weights gives.
 */
export async function run(cli: Cli, netuidText: string, opts: { block?: string }): Promise<void> {
  const netuid = parseNetuid(netuidText)
  const block = opts.block === undefined ? undefined : parseInteger(opts.block, 'block')
  const [client, target] = await Promise.all([cli.connect(), cli.target()])
  // A localnet plays the chain's part with its own settings: its --tempo overrides every subnet's
  // tempo parameter, and its rule set decides payouts and dividends. The local epoch uses the same.
  // (An explicit --rpc-url's info file is not probed: it counts when the chain is the one it records.)
  const emission = target.localnet?.chainId === client.network.chainId ? target.localnet.emission : undefined
  const epochTempo = emission?.tempo ?? undefined
  const graph = await client.getMetagraph(netuid, {
    ...(block !== undefined && { blockNumber: block }),
    ...(emission && {
      epoch: {
        payout: emission.payout,
        dividends: emission.dividends,
        ...(epochTempo !== undefined && { tempo: epochTempo }),
      },
    }),
  })
  const neurons = metagraphRows(graph).map((n) => ({
    ...n,
    registrationBlock: graph.neurons[n.uid]!.registrationBlock,
    weights: n.isValidator
      ? graph.weightsOf(n.uid).map((w) => ({ uid: w.uid, hotkey: w.hotkey, weight: w.weight }))
      : [],
  }))
  const data = {
    netuid,
    name: graph.subnet.name,
    block: graph.block,
    tempo: graph.params.tempo,
    /** The tempo epochs really follow: the localnet's --tempo when it overrides the subnet's. */
    epochTempo: epochTempo ?? graph.params.tempo,
    totalStake: graph.totalStake,
    neurons,
  }
  cli.result(data, () =>
    [
      `Subnet ${netuid} "${graph.subnet.name}" at block ${graph.block}: ${count(neurons.length, 'neuron')} (${count(graph.validators.length, 'validator')}), ${hetu(graph.totalStake)} staked, ${describeTempo(graph.params.tempo, epochTempo)}`,
      neurons.length === 0
        ? ''
        : formatTable(
            [
              { header: 'UID', align: 'right' },
              'HOTKEY',
              'ROLE',
              'ACTIVE',
              { header: 'STAKE', align: 'right' },
              { header: 'ALPHA', align: 'right' },
              { header: 'INCENTIVE', align: 'right' },
              { header: 'DIVIDENDS', align: 'right' },
              { header: 'EMISSION (ALPHA/EPOCH)', align: 'right' },
              'AXON',
            ],
            neurons.map((n) => [
              n.uid,
              n.hotkey,
              n.isValidator ? 'validator' : 'miner',
              n.active,
              hetu(n.stake, ''),
              hetu(n.alphaBalance, ''),
              n.incentive.toFixed(4),
              n.dividends.toFixed(4),
              hetu(n.emission, ''),
              n.axon || '-',
            ]),
          ),
    ]
      .filter(Boolean)
      .join('\n'),
  )
}

/** The epoch length, and where it comes from when a localnet overrides the subnet's parameter. */
function describeTempo(parameter: number, localnet: number | undefined): string {
  if (localnet === undefined || localnet === parameter)
    return `tempo ${parameter} (an epoch every ${parameter + 1} blocks)`
  return `tempo ${localnet} (an epoch every ${localnet + 1} blocks: the localnet's --tempo; the subnet's parameter says ${parameter})`
}
