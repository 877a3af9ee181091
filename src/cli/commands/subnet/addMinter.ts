import type { Cli } from '../../runtime/Cli.js'
import { parseAddress, parseNetuid } from '../../runtime/parse.js'

/** `hetu subnet add-minter <netuid> [--minter address]` (owner, coldkey). */
export async function run(cli: Cli, netuidText: string, opts: { minter?: string }): Promise<void> {
  const netuid = parseNetuid(netuidText)
  const minter = opts.minter === undefined ? undefined : parseAddress(opts.minter, 'minter')
  const client = await cli.signer('coldkey')
  const done = await cli.step(`adding a minter to subnet ${netuid}`, () =>
    client.addSubnetMinter({ netuid, ...(minter && { minter }) }),
  )
  cli.result(done, () => `${done.minter} may now mint subnet ${netuid}'s Alpha (tx ${done.hash}).`)
}
