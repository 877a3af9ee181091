import type { Cli } from '../../runtime/Cli.js'
import { hetu } from '../../runtime/format.js'
import { formatFields, formatTable } from '../../runtime/table.js'

/** `hetu stake info [address]`: totals plus every non-empty subnet allocation. */
export async function run(cli: Cli, addressText: string | undefined): Promise<void> {
  const address = await cli.address(addressText, 'hotkey')
  const client = await cli.connect()
  const [stake, netuids] = await Promise.all([client.getStakeInfo(address), client.getSubnets()])
  const perSubnet = await Promise.all(
    netuids.map(async (netuid) => ({ netuid, ...(await client.getSubnetAllocation(netuid, address)) })),
  )
  const allocations = perSubnet.filter((a) => a.allocated > 0n || a.cost > 0n)
  cli.result({ address, ...stake, allocations }, () => {
    const totals = formatFields([
      ['address', address],
      ['staked', hetu(stake.totalStaked)],
      ['allocated', hetu(stake.totalAllocated)],
      ['fees paid', hetu(stake.totalCost)],
      ['available', hetu(stake.available)],
    ])
    if (allocations.length === 0) return totals
    return `${totals}\n\n${formatTable(
      [
        { header: 'NETUID', align: 'right' },
        { header: 'ALLOCATED', align: 'right' },
        { header: 'FEE', align: 'right' },
        { header: 'SINCE BLOCK', align: 'right' },
      ],
      allocations.map((a) => [a.netuid, hetu(a.allocated), hetu(a.cost), a.lastUpdateBlock]),
    )}`
  })
}
