import type { Cli } from '../../runtime/Cli.js'
import { hetu, price } from '../../runtime/format.js'
import { parseNetuid } from '../../runtime/parse.js'
import { formatFields } from '../../runtime/table.js'

/** `hetu subnet info <netuid>` */
export async function run(cli: Cli, netuidText: string): Promise<void> {
  const netuid = parseNetuid(netuidText)
  const client = await cli.connect()
  const [details, neurons] = await Promise.all([
    client.getSubnetDetails(netuid),
    client.getSubnetNeuronCount(netuid),
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
