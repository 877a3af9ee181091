import { getSubnetNeuronCount } from '../../../chain/actions/neuron/getSubnetNeuronCount.js'
import { getSubnetDetails } from '../../../chain/actions/subnet/getSubnetDetails.js'
import { hetu, price } from '../../runtime/format.js'
import { parseNetuid } from '../../runtime/parse.js'
import type { ReadCli } from '../../runtime/ReadCli.js'
import { formatFields } from '../../runtime/table.js'

/** `hetu subnet info <netuid>` */
export async function run(cli: ReadCli, netuidText: string): Promise<void> {
  const netuid = parseNetuid(netuidText)
  const client = await cli.reader()
  const [details, neurons] = await Promise.all([
    getSubnetDetails(client, { netuid }),
    getSubnetNeuronCount(client, { netuid }),
  ])
  const { info } = details
  cli.result({ ...details, neuronCount: neurons }, () =>
    formatFields([
      ['netuid', info.netuid],
      ['name', info.name],
      ['description', info.description || '-'],
      ['owner', info.owner],
      ['active', info.isActive],
      ['created', new Date(Number(info.createdAt) * 1000).toISOString()],
      ['neurons', neurons],
      ['alpha token', info.alphaToken],
      ['AMM pool', info.ammPool],
      ['locked', hetu(info.lockedAmount)],
      ['burned', hetu(info.burnedAmount)],
      ['HETU reserve', hetu(details.hetuReserve)],
      ['Alpha reserve', hetu(details.alphaReserve, 'Alpha')],
      ['spot price', `${price(details.spotPrice)} HETU per Alpha`],
      ['volume', hetu(details.totalVolume)],
    ]),
  )
}
