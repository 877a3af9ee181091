import type { Cli } from '../../runtime/Cli.js'
import { hetu } from '../../runtime/format.js'
import { parseAmount, parseNetuid } from '../../runtime/parse.js'

/** `hetu stake move <from> <to> <amount>` (netuids) */
export async function run(
  cli: Cli,
  fromText: string,
  toText: string,
  amountText: string,
  opts: { force?: boolean },
): Promise<void> {
  const fromNetuid = parseNetuid(fromText)
  const toNetuid = parseNetuid(toText)
  const amount = parseAmount(amountText)
  const client = await cli.signer('hotkey')
  const done = await cli.step(`moving ${hetu(amount)} from subnet ${fromNetuid} to ${toNetuid}`, () =>
    client.moveStake({ fromNetuid, toNetuid, amount, force: opts.force === true }),
  )
  cli.result(
    done,
    () => `Moved ${hetu(amount)}; subnet ${toNetuid} now has ${hetu(done.allocated)} allocated.`,
  )
}
