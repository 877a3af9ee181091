import type { Cli } from '../../runtime/Cli.js'
import { hetu, price, short } from '../../runtime/format.js'
import { formatTable } from '../../runtime/table.js'

/** `hetu subnet list` */
export async function run(cli: Cli): Promise<void> {
  const client = await cli.connect()
  const subnets = await client.getAllSubnetDetails()
  const rows = subnets.map((d) => ({
    ...d.info,
    spotPrice: d.spotPrice,
    hetuReserve: d.hetuReserve,
    alphaReserve: d.alphaReserve,
  }))
  cli.result({ network: client.network.name, subnets: rows }, () =>
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
