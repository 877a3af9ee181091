import type { Address } from 'viem'
import { NeuronManagerAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { assertNetuid, contractAddress } from '../../internal/context.js'
import { readMany } from '../../internal/read.js'
import type { ReadOptions } from '../../types/read.js'

export type GetSubnetMinersParameters = { netuid: number } & ReadOptions
export type GetSubnetMinersReturnType = Address[]
export type GetSubnetMinersErrorType = RpcUnavailableError | InvalidArgumentError

/** Addresses of the subnet's miners (neurons that are not validators), from one multicall. */
export async function getSubnetMiners(
  client: HetuBaseClient,
  { netuid, blockNumber }: GetSubnetMinersParameters,
): Promise<GetSubnetMinersReturnType> {
  assertNetuid(netuid)
  const address = contractAddress(client, 'NeuronManager')
  const [neurons, validators] = await readMany(client, 'getSubnetMiners', {
    contracts: [
      { address, abi: NeuronManagerAbi, functionName: 'getNeuronList', args: [netuid] },
      { address, abi: NeuronManagerAbi, functionName: 'getSubnetValidators', args: [netuid] },
    ],
    blockNumber,
  })
  const isValidator = new Set(validators.map((v) => v.toLowerCase()))
  return neurons.filter((n) => !isValidator.has(n.toLowerCase()))
}
