import type { Cli } from '../../runtime/Cli.js'
import { parseNetuid } from '../../runtime/parse.js'
import { formatFields } from '../../runtime/table.js'
import { hyperparamRows } from './hyperparams.js'

/** `hetu subnet params <netuid>` */
export async function run(cli: Cli, netuidText: string): Promise<void> {
  const netuid = parseNetuid(netuidText)
  const client = await cli.connect()
  const params = await client.getSubnetParams(netuid)
  cli.result({ netuid, params }, () => formatFields(hyperparamRows(params)))
}
