import type { Cli } from '../../runtime/Cli.js'
import { CliArgumentError } from '../../runtime/errors.js'
import { parseNetuid } from '../../runtime/parse.js'
import { formatTable } from '../../runtime/table.js'
import { normalizeWeights, readWeights } from './parseWeights.js'

/** `hetu weights set <netuid> [address=weight…] [--file F] [--normalize]` (validator hotkey). */
export async function run(
  cli: Cli,
  netuidText: string,
  pairs: string[],
  opts: { file?: string; normalize?: boolean },
): Promise<void> {
  const netuid = parseNetuid(netuidText)
  const parsed = await readWeights(pairs, opts.file)
  if (parsed.length === 0)
    throw new CliArgumentError('weights', '', 'none given', 'Pass <address>=<weight> pairs or --file FILE.')
  const weights = opts.normalize ? normalizeWeights(parsed) : parsed
  const client = await cli.signer('hotkey')
  const done = await cli.step(`setting ${weights.length} weights on subnet ${netuid}`, () =>
    client.setWeights({ netuid, weights }),
  )
  cli.result(
    done,
    () =>
      `${formatTable(
        ['DEST', { header: 'WEIGHT', align: 'right' }, { header: 'SHARE', align: 'right' }],
        done.weights.map((w) => [w.dest, w.weight, `${(Number(w.weight) / 10_000).toFixed(2)}%`]),
      )}\n(tx ${done.hash})`,
  )
}
