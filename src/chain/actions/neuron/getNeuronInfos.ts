import type { Address } from 'viem'
import { call } from 'viem/actions'
import { GlobalStakingAbi, NeuronManagerAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import { toHetuError } from '../../errors/decode.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { assertNetuid, contractAddress, errorContext } from '../../internal/context.js'
import { withLiveStake } from '../../internal/convert.js'
import {
  decodeAggregate,
  decodeAllocated,
  decodeNeuronInfo,
  encodeAllocationAggregate,
  encodeNeuronInfoAggregate,
} from '../../internal/neuronCodec.js'
import { elapsed, readMany, withMulticall } from '../../internal/read.js'
import type { NeuronInfo } from '../../types/neuron.js'
import type { ReadOptions } from '../../types/read.js'

export type GetNeuronInfosParameters = { netuid: number; accounts: readonly Address[] } & ReadOptions
/** One entry per account, in order; `null` where the account is not a neuron of the subnet. */
export type GetNeuronInfosReturnType = (NeuronInfo | null)[]
export type GetNeuronInfosErrorType = RpcUnavailableError | InvalidArgumentError

/**
 * Accounts per HTTP request: each carries two aggregates (infos and allocations, 224 bytes per call);
 * 2048 accounts keep the request under anvil's 2 MiB body limit, so a full subnet (4096) takes two.
 */
const ACCOUNTS_PER_REQUEST = 2_048

interface Contracts {
  neuronManager: Address
  globalStaking: Address
}

/**
 * getNeuronInfo for many accounts in one round trip per 2048 accounts: Multicall3 aggregates of
 * `multicallChunkSize` calls, sent together in one JSON-RPC batch and decoded by a specialised codec
 * (viem's generic decoder would cost more than the node's execution). Without a Multicall3, one
 * eth_call per account in JSON-RPC batches. `stake` is each neuron's live allocation (GlobalStaking),
 * not the stale NeuronInfo field.
 */
export async function getNeuronInfos(
  client: HetuBaseClient,
  { netuid, accounts, blockNumber }: GetNeuronInfosParameters,
): Promise<GetNeuronInfosReturnType> {
  assertNetuid(netuid)
  if (accounts.length === 0) return []
  const contracts: Contracts = {
    neuronManager: contractAddress(client, 'NeuronManager'),
    globalStaking: contractAddress(client, 'GlobalStaking'),
  }
  return withMulticall(
    client,
    (multicall3) => readThrough(client, multicall3, { netuid, accounts, blockNumber }, contracts),
    async () => {
      const raw = await readMany(client, 'getNeuronInfos', {
        contracts: accounts.flatMap((account) => [
          {
            address: contracts.neuronManager,
            abi: NeuronManagerAbi,
            functionName: 'getNeuronInfo' as const,
            args: [netuid, account] as const,
          },
          {
            address: contracts.globalStaking,
            abi: GlobalStakingAbi,
            functionName: 'getSubnetAllocation' as const,
            args: [account, netuid] as const,
          },
        ]),
        blockNumber,
      })
      return accounts.map((_, i) => {
        const info = raw[2 * i] as Parameters<typeof withLiveStake>[0]
        const allocation = raw[2 * i + 1] as { allocated: bigint }
        return withLiveStake(info, allocation.allocated)
      })
    },
  )
}

async function readThrough(
  client: HetuBaseClient,
  multicall3: Address,
  { netuid, accounts, blockNumber }: GetNeuronInfosParameters,
  { neuronManager, globalStaking }: Contracts,
): Promise<GetNeuronInfosReturnType> {
  const started = performance.now()
  const size = client.hetu.multicallChunkSize
  const out: (NeuronInfo | null)[] = []
  const aggregate = async (data: `0x${string}`) => {
    const result = await call(client, { to: multicall3, data, blockNumber })
    if (!result.data) throw new Error('Multicall3 returned no data')
    return decodeAggregate(result.data).returnData
  }
  try {
    for (let g = 0; g < accounts.length; g += ACCOUNTS_PER_REQUEST) {
      const group = accounts.slice(g, g + ACCOUNTS_PER_REQUEST)
      const chunks: Address[][] = []
      for (let i = 0; i < group.length; i += size) chunks.push(group.slice(i, i + size))
      const results = await Promise.all(
        chunks.map((chunk) =>
          Promise.all([
            aggregate(encodeNeuronInfoAggregate(neuronManager, netuid, chunk)),
            aggregate(encodeAllocationAggregate(globalStaking, netuid, chunk)),
          ]),
        ),
      )
      results.forEach(([infos, allocations], c) => {
        const chunk = chunks[c]!
        for (let i = 0; i < infos.length; i++)
          out.push(withLiveStake(decodeNeuronInfo(infos[i]!, chunk[i]!), decodeAllocated(allocations[i]!)))
      })
    }
    return out
  } catch (err) {
    throw toHetuError(err, errorContext(client, 'getNeuronInfos'))
  } finally {
    client.hetu.logger?.debug(
      { action: 'getNeuronInfos', calls: accounts.length * 2, blockNumber, ms: elapsed(started) },
      'chain multicall',
    )
  }
}
