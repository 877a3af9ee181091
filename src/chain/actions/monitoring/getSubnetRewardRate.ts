import type { EmissionParams } from '../../../consensus/index.js'
import { AlphaTokenAbi, SubnetManagerAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import type { SubnetNotFoundError } from '../../errors/contract.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { assertNetuid, contractAddress } from '../../internal/context.js'
import { readHetu } from '../../internal/read.js'
import { rewardRateOf } from '../../internal/rewardRate.js'
import { readManyAtBlock, subnetReadFailed } from '../../internal/snapshot.js'
import type { SubnetRewardRate } from '../../types/monitoring.js'
import type { ReadOptions } from '../../types/read.js'

export type GetSubnetRewardRateParameters = {
  netuid: number
  /** The chain's blockinflation parameters, when not the genesis defaults. */
  emission?: Partial<EmissionParams>
} & ReadOptions
export type GetSubnetRewardRateReturnType = SubnetRewardRate
export type GetSubnetRewardRateErrorType = SubnetNotFoundError | RpcUnavailableError | InvalidArgumentError

/**
 * The subnet's Alpha emission per block and per epoch from the schedule of docs/emission.md#coinbase
 * (the Python SDK's `get_subnet_reward_rate`, where its reward split starts). Two round trips: subnet info
 * and params (with the block number), then the Alpha token's supply at that block.
 */
export async function getSubnetRewardRate(
  client: HetuBaseClient,
  { netuid, emission, blockNumber }: GetSubnetRewardRateParameters,
): Promise<GetSubnetRewardRateReturnType> {
  assertNetuid(netuid)
  const manager = contractAddress(client, 'SubnetManager')
  const read = await readManyAtBlock(
    client,
    'getSubnetRewardRate',
    [
      { address: manager, abi: SubnetManagerAbi, functionName: 'getSubnetInfo', args: [netuid] },
      { address: manager, abi: SubnetManagerAbi, functionName: 'getSubnetParams', args: [netuid] },
    ],
    blockNumber,
  ).catch((err) => subnetReadFailed(client, netuid, blockNumber, err))
  const [info, params] = read.results
  const alphaIssued = await readHetu(client, 'getSubnetRewardRate', {
    address: info.alphaToken,
    abi: AlphaTokenAbi,
    functionName: 'totalSupply',
    blockNumber: read.blockNumber,
  })
  return rewardRateOf({
    netuid,
    block: read.blockNumber,
    isActive: info.isActive,
    tempo: params.tempo,
    alphaIssued,
    ...(emission && { params: emission }),
  })
}
