import type { Address } from 'viem'
import { NeuronManagerAbi, WeightsAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import { ContractRevertError } from '../../errors/contract.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { callData, decodeWeights, Words } from '../../internal/codec/index.js'
import { assertNetuid, contractAddress } from '../../internal/context.js'
import { readHetu, readMany, readRaw } from '../../internal/read.js'
import type { ReadOptions } from '../../types/read.js'
import type { WeightEntry } from '../../types/weights.js'

export type GetWeightsParameters = {
  netuid: number
  validator: Address
  /** Read only these destinations (one multicall of `weights(netuid, validator, dest)`). */
  dests?: readonly Address[]
} & ReadOptions
/** Without `dests`: the validator's vector as set (including zero weights), in its order. With
 * `dests`: one entry per dest, 0 where the validator set none. */
export type GetWeightsReturnType = WeightEntry[]
export type GetWeightsErrorType = RpcUnavailableError | InvalidArgumentError

/**
 * The weights a validator last set on a subnet. One call on our Weights contract (`getWeights`); on a
 * deployment without that getter, every neuron of the subnet is read in one multicall instead.
 */
export async function getWeights(
  client: HetuBaseClient,
  { netuid, validator, dests, blockNumber }: GetWeightsParameters,
): Promise<GetWeightsReturnType> {
  assertNetuid(netuid)
  const weights = contractAddress(client, 'Weights')
  if (!dests) {
    try {
      // Decoded by the codec: a metagraph reads every validator's vector, and viem's generic decoder
      // (a checksum per address) costs more than the node's execution.
      const data = await readRaw(client, 'getWeights', {
        to: weights,
        data: callData.getWeights(netuid, validator),
        blockNumber,
      })
      if (data !== '0x') return decodeWeights(new Words(data))
      // No code there: viem's read says so (CONTRACT_NOT_DEPLOYED).
      const vector = await readHetu(client, 'getWeights', {
        address: weights,
        abi: WeightsAbi,
        functionName: 'getWeights',
        args: [netuid, validator],
        blockNumber,
      })
      return vector.map(({ dest, weight }) => ({ dest, weight }))
    } catch (err) {
      // The public Weights contract has only the `weights` mapping getter: an unknown selector reverts empty.
      if (!(err instanceof ContractRevertError) || err.revert.data !== undefined) throw err
    }
  }
  const targets =
    dests ??
    (await readHetu(client, 'getWeights', {
      address: contractAddress(client, 'NeuronManager'),
      abi: NeuronManagerAbi,
      functionName: 'getNeuronList',
      args: [netuid],
      blockNumber,
    }))
  const values = await readMany(client, 'getWeights', {
    contracts: targets.map((dest) => ({
      address: weights,
      abi: WeightsAbi,
      functionName: 'weights' as const,
      args: [netuid, validator, dest] as const,
    })),
    blockNumber,
  })
  const entries = targets.map((dest, i) => ({ dest, weight: values[i]! }))
  return dests ? entries : entries.filter((entry) => entry.weight > 0n)
}
