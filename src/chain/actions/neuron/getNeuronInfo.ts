import type { Address } from 'viem'
import { GlobalStakingAbi, NeuronManagerAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { assertNetuid, contractAddress } from '../../internal/context.js'
import { withLiveStake } from '../../internal/convert.js'
import { readHetu } from '../../internal/read.js'
import type { NeuronInfo } from '../../types/neuron.js'
import type { ReadOptions } from '../../types/read.js'

export type GetNeuronInfoParameters = { netuid: number; account: Address } & ReadOptions
/** `null` when the account is not a neuron of the subnet. */
export type GetNeuronInfoReturnType = NeuronInfo | null
export type GetNeuronInfoErrorType = RpcUnavailableError | InvalidArgumentError

/**
 * Role, stake, endpoints and registration block of one neuron. `stake` is the neuron's live allocation
 * to the subnet (GlobalStaking), read in the same round trip: the public NeuronManager's own field is
 * never updated after registration.
 */
export async function getNeuronInfo(
  client: HetuBaseClient,
  { netuid, account, blockNumber }: GetNeuronInfoParameters,
): Promise<GetNeuronInfoReturnType> {
  assertNetuid(netuid)
  const [raw, allocation] = await Promise.all([
    readHetu(client, 'getNeuronInfo', {
      address: contractAddress(client, 'NeuronManager'),
      abi: NeuronManagerAbi,
      functionName: 'getNeuronInfo',
      args: [netuid, account],
      blockNumber,
    }),
    readHetu(client, 'getNeuronInfo', {
      address: contractAddress(client, 'GlobalStaking'),
      abi: GlobalStakingAbi,
      functionName: 'getSubnetAllocation',
      args: [account, netuid],
      blockNumber,
    }),
  ])
  return withLiveStake(raw, allocation.allocated)
}
