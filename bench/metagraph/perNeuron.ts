// The reference the read benches measure against: what a per-neuron loop does (hetu-pysdk hb_dev's
// metagraph, the Python SDK README's examples). getNeuronList, then per neuron getNeuronInfo (and,
// for a metagraph, its Alpha balanceOf and a validator's getWeights), each awaited, no batching.
import { type Address, createPublicClient, http } from 'viem'
import { readContract } from 'viem/actions'
import { AlphaTokenAbi, NeuronManagerAbi, WeightsAbi } from '../../src/chain/actions/index.js'

export interface PerNeuronLoopOptions {
  contracts: { NeuronManager: Address; Weights?: Address }
  netuid: number
  /** Also read each neuron's balance of this Alpha token and each validator's weights (a metagraph). */
  alphaToken?: Address
  /** Only the first `limit` neurons of the list (a sample, where the whole loop would take minutes). */
  limit?: number
}

export interface PerNeuronLoopResult {
  /** One entry per neuron read. */
  rows: unknown[]
  /** Neurons in the subnet (the list's length). */
  neurons: number
  /** Validators among the neurons read. */
  validators: number
  /** Time of the list call and of the per-neuron loop after it (ms). */
  listMs: number
  loopMs: number
}

export async function perNeuronLoop(
  rpcUrl: string,
  options: PerNeuronLoopOptions,
): Promise<PerNeuronLoopResult> {
  const { contracts, netuid, alphaToken } = options
  const client = createPublicClient({ transport: http(rpcUrl, { batch: false }) })
  let started = performance.now()
  const list = await readContract(client, {
    address: contracts.NeuronManager,
    abi: NeuronManagerAbi,
    functionName: 'getNeuronList',
    args: [netuid],
  })
  const listMs = performance.now() - started
  started = performance.now()
  const rows: unknown[] = []
  let validators = 0
  for (const account of list.slice(0, options.limit ?? list.length)) {
    const info = await readContract(client, {
      address: contracts.NeuronManager,
      abi: NeuronManagerAbi,
      functionName: 'getNeuronInfo',
      args: [netuid, account],
    })
    if (!alphaToken) {
      rows.push(info)
      continue
    }
    const balance = await readContract(client, {
      address: alphaToken,
      abi: AlphaTokenAbi,
      functionName: 'balanceOf',
      args: [account],
    })
    let weights: unknown = []
    if (info.isValidator && contracts.Weights) {
      validators++
      weights = await readContract(client, {
        address: contracts.Weights,
        abi: WeightsAbi,
        functionName: 'getWeights',
        args: [netuid, account],
      })
    }
    rows.push({ info, balance, weights })
  }
  return { rows, neurons: list.length, validators, listMs, loopMs: performance.now() - started }
}
