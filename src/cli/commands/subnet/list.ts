import { getAllSubnetDetails } from '../../../chain/actions/subnet/getAllSubnetDetails.js'
import { hetu, price, short } from '../../runtime/format.js'
import type { ReadCli } from '../../runtime/ReadCli.js'
import { formatTable } from '../../runtime/table.js'

/** `hetu subnet list` */
export async function run(cli: ReadCli): Promise<void> {
  const client = await cli.reader()
  const subnets = await getAllSubnetDetails(client)
  const rows = subnets.map((d) => ({
    ...d.info,
    spotPrice: d.spotPrice,
    hetuReserve: d.hetuReserve,
    alphaReserve: d.alphaReserve,
  }))
  cli.result({ network: client.hetu.network.name, subnets: rows }, () =>
    rows.length === 0
      ? 'No subnets yet. Create one with `hetu subnet register`.'
      : formatTable(
          [
            { header: 'NETUID', align: 'right' },
            'NAME',
            'OWNER',
            'ACTIVE',
            { header: 'LOCKED', align: 'right' },
            { header: 'PRICE', align: 'right' },
          ],
          rows.map((s) => [
            s.netuid,
            s.name,
            short(s.owner),
            s.isActive,
            hetu(s.lockedAmount),
            price(s.spotPrice),
          ]),
        ),
  )
}
