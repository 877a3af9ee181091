import type { Cli } from '../../runtime/Cli.js'
import { hetu } from '../../runtime/format.js'
import { parseAmount } from '../../runtime/parse.js'

/** `hetu stake remove <amount>`: available (unallocated) stake back to WHETU. */
export async function run(cli: Cli, amountText: string): Promise<void> {
  const amount = parseAmount(amountText)
  const client = await cli.signer('hotkey')
  const done = await cli.step(`unstaking ${hetu(amount)}`, () => client.removeGlobalStake({ amount }))
  cli.result(done, () => `Unstaked ${hetu(amount)} to ${done.from} as WHETU (tx ${done.hash}).`)
}
