import { getBlockNumber } from 'viem/actions'
import type { HetuBaseClient } from '../../client/types.js'
import { toHetuError } from '../../errors/decode.js'
import type { RpcRequestFailedError, RpcUnavailableError } from '../../errors/network.js'
import { errorContext } from '../../internal/context.js'

export type GetCurrentBlockParameters = Record<string, never>
export type GetCurrentBlockReturnType = bigint
export type GetCurrentBlockErrorType = RpcUnavailableError | RpcRequestFailedError

/** Number of the latest block (uncached: every call asks the node). */
export async function getCurrentBlock(
  client: HetuBaseClient,
  _parameters: GetCurrentBlockParameters = {},
): Promise<GetCurrentBlockReturnType> {
  try {
    return await getBlockNumber(client, { cacheTime: 0 })
  } catch (err) {
    throw toHetuError(err, errorContext(client, 'getCurrentBlock'))
  }
}
