import type {
  Abi,
  Address,
  ContractFunctionArgs,
  ContractFunctionName,
  Hex,
  MulticallParameters,
  MulticallReturnType,
  ReadContractParameters,
  ReadContractReturnType,
  StateOverride,
} from 'viem'
import { call, getCode, multicall, readContract } from 'viem/actions'
import type { HetuBaseClient, HetuContext } from '../client/types.js'
import { toHetuError } from '../errors/decode.js'
import { errorContext } from './context.js'

/**
 * An eth_call whose return data the caller decodes itself (with the codec, when viem's generic decoder
 * would cost more than the node's execution), with Hetu error decoding and debug logging.
 */
export async function readRaw(
  client: HetuBaseClient,
  action: string,
  parameters: { to: Address; data: Hex; blockNumber?: bigint | undefined; stateOverride?: StateOverride },
): Promise<Hex> {
  const started = performance.now()
  try {
    const { data } = await call(client, parameters)
    return data ?? '0x'
  } catch (err) {
    throw toHetuError(err, errorContext(client, action))
  } finally {
    client.hetu.logger?.debug(
      {
        action,
        call: parameters.data.slice(0, 10),
        blockNumber: parameters.blockNumber,
        ms: elapsed(started),
      },
      'chain read',
    )
  }
}

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
 * Many reads in a constant number of round trips: Multicall3 aggregates of `multicallChunkSize` calls
 * each, all sent at once so the HTTP transport puts them in one JSON-RPC batch; without a Multicall3
 * (none configured, or no code at its address) one eth_call per read, in JSON-RPC batches. Any failing
 * call fails the whole read.
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
  const calls = parameters.contracts as readonly ReadContractParameters[]
  if (calls.length === 0) return [] as unknown as MulticallReturnType<contracts, false>
  let through: Address | 'json-rpc batch' = 'json-rpc batch'
  try {
    return (await withMulticall<readonly unknown[]>(
      client,
      (multicallAddress) => {
        through = multicallAddress
        return multicall(client, {
          ...(parameters as MulticallParameters<contracts, false>),
          allowFailure: false,
          // viem chunks by calldata bytes; a typical Hetu view call is 36–100 bytes of calldata.
          batchSize: client.hetu.multicallChunkSize * 68,
          multicallAddress,
        })
      },
      () => {
        through = 'json-rpc batch'
        // Issued in the same tick: the HTTP transport sends them as JSON-RPC batches.
        return Promise.all(
          calls.map((call) => readContract(client, { ...call, blockNumber: parameters.blockNumber })),
        )
      },
    )) as MulticallReturnType<contracts, false>
  } catch (err) {
    throw toHetuError(err, errorContext(client, action))
  } finally {
    client.hetu.logger?.debug(
      { action, calls: calls.length, through, blockNumber: parameters.blockNumber, ms: elapsed(started) },
      'chain multicall',
    )
  }
}

/** Clients whose configured Multicall3 address turned out to hold no code. */
const withoutMulticall = new WeakSet<HetuContext>()

/** The Multicall3 address to use: the configured one, unless it was found to hold no code. */
export function multicall3Of(client: HetuBaseClient): Address | undefined {
  const address = client.hetu.network.contracts.Multicall3
  return address && !withoutMulticall.has(client.hetu) ? address : undefined
}

/**
 * Runs `through(multicall3)`, or `fallback()` when there is no Multicall3. A failure of the multicall
 * path is checked once: when no code lives at the configured address (a network whose preset or config
 * names a Multicall3 that was never deployed there), the client remembers it and reads through
 * `fallback` from then on; any other failure is rethrown as it was.
 */
export async function withMulticall<T>(
  client: HetuBaseClient,
  through: (multicall3: Address) => Promise<T>,
  fallback: () => Promise<T>,
): Promise<T> {
  const address = multicall3Of(client)
  if (!address) return fallback()
  try {
    return await through(address)
  } catch (err) {
    const code = await getCode(client, { address }).catch(() => 'unknown')
    if (code !== undefined && code !== '0x') throw err
    withoutMulticall.add(client.hetu)
    client.hetu.logger?.debug(
      { multicall3: address },
      'no Multicall3 code at the configured address: reading through JSON-RPC batches',
    )
    return fallback()
  }
}

export function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10
}
