import type { Cli } from '../../runtime/Cli.js'
import { hetu } from '../../runtime/format.js'
import { parseAmount } from '../../runtime/parse.js'

/** `hetu stake add <amount>` (hotkey: the account that registers must hold the stake). */
export async function run(cli: Cli, amountText: string): Promise<void> {
  const amount = parseAmount(amountText)
  const client = await cli.signer('hotkey')
  const done = await cli.step(
    `staking ${hetu(amount)}`,
    () => client.addGlobalStake({ amount }),
    (r) => (r.prerequisites.length ? `after ${r.prerequisites.map((p) => p.step).join(', ')}` : 'done'),
  )
  cli.result(done, () => `Staked ${hetu(amount)} from ${done.from} (tx ${done.hash}).`)
}
