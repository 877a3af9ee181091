import type { Address } from 'viem'
import { getBalance } from 'viem/actions'
import { WHETUAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import { toHetuError } from '../../errors/decode.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { addressOf, contractAddress, errorContext } from '../../internal/context.js'
import { readHetu } from '../../internal/read.js'
import type { ReadOptions } from '../../types/read.js'

export type GetBalancesParameters = { address?: Address } & ReadOptions
export type GetBalancesReturnType = {
  /** Native HETU (wei), pays gas. */
  native: bigint
  /** Wrapped HETU (wei), what stake and subnet locks use. */
  whetu: bigint
}
export type GetBalancesErrorType = RpcUnavailableError | InvalidArgumentError

/** Native and wrapped HETU of an address (default: the client's account), in one round trip. */
export async function getBalances(
  client: HetuBaseClient,
  { address, blockNumber }: GetBalancesParameters = {},
): Promise<GetBalancesReturnType> {
  const owner = addressOf(client, address, 'getBalances')
  const [native, whetu] = await Promise.all([
    getBalance(client, { address: owner, blockNumber }).catch((err) => {
      throw toHetuError(err, errorContext(client, 'getBalances'))
    }),
    readHetu(client, 'getBalances', {
      address: contractAddress(client, 'WHETU'),
      abi: WHETUAbi,
      functionName: 'balanceOf',
      args: [owner],
      blockNumber,
    }),
  ])
  return { native, whetu }
}
