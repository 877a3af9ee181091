import { type Address, getAddress, isAddress } from 'viem'
import { WeightsAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { WalletLockedError } from '../../errors/account.js'
import { InvalidArgumentError } from '../../errors/amount.js'
import type { NotValidatorError } from '../../errors/contract.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { assertNetuid, contractAddress, signerOf } from '../../internal/context.js'
import { withSubject } from '../../internal/enrich.js'
import { txResult, writeHetu } from '../../internal/write.js'
import type { HetuTxResult, WriteOptions } from '../../types/tx.js'
import { MAX_WEIGHT, type WeightEntry } from '../../types/weights.js'

export type SetWeightsParameters = {
  netuid: number
  /** Full weight vector (each call replaces the previous one), weights in 0…1 000 000. */
  weights: readonly { dest: Address; weight: bigint | number }[]
} & WriteOptions
export type SetWeightsReturnType = HetuTxResult & { netuid: number; weights: WeightEntry[] }
export type SetWeightsErrorType =
  | NotValidatorError
  | InvalidArgumentError
  | WalletLockedError
  | RpcUnavailableError

/** Submits the validator's weights for the subnet's miners (validators only). */
export async function setWeights(
  client: HetuBaseClient,
  { netuid, weights, account }: SetWeightsParameters,
): Promise<SetWeightsReturnType> {
  assertNetuid(netuid)
  const signer = signerOf(client, account, 'setWeights')
  const entries = toWeightEntries(weights)
  try {
    const receipt = await writeHetu(client, 'setWeights', {
      account: signer,
      address: contractAddress(client, 'Weights'),
      abi: WeightsAbi,
      functionName: 'setWeights',
      args: [netuid, entries],
    })
    return { ...txResult(receipt), netuid, weights: entries }
  } catch (err) {
    throw withSubject(err, { netuid, account: signer.address })
  }
}

/** Checks addresses, integer range and duplicates; returns checksummed entries with bigint weights. */
export function toWeightEntries(
  weights: readonly { dest: Address; weight: bigint | number }[],
): WeightEntry[] {
  const seen = new Set<string>()
  return weights.map(({ dest, weight }, i) => {
    if (!isAddress(dest, { strict: false }))
      throw new InvalidArgumentError(`weights[${i}].dest`, `"${dest}" is not an address`)
    const key = dest.toLowerCase()
    if (seen.has(key)) throw new InvalidArgumentError(`weights[${i}].dest`, `${dest} appears twice`)
    seen.add(key)
    if (typeof weight === 'number' && !Number.isInteger(weight))
      throw new InvalidArgumentError(`weights[${i}].weight`, `${weight} is not an integer`, {
        hint: 'Weights are integers in 0…1 000 000 (1 000 000 = 1.0).',
      })
    const value = BigInt(weight)
    if (value < 0n || value > MAX_WEIGHT)
      throw new InvalidArgumentError(`weights[${i}].weight`, `${value} is outside 0…${MAX_WEIGHT}`)
    return { dest: getAddress(dest), weight: value }
  })
}
