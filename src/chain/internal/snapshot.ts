import type { MulticallReturnType } from 'viem'
import { Multicall3Abi } from '../abi/index.js'
import { getCurrentBlock } from '../actions/block/getCurrentBlock.js'
import { getSubnetInfo } from '../actions/subnet/getSubnetInfo.js'
import type { HetuBaseClient } from '../client/types.js'
import { readMany, withMulticall } from './read.js'

/**
 * {@link readMany} that also says which block it read: with `blockNumber` given, that block; otherwise
 * Multicall3's `getBlockNumber()` rides in the same aggregate, so the reads and the block number come
 * from one state in one round trip (later reads pinned to it see the same chain). Without a Multicall3
 * the block number is asked for first.
 */
export async function readManyAtBlock<const contracts extends readonly unknown[]>(
  client: HetuBaseClient,
  action: string,
  contracts: contracts,
  blockNumber?: bigint,
): Promise<{ blockNumber: bigint; results: MulticallReturnType<contracts, false> }> {
  if (blockNumber === undefined) {
    const read = await withMulticall(
      client,
      async (multicall3) => {
        const all = (await readMany(client, action, {
          contracts: [
            ...(contracts as readonly unknown[]),
            { address: multicall3, abi: Multicall3Abi, functionName: 'getBlockNumber' },
          ],
        } as never)) as unknown[]
        const block = all.pop() as bigint
        return { blockNumber: block, results: all as MulticallReturnType<contracts, false> }
      },
      async () => undefined,
    )
    if (read) return read
  }
  const pinned = blockNumber ?? (await getCurrentBlock(client))
  const results = (await readMany(client, action, {
    contracts,
    blockNumber: pinned,
  } as never)) as MulticallReturnType<contracts, false>
  return { blockNumber: pinned, results }
}

/**
 * A multicall hides which call reverted: asking for the subnet on its own turns a missing subnet into
 * SubnetNotFoundError (with the netuid). Anything else is rethrown as it was.
 */
export async function subnetReadFailed(
  client: HetuBaseClient,
  netuid: number,
  blockNumber: bigint | undefined,
  err: unknown,
): Promise<never> {
  await getSubnetInfo(client, { netuid, blockNumber })
  throw err
}
