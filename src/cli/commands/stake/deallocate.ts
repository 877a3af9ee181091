import type { Cli } from '../../runtime/Cli.js'
import { hetu } from '../../runtime/format.js'
import { parseAmount, parseNetuid } from '../../runtime/parse.js'

/** `hetu stake deallocate <netuid> <amount>` */
export async function run(cli: Cli, netuidText: string, amountText: string): Promise<void> {
  const netuid = parseNetuid(netuidText)
  const amount = parseAmount(amountText)
  const client = await cli.signer('hotkey')
  const done = await cli.step(`deallocating ${hetu(amount)} from subnet ${netuid}`, () =>
    client.deallocateFromSubnet({ netuid, amount }),
  )
  cli.result(done, () => `Took ${hetu(amount)} back from subnet ${netuid} (tx ${done.hash}).`)
}
