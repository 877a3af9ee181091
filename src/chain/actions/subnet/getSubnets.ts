import { SubnetManagerAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { contractAddress } from '../../internal/context.js'
import { readHetu, readMany } from '../../internal/read.js'
import type { ReadOptions } from '../../types/read.js'

export type GetSubnetsParameters = ReadOptions
export type GetSubnetsReturnType = number[]
export type GetSubnetsErrorType = RpcUnavailableError

/**
 * Netuids of all registered subnets, ascending. Netuids start at 1 and are never reused or deleted, so
 * they are the ids below `getNextNetuid()` that exist (checked in one multicall: a squatted id is skipped).
 */
export async function getSubnets(
  client: HetuBaseClient,
  { blockNumber }: GetSubnetsParameters = {},
): Promise<GetSubnetsReturnType> {
  const address = contractAddress(client, 'SubnetManager')
  const next = await readHetu(client, 'getSubnets', {
    address,
    abi: SubnetManagerAbi,
    functionName: 'getNextNetuid',
    blockNumber,
  })
  const candidates = Array.from({ length: Math.max(0, next - 1) }, (_, i) => i + 1)
  const exists = await readMany(client, 'getSubnets', {
    contracts: candidates.map((netuid) => ({
      address,
      abi: SubnetManagerAbi,
      functionName: 'subnetExists' as const,
      args: [netuid] as const,
    })),
    blockNumber,
  })
  return candidates.filter((_, i) => exists[i])
}
