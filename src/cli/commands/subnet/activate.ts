import type { Cli } from '../../runtime/Cli.js'
import { parseNetuid } from '../../runtime/parse.js'

/** `hetu subnet activate <netuid>` (owner, coldkey). */
export async function run(cli: Cli, netuidText: string): Promise<void> {
  const netuid = parseNetuid(netuidText)
  const client = await cli.signer('coldkey')
  const done = await cli.step(`activating subnet ${netuid}`, () => client.activateSubnet({ netuid }))
  cli.result(done, () => `Subnet ${netuid} is active from block ${done.activatedAtBlock} (tx ${done.hash}).`)
}
