import type { Cli } from '../../runtime/Cli.js'
import { hetu } from '../../runtime/format.js'
import { parseInteger, parseNetuid } from '../../runtime/parse.js'
import { formatTable } from '../../runtime/table.js'

/**
 * `hetu metagraph <netuid> [--block N]`: every neuron with its role, stake, endpoint and Alpha held
 * (what rewards pay into), read at one block so the rows agree with each other.
 */
export async function run(cli: Cli, netuidText: string, opts: { block?: string }): Promise<void> {
  const netuid = parseNetuid(netuidText)
  const client = await cli.connect()
  const block =
    opts.block === undefined ? await client.getCurrentBlock() : BigInt(parseInteger(opts.block, 'block'))
  const at = { blockNumber: block }
  const [info, neurons] = await Promise.all([
    client.getSubnetInfo(netuid, at),
    client.getSubnetNeurons(netuid, at),
  ])
  const alpha = await Promise.all(neurons.map((n) => client.getAlphaBalance(netuid, n.account, at)))
  const rows = neurons.map((n, i) => ({ ...n, alphaBalance: alpha[i]! }))
  const totalStake = rows.reduce((sum, n) => sum + n.stake, 0n)
  cli.result({ netuid, name: info.name, block, totalStake, neurons: rows }, () =>
    [
      `Subnet ${netuid} "${info.name}" at block ${block}: ${rows.length} neurons (${rows.filter((n) => n.isValidator).length} validators), ${hetu(totalStake)} staked`,
      rows.length === 0
        ? ''
        : formatTable(
            [
              { header: '#', align: 'right' },
              'ADDRESS',
              'ROLE',
              'ACTIVE',
              { header: 'STAKE', align: 'right' },
              { header: 'ALPHA', align: 'right' },
              'AXON',
              { header: 'REG BLOCK', align: 'right' },
            ],
            rows.map((n, i) => [
              i,
              n.account,
              n.isValidator ? 'validator' : 'miner',
              n.isActive,
              hetu(n.stake, ''),
              hetu(n.alphaBalance, ''),
              `${n.axonEndpoint}:${n.axonPort}`,
              n.registrationBlock,
            ]),
          ),
    ]
      .filter(Boolean)
      .join('\n'),
  )
}
