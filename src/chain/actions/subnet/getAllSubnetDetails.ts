import type { HetuBaseClient } from '../../client/types.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import type { ReadOptions } from '../../types/read.js'
import type { SubnetDetails } from '../../types/subnet.js'
import { getSubnetDetails } from './getSubnetDetails.js'
import { netuidCandidates, subnetsExist } from './getSubnets.js'

export type GetAllSubnetDetailsParameters = ReadOptions
export type GetAllSubnetDetailsReturnType = SubnetDetails[]
export type GetAllSubnetDetailsErrorType = RpcUnavailableError | InvalidArgumentError

/**
 * {@link getSubnetDetails} of every registered subnet (the netuids {@link getSubnets} lists), ascending,
 * in two round trips however many there are: the next netuid, then the existence checks (one
 * multicall) and every candidate's details together in one JSON-RPC batch. A candidate that does not
 * exist is left out whatever its details read gave; one that exists fails the read if its details do.
 */
export async function getAllSubnetDetails(
  client: HetuBaseClient,
  { blockNumber }: GetAllSubnetDetailsParameters = {},
): Promise<GetAllSubnetDetailsReturnType> {
  const candidates = await netuidCandidates(client, 'getAllSubnetDetails', blockNumber)
  // Issued in the same tick: the transport sends them as one JSON-RPC batch.
  const [exists, details] = await Promise.all([
    subnetsExist(client, 'getAllSubnetDetails', candidates, blockNumber),
    Promise.allSettled(candidates.map((netuid) => getSubnetDetails(client, { netuid, blockNumber }))),
  ])
  return candidates.flatMap((_, i) => {
    if (!exists[i]) return []
    const read = details[i]!
    if (read.status === 'rejected') throw read.reason
    return [read.value]
  })
}
