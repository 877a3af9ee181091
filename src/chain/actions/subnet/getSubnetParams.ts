import { SubnetManagerAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import type { SubnetNotFoundError } from '../../errors/contract.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { assertNetuid, contractAddress } from '../../internal/context.js'
import { toHyperparams } from '../../internal/convert.js'
import { withSubject } from '../../internal/enrich.js'
import { readHetu } from '../../internal/read.js'
import type { ReadOptions } from '../../types/read.js'
import type { SubnetHyperparams } from '../../types/subnet.js'

export type GetSubnetParamsParameters = { netuid: number } & ReadOptions
export type GetSubnetParamsReturnType = SubnetHyperparams
export type GetSubnetParamsErrorType = SubnetNotFoundError | RpcUnavailableError | InvalidArgumentError

/** The subnet's 21 hyperparameters (tempo, thresholds, registration fee…). */
export async function getSubnetParams(
  client: HetuBaseClient,
  { netuid, blockNumber }: GetSubnetParamsParameters,
): Promise<GetSubnetParamsReturnType> {
  assertNetuid(netuid)
  try {
    const raw = await readHetu(client, 'getSubnetParams', {
      address: contractAddress(client, 'SubnetManager'),
      abi: SubnetManagerAbi,
      functionName: 'getSubnetParams',
      args: [netuid],
      blockNumber,
    })
    return toHyperparams(raw)
  } catch (err) {
    throw withSubject(err, { netuid })
  }
}
