import type { Address } from 'viem'
import { GlobalStakingAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { addressOf, contractAddress } from '../../internal/context.js'
import { readHetu } from '../../internal/read.js'
import type { ReadOptions } from '../../types/read.js'

export type GetAvailableStakeParameters = { address?: Address } & ReadOptions
export type GetAvailableStakeReturnType = bigint
export type GetAvailableStakeErrorType = RpcUnavailableError | InvalidArgumentError

/** Stake (wei) that is neither allocated to a subnet nor spent on registration fees. */
export async function getAvailableStake(
  client: HetuBaseClient,
  { address, blockNumber }: GetAvailableStakeParameters = {},
): Promise<GetAvailableStakeReturnType> {
  return readHetu(client, 'getAvailableStake', {
    address: contractAddress(client, 'GlobalStaking'),
    abi: GlobalStakingAbi,
    functionName: 'getAvailableStake',
    args: [addressOf(client, address, 'getAvailableStake')],
    blockNumber,
  })
}
