import type { Address } from 'viem'
import { GlobalStakingAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { addressOf, assertNetuid, contractAddress } from '../../internal/context.js'
import { readHetu } from '../../internal/read.js'
import type { ReadOptions } from '../../types/read.js'
import type { SubnetAllocation } from '../../types/staking.js'

export type GetSubnetAllocationParameters = { address?: Address; netuid: number } & ReadOptions
export type GetSubnetAllocationReturnType = SubnetAllocation
export type GetSubnetAllocationErrorType = RpcUnavailableError | InvalidArgumentError

/** Stake an address has allocated to one subnet, and the fees it paid there. */
export async function getSubnetAllocation(
  client: HetuBaseClient,
  { address, netuid, blockNumber }: GetSubnetAllocationParameters,
): Promise<GetSubnetAllocationReturnType> {
  assertNetuid(netuid)
  const raw = await readHetu(client, 'getSubnetAllocation', {
    address: contractAddress(client, 'GlobalStaking'),
    abi: GlobalStakingAbi,
    functionName: 'getSubnetAllocation',
    args: [addressOf(client, address, 'getSubnetAllocation'), netuid],
    blockNumber,
  })
  return { ...raw }
}
