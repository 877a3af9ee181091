import type { Address } from 'viem'
import { GlobalStakingAbi, NeuronManagerAbi, SubnetManagerAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { addressOf, contractAddress } from '../../internal/context.js'
import { readMany } from '../../internal/read.js'
import { readManyAtBlock } from '../../internal/snapshot.js'
import type { StakeStatus, SubnetStakeStatus } from '../../types/monitoring.js'
import type { ReadOptions } from '../../types/read.js'

export type GetStakeStatusParameters = { address?: Address } & ReadOptions
export type GetStakeStatusReturnType = StakeStatus
export type GetStakeStatusErrorType = RpcUnavailableError | InvalidArgumentError

/**
 * The Python SDK's `check_stake_status`: an address's global stake (staked, allocated, fees, available) and,
 * for every subnet, its allocation, fees and whether it is a neuron there. Two round trips at one
 * block whatever the number of subnets (one multicall over all netuids).
 */
export async function getStakeStatus(
  client: HetuBaseClient,
  { address, blockNumber }: GetStakeStatusParameters = {},
): Promise<GetStakeStatusReturnType> {
  const user = addressOf(client, address, 'getStakeStatus')
  const staking = contractAddress(client, 'GlobalStaking')
  const manager = contractAddress(client, 'SubnetManager')
  const neurons = contractAddress(client, 'NeuronManager')
  const first = await readManyAtBlock(
    client,
    'getStakeStatus',
    [
      { address: staking, abi: GlobalStakingAbi, functionName: 'getStakeInfo', args: [user] },
      { address: manager, abi: SubnetManagerAbi, functionName: 'getNextNetuid' },
    ],
    blockNumber,
  )
  const [raw, next] = first.results
  const used = raw.totalAllocated + raw.totalCost
  const stake = { ...raw, available: raw.totalStaked > used ? raw.totalStaked - used : 0n }

  const netuids = Array.from({ length: Math.max(0, next - 1) }, (_, i) => i + 1)
  const perSubnet = await readMany(client, 'getStakeStatus', {
    contracts: netuids.flatMap((netuid) => [
      {
        address: manager,
        abi: SubnetManagerAbi,
        functionName: 'subnetExists' as const,
        args: [netuid] as const,
      },
      {
        address: staking,
        abi: GlobalStakingAbi,
        functionName: 'getSubnetAllocation' as const,
        args: [user, netuid] as const,
      },
      {
        address: neurons,
        abi: NeuronManagerAbi,
        functionName: 'isNeuron' as const,
        args: [netuid, user] as const,
      },
      {
        address: neurons,
        abi: NeuronManagerAbi,
        functionName: 'isValidator' as const,
        args: [netuid, user] as const,
      },
    ]),
    blockNumber: first.blockNumber,
  })
  const subnets: SubnetStakeStatus[] = []
  netuids.forEach((netuid, i) => {
    const [exists, allocation, registered, isValidator] = perSubnet.slice(4 * i, 4 * i + 4) as [
      boolean,
      { allocated: bigint; cost: bigint; lastUpdateBlock: bigint },
      boolean,
      boolean,
    ]
    if (!exists) return
    if (allocation.allocated === 0n && allocation.cost === 0n && !registered) return
    subnets.push({ netuid, ...allocation, registered, isValidator })
  })
  return { address: user, block: first.blockNumber, stake, subnets }
}
