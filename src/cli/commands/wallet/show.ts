import type { Address } from 'viem'
import type { Cli } from '../../runtime/Cli.js'
import { hetu } from '../../runtime/format.js'
import { formatTable } from '../../runtime/table.js'

/**
 * `hetu wallet show [name]`: both keys' native HETU, WHETU, stake, and the Alpha they hold on each
 * subnet (where rewards are paid), read concurrently in one JSON-RPC batch.
 */
export async function run(cli: Cli, name: string | undefined): Promise<void> {
  const summary = await cli.walletSummary(name)
  const client = await cli.connect()
  const keys = (
    [
      ['coldkey', summary.coldkeyAddress],
      ['hotkey', summary.singleKey ? undefined : summary.hotkeyAddress],
    ] as const
  ).filter((entry): entry is readonly ['coldkey' | 'hotkey', Address] => entry[1] !== undefined)
  const netuids = await client.getSubnets()
  const rows = await Promise.all(
    keys.map(async ([key, address]) => {
      const [balances, stake, alphas] = await Promise.all([
        client.getBalances(address),
        client.getStakeInfo(address),
        Promise.all(
          netuids.map(async (netuid) => ({ netuid, balance: await client.getAlphaBalance(netuid, address) })),
        ),
      ])
      const alpha = alphas.filter((a) => a.balance > 0n)
      return { key, address, native: balances.native, whetu: balances.whetu, ...stake, alpha }
    }),
  )
  cli.result({ wallet: summary.name, network: client.network.name, keys: rows }, () => {
    const table = formatTable(
      [
        'KEY',
        'ADDRESS',
        { header: 'HETU', align: 'right' },
        { header: 'WHETU', align: 'right' },
        { header: 'STAKED', align: 'right' },
        { header: 'AVAILABLE', align: 'right' },
      ],
      rows.map((r) => [
        summary.singleKey ? 'both' : r.key,
        r.address,
        hetu(r.native, ''),
        hetu(r.whetu, ''),
        hetu(r.totalStaked, ''),
        hetu(r.available, ''),
      ]),
    )
    const alpha = rows.flatMap((r) =>
      r.alpha.map((a) => [summary.singleKey ? 'both' : r.key, a.netuid, hetu(a.balance, '')]),
    )
    if (alpha.length === 0) return table
    return `${table}\n\n${formatTable(['KEY', { header: 'NETUID', align: 'right' }, { header: 'ALPHA', align: 'right' }], alpha)}`
  })
}
