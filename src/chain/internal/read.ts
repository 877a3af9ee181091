import type {
  Abi,
  ContractFunctionArgs,
  ContractFunctionName,
  MulticallParameters,
  MulticallReturnType,
  ReadContractParameters,
  ReadContractReturnType,
} from 'viem'
import { multicall, readContract } from 'viem/actions'
import type { HetuBaseClient } from '../client/types.js'
import { toHetuError } from '../errors/decode.js'
import { errorContext } from './context.js'

/** viem `readContract` with Hetu error decoding and debug logging. */
export async function readHetu<
  const abi extends Abi | readonly unknown[],
  functionName extends ContractFunctionName<abi, 'pure' | 'view'>,
  const args extends ContractFunctionArgs<abi, 'pure' | 'view', functionName>,
>(
  client: HetuBaseClient,
  action: string,
  parameters: ReadContractParameters<abi, functionName, args>,
): Promise<ReadContractReturnType<abi, functionName, args>> {
  const started = performance.now()
  try {
    return await readContract(client, parameters)
  } catch (err) {
    throw toHetuError(err, errorContext(client, action))
  } finally {
    client.hetu.logger?.debug(
      { action, call: parameters.functionName, blockNumber: parameters.blockNumber, ms: elapsed(started) },
      'chain read',
    )
  }
}

/**
 * Many reads in a constant number of round trips: Multicall3 aggregates (deployless when no Multicall3
 * address is configured) of `multicallChunkSize` calls each, all sent at once so the HTTP transport
 * puts them in one JSON-RPC batch. Any failing call fails the whole read.
 */
export async function readMany<const contracts extends readonly unknown[]>(
  client: HetuBaseClient,
  action: string,
  parameters: Omit<
    MulticallParameters<contracts, false>,
    'allowFailure' | 'batchSize' | 'multicallAddress' | 'deployless'
  >,
): Promise<MulticallReturnType<contracts, false>> {
  const started = performance.now()
  const count = (parameters.contracts as readonly unknown[]).length
  if (count === 0) return [] as unknown as MulticallReturnType<contracts, false>
  const multicallAddress = client.hetu.network.contracts.Multicall3
  try {
    return await multicall(client, {
      ...(parameters as MulticallParameters<contracts, false>),
      allowFailure: false,
      // viem chunks by calldata bytes; a typical Hetu view call is 36–100 bytes of calldata.
      batchSize: client.hetu.multicallChunkSize * 68,
      ...(multicallAddress ? { multicallAddress } : { deployless: true }),
    })
  } catch (err) {
    throw toHetuError(err, errorContext(client, action))
  } finally {
    client.hetu.logger?.debug(
      {
        action,
        calls: count,
        multicall: multicallAddress ?? 'deployless',
        blockNumber: parameters.blockNumber,
        ms: elapsed(started),
      },
      'chain multicall',
    )
  }
}

export function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10
}
