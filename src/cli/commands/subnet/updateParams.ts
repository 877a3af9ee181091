import type { Cli } from '../../runtime/Cli.js'
import { CliArgumentError } from '../../runtime/errors.js'
import { parseNetuid } from '../../runtime/parse.js'
import { formatFields } from '../../runtime/table.js'
import { hyperparamRows, readHyperparams } from './hyperparams.js'

/** `hetu subnet update-params <netuid> --set k=v…` (owner, coldkey). */
export async function run(
  cli: Cli,
  netuidText: string,
  opts: { set?: string[]; paramsFile?: string },
): Promise<void> {
  const netuid = parseNetuid(netuidText)
  const params = await readHyperparams(opts.set, opts.paramsFile)
  if (Object.keys(params).length === 0)
    throw new CliArgumentError(
      'parameters',
      '',
      'nothing to change',
      'Pass --set key=value or --params-file FILE.',
    )
  const client = await cli.signer('coldkey')
  const done = await cli.step(`updating subnet ${netuid}: ${Object.keys(params).join(', ')}`, () =>
    client.updateSubnetParams({ netuid, params }),
  )
  cli.result(done, () => `${formatFields(hyperparamRows(done.params))}\n(tx ${done.hash})`)
}
