import { HetuError } from '../../../errors.js'
import type { Cli } from '../../runtime/Cli.js'
import { axonOf, hetu } from '../../runtime/format.js'
import { parseNetuid } from '../../runtime/parse.js'
import { formatFields } from '../../runtime/table.js'

/** `hetu neuron info <netuid> [address]` */
export async function run(cli: Cli, netuidText: string, addressText: string | undefined): Promise<void> {
  const netuid = parseNetuid(netuidText)
  const address = await cli.address(addressText, 'hotkey')
  const client = await cli.connect()
  const [info, allocation] = await Promise.all([
    client.getNeuronInfo(netuid, address),
    client.getSubnetAllocation(netuid, address),
  ])
  if (!info)
    throw new HetuError('NEURON_NOT_REGISTERED', `${address} is not a neuron of subnet ${netuid}.`, {
      hint: `See the subnet's neurons with \`hetu neuron list ${netuid}\`.`,
    })
  cli.result({ ...info, allocation }, () =>
    formatFields([
      ['neuron', info.account],
      ['subnet', info.netuid],
      ['role', info.isValidator ? 'validator' : 'miner'],
      ['active', info.isActive],
      ['stake', hetu(info.stake)],
      ['allocated', hetu(allocation.allocated)],
      ['axon', axonOf(info)],
      ['prometheus', info.prometheusPort ? `${info.prometheusEndpoint}:${info.prometheusPort}` : '-'],
      ['registered at block', info.registrationBlock],
      ['last update', new Date(Number(info.lastUpdate) * 1000).toISOString()],
    ]),
  )
}
