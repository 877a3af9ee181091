import type { Cli } from '../../runtime/Cli.js'
import { hetu } from '../../runtime/format.js'
import { parseNetuid } from '../../runtime/parse.js'

/** `hetu neuron deregister <netuid>` */
export async function run(cli: Cli, netuidText: string): Promise<void> {
  const netuid = parseNetuid(netuidText)
  const client = await cli.signer('hotkey')
  const done = await cli.step(`leaving subnet ${netuid}`, () => client.deregisterNeuron({ netuid }))
  cli.result(done, () =>
    done.remainingAllocation > 0n
      ? `Left subnet ${netuid}; ${hetu(done.remainingAllocation)} is still allocated: \`hetu stake deallocate ${netuid} ${hetu(done.remainingAllocation, '').trim()}\` frees it.`
      : `Left subnet ${netuid}; its allocation is available stake again (tx ${done.hash}).`,
  )
}
