import { getSubnetNeurons } from '../../../chain/actions/neuron/getSubnetNeurons.js'
import { getSubnetInfo } from '../../../chain/actions/subnet/getSubnetInfo.js'
import { CliArgumentError } from '../../runtime/errors.js'
import { axonOf, hetu } from '../../runtime/format.js'
import { parseNetuid } from '../../runtime/parse.js'
import type { ReadCli } from '../../runtime/ReadCli.js'
import { formatTable } from '../../runtime/table.js'

/** `hetu neuron list <netuid> [--role miner|validator]` */
export async function run(cli: ReadCli, netuidText: string, opts: { role?: string }): Promise<void> {
  const netuid = parseNetuid(netuidText)
  if (opts.role !== undefined && opts.role !== 'miner' && opts.role !== 'validator')
    throw new CliArgumentError('--role', opts.role, 'expected miner or validator')
  const client = await cli.reader()
  // The subnet read makes an unknown netuid an error instead of an empty list.
  const [, all] = await Promise.all([getSubnetInfo(client, { netuid }), getSubnetNeurons(client, { netuid })])
  const neurons =
    opts.role === undefined ? all : all.filter((n) => n.isValidator === (opts.role === 'validator'))
  cli.result({ netuid, neurons }, () =>
    neurons.length === 0
      ? `No ${opts.role ?? 'neuron'}s on subnet ${netuid}.`
      : formatTable(
          ['ADDRESS', 'ROLE', 'ACTIVE', { header: 'STAKE', align: 'right' }, 'AXON'],
          neurons.map((n) => [
            n.account,
            n.isValidator ? 'validator' : 'miner',
            n.isActive,
            hetu(n.stake),
            axonOf(n),
          ]),
        ),
  )
}
