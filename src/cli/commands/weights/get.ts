import type { Cli } from '../../runtime/Cli.js'
import { parseNetuid } from '../../runtime/parse.js'
import { formatTable } from '../../runtime/table.js'

/** `hetu weights get <netuid> [validator]` */
export async function run(cli: Cli, netuidText: string, validatorText: string | undefined): Promise<void> {
  const netuid = parseNetuid(netuidText)
  const validator = await cli.address(validatorText, 'hotkey')
  const client = await cli.connect()
  const [, weights] = await Promise.all([client.getSubnetInfo(netuid), client.getWeights(netuid, validator)])
  cli.result({ netuid, validator, weights }, () =>
    weights.length === 0
      ? `${validator} has set no weights on subnet ${netuid}.`
      : formatTable(
          ['DEST', { header: 'WEIGHT', align: 'right' }, { header: 'SHARE', align: 'right' }],
          weights.map((w) => [w.dest, w.weight, `${(Number(w.weight) / 10_000).toFixed(2)}%`]),
        ),
  )
}
