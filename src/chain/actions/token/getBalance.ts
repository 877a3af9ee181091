import type { Address } from 'viem'
import { getBalance as viemGetBalance } from 'viem/actions'
import type { HetuBaseClient } from '../../client/types.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import { toHetuError } from '../../errors/decode.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { addressOf, errorContext } from '../../internal/context.js'
import type { ReadOptions } from '../../types/read.js'

export type GetBalanceParameters = { address?: Address } & ReadOptions
export type GetBalanceReturnType = bigint
export type GetBalanceErrorType = RpcUnavailableError | InvalidArgumentError

/** Native HETU balance (wei) of an address (default: the client's account). */
export async function getBalance(
  client: HetuBaseClient,
  { address, blockNumber }: GetBalanceParameters = {},
): Promise<GetBalanceReturnType> {
  try {
    return await viemGetBalance(client, { address: addressOf(client, address, 'getBalance'), blockNumber })
  } catch (err) {
    throw toHetuError(err, errorContext(client, 'getBalance'))
  }
}
