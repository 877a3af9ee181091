import type { Address } from 'viem'
import { AlphaTokenAbi, NeuronManagerAbi, SubnetManagerAbi } from '../../chain/abi/index.js'
import { getWeights } from '../../chain/actions/weights/getWeights.js'
import type { HetuBaseClient } from '../../chain/client/types.js'
import { assertNetuid, contractAddress } from '../../chain/internal/context.js'
import { toHyperparams, toNeuronInfo, toSubnetInfo } from '../../chain/internal/convert.js'
import { readMany } from '../../chain/internal/read.js'
import { readManyAtBlock, subnetReadFailed } from '../../chain/internal/snapshot.js'
import type { NeuronInfo } from '../../chain/types/neuron.js'
import type { WeightEntry } from '../../chain/types/weights.js'
import type { MetagraphState, NeuronState } from '../types.js'

const ACTION = 'Metagraph.sync'

/**
 * Reads a subnet's whole metagraph in two round trips whatever its size:
 * 1. one multicall: neuron list, validator list, subnet info and params (and the block number when
 *    none is given, so everything after is pinned to the state this came from);
 * 2. one JSON-RPC batch at that block: every neuron's info and Alpha balance (Multicall3 chunks), the
 *    Alpha supply, and each validator's weight vector.
 */
export async function readMetagraphState(
  client: HetuBaseClient,
  { netuid, blockNumber }: { netuid: number; blockNumber?: bigint },
): Promise<MetagraphState> {
  assertNetuid(netuid)
  const neuronManager = contractAddress(client, 'NeuronManager')
  const manager = contractAddress(client, 'SubnetManager')
  const weightsContract = client.hetu.network.contracts.Weights ?? null

  const first = await readManyAtBlock(
    client,
    ACTION,
    [
      { address: neuronManager, abi: NeuronManagerAbi, functionName: 'getNeuronList', args: [netuid] },
      { address: neuronManager, abi: NeuronManagerAbi, functionName: 'getSubnetValidators', args: [netuid] },
      { address: manager, abi: SubnetManagerAbi, functionName: 'getSubnetInfo', args: [netuid] },
      { address: manager, abi: SubnetManagerAbi, functionName: 'getSubnetParams', args: [netuid] },
    ],
    blockNumber,
  ).catch((err) => subnetReadFailed(client, netuid, blockNumber, err))
  const block = first.blockNumber
  const [list, validators, rawInfo, rawParams] = first.results
  const subnet = toSubnetInfo(rawInfo)

  const [infos, balances, supply, vectors] = await Promise.all([
    readNeuronInfos(client, neuronManager, netuid, list, block),
    readAlphaBalances(client, subnet.alphaToken, list, block),
    readMany(client, ACTION, {
      contracts: [{ address: subnet.alphaToken, abi: AlphaTokenAbi, functionName: 'totalSupply' }],
      blockNumber: block,
    }),
    weightsContract ? readWeightVectors(client, netuid, validators, block) : Promise.resolve([]),
  ])

  const neurons: NeuronState[] = []
  infos.forEach((info, i) => {
    if (info) neurons.push({ ...info, alphaBalance: balances[i]! })
  })
  const weights = new Map<string, WeightEntry[]>()
  validators.forEach((validator, i) => {
    const vector = vectors[i]
    if (vector) weights.set(validator.toLowerCase(), vector)
  })
  return {
    netuid,
    block,
    chainId: client.chain.id,
    contracts: { NeuronManager: neuronManager, Weights: weightsContract, alphaToken: subnet.alphaToken },
    subnet,
    params: toHyperparams(rawParams),
    alphaSupply: supply[0]!,
    neurons,
    weights,
  }
}

/** getNeuronInfo of each account in one multicall (null for an account that is not a neuron). */
export async function readNeuronInfos(
  client: HetuBaseClient,
  neuronManager: Address,
  netuid: number,
  accounts: readonly Address[],
  blockNumber: bigint,
): Promise<(NeuronInfo | null)[]> {
  const raw = await readMany(client, ACTION, {
    contracts: accounts.map((account) => ({
      address: neuronManager,
      abi: NeuronManagerAbi,
      functionName: 'getNeuronInfo' as const,
      args: [netuid, account] as const,
    })),
    blockNumber,
  })
  return raw.map(toNeuronInfo)
}

/** Alpha balance of each account in one multicall. */
export function readAlphaBalances(
  client: HetuBaseClient,
  alphaToken: Address,
  accounts: readonly Address[],
  blockNumber: bigint,
): Promise<bigint[]> {
  return readMany(client, ACTION, {
    contracts: accounts.map((account) => ({
      address: alphaToken,
      abi: AlphaTokenAbi,
      functionName: 'balanceOf' as const,
      args: [account] as const,
    })),
    blockNumber,
  })
}

/** Each validator's vector through the getWeights action: one eth_call each, all in one batch. */
export function readWeightVectors(
  client: HetuBaseClient,
  netuid: number,
  validators: readonly Address[],
  blockNumber: bigint,
): Promise<WeightEntry[][]> {
  return Promise.all(validators.map((validator) => getWeights(client, { netuid, validator, blockNumber })))
}
