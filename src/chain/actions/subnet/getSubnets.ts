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
  const candidates = await netuidCandidates(client, 'getSubnets', blockNumber)
  const exists = await subnetsExist(client, 'getSubnets', candidates, blockNumber)
  return candidates.filter((_, i) => exists[i])
}

/** Every netuid below `getNextNetuid()` (one round trip): the ids a subnet may have. */
export async function netuidCandidates(
  client: HetuBaseClient,
  action: string,
  blockNumber: bigint | undefined,
): Promise<number[]> {
  const next = await readHetu(client, action, {
    address: contractAddress(client, 'SubnetManager'),
    abi: SubnetManagerAbi,
    functionName: 'getNextNetuid',
    blockNumber,
  })
  return Array.from({ length: Math.max(0, next - 1) }, (_, i) => i + 1)
}

/** `subnetExists` of each netuid, in one multicall. */
export function subnetsExist(
  client: HetuBaseClient,
  action: string,
  netuids: readonly number[],
  blockNumber: bigint | undefined,
): Promise<boolean[]> {
  const address = contractAddress(client, 'SubnetManager')
  return readMany(client, action, {
    contracts: netuids.map((netuid) => ({
      address,
      abi: SubnetManagerAbi,
      functionName: 'subnetExists' as const,
      args: [netuid] as const,
    })),
    blockNumber,
  })
}
