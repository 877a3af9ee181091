import type { Cli } from '../../runtime/Cli.js'
import { hetu } from '../../runtime/format.js'
import { parseAmount, parseNetuid } from '../../runtime/parse.js'

/** `hetu stake allocate <netuid> <amount>`: sets (not adds to) the subnet's allocation. */
export async function run(
  cli: Cli,
  netuidText: string,
  amountText: string,
  opts: { force?: boolean },
): Promise<void> {
  const netuid = parseNetuid(netuidText)
  const amount = parseAmount(amountText, 'amount', { allowZero: true })
  const client = await cli.signer('hotkey')
  const done = await cli.step(`allocating ${hetu(amount)} to subnet ${netuid}`, () =>
    client.allocateToSubnet({ netuid, amount, force: opts.force === true }),
  )
  cli.result(
    done,
    () => `Subnet ${netuid} allocation: ${hetu(done.previous)} → ${hetu(done.allocated)} (tx ${done.hash}).`,
  )
}
