import { type Address, encodeFunctionData } from 'viem'
import { call } from 'viem/actions'
import { Multicall3Abi, NeuronManagerAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import { toHetuError } from '../../errors/decode.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { checksumLower } from '../../internal/checksum.js'
import { assertNetuid, contractAddress, errorContext } from '../../internal/context.js'
import { decodeAggregate } from '../../internal/neuronCodec.js'
import { readHetu, withMulticall } from '../../internal/read.js'
import type { NeuronInfo } from '../../types/neuron.js'
import type { ReadOptions } from '../../types/read.js'
import { getNeuronInfos } from './getNeuronInfos.js'

export type GetSubnetNeuronsParameters = { netuid: number } & ReadOptions
export type GetSubnetNeuronsReturnType = NeuronInfo[]
export type GetSubnetNeuronsErrorType = RpcUnavailableError | InvalidArgumentError

/**
 * Info of every neuron of a subnet, in list order, in two round trips whatever the count (up to the
 * 4096 a subnet can hold): getNeuronList, then every getNeuronInfo through Multicall3 (getNeuronInfos).
 * The list is read through Multicall3 too, which reports its block: the infos are read at that same
 * block, so both describe one state even while neurons come and go.
 */
export async function getSubnetNeurons(
  client: HetuBaseClient,
  { netuid, blockNumber }: GetSubnetNeuronsParameters,
): Promise<GetSubnetNeuronsReturnType> {
  assertNetuid(netuid)
  const { accounts, at } = await readNeuronList(client, netuid, blockNumber)
  const infos = await getNeuronInfos(client, { netuid, accounts, blockNumber: at })
  return infos.filter((n): n is NeuronInfo => n !== null)
}

async function readNeuronList(
  client: HetuBaseClient,
  netuid: number,
  blockNumber: bigint | undefined,
): Promise<{ accounts: Address[]; at: bigint | undefined }> {
  const neuronManager = contractAddress(client, 'NeuronManager')
  return withMulticall(
    client,
    (multicall3) => readListThrough(client, multicall3, neuronManager, netuid, blockNumber),
    async () => {
      const list = await readHetu(client, 'getSubnetNeurons', {
        address: neuronManager,
        abi: NeuronManagerAbi,
        functionName: 'getNeuronList',
        args: [netuid],
        blockNumber,
      })
      return { accounts: [...list], at: blockNumber }
    },
  )
}

async function readListThrough(
  client: HetuBaseClient,
  multicall3: Address,
  neuronManager: Address,
  netuid: number,
  blockNumber: bigint | undefined,
): Promise<{ accounts: Address[]; at: bigint | undefined }> {
  const inner = encodeFunctionData({ abi: NeuronManagerAbi, functionName: 'getNeuronList', args: [netuid] })
  const data = encodeFunctionData({
    abi: Multicall3Abi,
    functionName: 'aggregate',
    args: [[{ target: neuronManager, callData: inner }]],
  })
  try {
    const result = await call(client, { to: multicall3, data, blockNumber })
    if (!result.data) throw new Error('Multicall3 returned no data')
    const { blockNumber: at, returnData } = decodeAggregate(result.data)
    // address[]: offset, length, then one word per address (checksummed through the shared cache).
    const h = returnData[0]!
    const n = Number.parseInt(h.slice(64 + 48, 128), 16)
    const accounts = Array.from({ length: n }, (_, i) =>
      checksumLower(h.slice(128 + i * 64 + 24, 128 + (i + 1) * 64)),
    )
    return { accounts, at: blockNumber ?? at }
  } catch (err) {
    throw toHetuError(err, errorContext(client, 'getSubnetNeurons'))
  }
}
