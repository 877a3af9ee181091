import type { Cli } from '../../runtime/Cli.js'
import { hetu } from '../../runtime/format.js'
import { parseNetuid } from '../../runtime/parse.js'

/** `hetu neuron deregister <netuid>` */
export async function run(cli: Cli, netuidText: string, opts: { release?: boolean } = {}): Promise<void> {
  const netuid = parseNetuid(netuidText)
  const client = await cli.signer('hotkey')
  const done = await cli.step(`leaving subnet ${netuid}`, () =>
    client.deregisterNeuron({ netuid, release: opts.release === true }),
  )
  cli.result(done, () =>
    done.remainingAllocation > 0n
      ? `Left subnet ${netuid}; ${hetu(done.remainingAllocation)} is still allocated: \`hetu stake deallocate ${netuid} ${hetu(done.remainingAllocation, '').trim()}\` (or \`neuron deregister --release\` next time) frees it.`
      : done.released > 0n
        ? `Left subnet ${netuid} and freed the ${hetu(done.released)} that stayed allocated (tx ${done.hash}).`
        : `Left subnet ${netuid}; its allocation is available stake again (tx ${done.hash}).`,
  )
}
