import type { Address } from 'viem'
import { GlobalStakingAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { addressOf, contractAddress } from '../../internal/context.js'
import { readHetu } from '../../internal/read.js'
import type { ReadOptions } from '../../types/read.js'
import type { StakeInfo } from '../../types/staking.js'

export type GetStakeInfoParameters = { address?: Address } & ReadOptions
export type GetStakeInfoReturnType = StakeInfo
export type GetStakeInfoErrorType = RpcUnavailableError | InvalidArgumentError

/** Global stake of an address (default: the client's account): staked, allocated, fees, available. */
export async function getStakeInfo(
  client: HetuBaseClient,
  { address, blockNumber }: GetStakeInfoParameters = {},
): Promise<GetStakeInfoReturnType> {
  const user = addressOf(client, address, 'getStakeInfo')
  const raw = await readHetu(client, 'getStakeInfo', {
    address: contractAddress(client, 'GlobalStaking'),
    abi: GlobalStakingAbi,
    functionName: 'getStakeInfo',
    args: [user],
    blockNumber,
  })
  const used = raw.totalAllocated + raw.totalCost
  return { ...raw, available: raw.totalStaked > used ? raw.totalStaked - used : 0n }
}
