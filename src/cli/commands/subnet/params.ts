import { getSubnetParams } from '../../../chain/actions/subnet/getSubnetParams.js'
import { parseNetuid } from '../../runtime/parse.js'
import type { ReadCli } from '../../runtime/ReadCli.js'
import { formatFields } from '../../runtime/table.js'
import { hyperparamRows } from './hyperparams.js'

/** `hetu subnet params <netuid>` */
export async function run(cli: ReadCli, netuidText: string): Promise<void> {
  const netuid = parseNetuid(netuidText)
  const client = await cli.reader()
  const params = await getSubnetParams(client, { netuid })
  cli.result({ netuid, params }, () => formatFields(hyperparamRows(params)))
}
