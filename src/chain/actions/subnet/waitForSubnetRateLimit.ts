import type { HetuBaseClient } from '../../client/types.js'
import { SubnetRateLimitedError } from '../../errors/contract.js'
import type { RpcRequestFailedError, RpcUnavailableError } from '../../errors/network.js'
import { getCurrentBlock } from '../block/getCurrentBlock.js'
import { getNetworkParams } from './getNetworkParams.js'
import { subnetRegistrationBlock } from './registerSubnet.js'

export interface WaitForSubnetRateLimitParameters {
  /** Gives up after this long (default: twice the blocks to go at the network's block time, ≥ 30 s). */
  timeoutMs?: number
}
export interface WaitForSubnetRateLimitReturnType {
  /** The head when the wait ended: the next block may include a registration. */
  blockNumber: bigint
  /** First block that may include a registration. */
  availableAtBlock: bigint
}
export type WaitForSubnetRateLimitErrorType =
  | SubnetRateLimitedError
  | RpcUnavailableError
  | RpcRequestFailedError

/**
 * Waits until the network-wide rate limit lets the next block register a subnet, polling at the
 * client's interval; resolves at once when it already does. On a fresh chain SubnetManager counts its
 * own deployment as the last registration, so a registration right after start-up may be early.
 * Rejects with {@link SubnetRateLimitedError} when the block has not come in time (e.g. an automining
 * node, where no block comes without a transaction).
 */
export async function waitForSubnetRateLimit(
  client: HetuBaseClient,
  parameters: WaitForSubnetRateLimitParameters = {},
): Promise<WaitForSubnetRateLimitReturnType> {
  let deadline: number | undefined
  for (;;) {
    // Read again each time: another registration meanwhile moves the limit.
    const [params, blockNumber] = await Promise.all([getNetworkParams(client), getCurrentBlock(client)])
    const availableAtBlock = subnetRegistrationBlock(params.lastLockBlock, params.rateLimit)
    if (blockNumber + 1n >= availableAtBlock) return { blockNumber, availableAtBlock }
    const toGo = Number(availableAtBlock - blockNumber)
    deadline ??=
      Date.now() + (parameters.timeoutMs ?? Math.max(30_000, 2 * toGo * client.hetu.network.blockTimeMs))
    if (Date.now() >= deadline)
      throw new SubnetRateLimitedError(
        { reason: 'RATE_LIMIT_EXCEEDED', action: 'waitForSubnetRateLimit' },
        { currentBlock: blockNumber, availableAtBlock },
      )
    await new Promise((resolve) => setTimeout(resolve, client.pollingInterval))
  }
}
