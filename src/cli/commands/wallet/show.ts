import type { Address } from 'viem'
import type { Cli } from '../../runtime/Cli.js'
import { hetu } from '../../runtime/format.js'
import { formatTable } from '../../runtime/table.js'

/** `hetu wallet show [name]`: both keys' balances and stake, read in one batch. */
export async function run(cli: Cli, name: string | undefined): Promise<void> {
  const summary = await cli.walletSummary(name)
  const client = await cli.connect()
  const keys = (
    [
      ['coldkey', summary.coldkeyAddress],
      ['hotkey', summary.singleKey ? undefined : summary.hotkeyAddress],
    ] as const
  ).filter((entry): entry is readonly ['coldkey' | 'hotkey', Address] => entry[1] !== undefined)
  const rows = await Promise.all(
    keys.map(async ([key, address]) => {
      const [balances, stake] = await Promise.all([client.getBalances(address), client.getStakeInfo(address)])
      return { key, address, native: balances.native, whetu: balances.whetu, ...stake }
    }),
  )
  cli.result({ wallet: summary.name, network: client.network.name, keys: rows }, () =>
    formatTable(
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
    ),
  )
}
