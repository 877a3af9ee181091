import { type Address, decodeFunctionResult, encodeFunctionData } from 'viem'
import { AlphaTokenAbi, NeuronManagerAbi, SubnetManagerAbi } from '../../chain/abi/index.js'
import { getNeuronInfos } from '../../chain/actions/neuron/getNeuronInfos.js'
import { getWeights } from '../../chain/actions/weights/getWeights.js'
import type { HetuBaseClient } from '../../chain/client/types.js'
import { ContractRevertError } from '../../chain/errors/contract.js'
import {
  assertNetuid,
  contractAddress,
  decodeAddresses,
  decodeAggregate,
  encodeAggregate,
  readHetu,
  readMany,
  readManyAtBlock,
  readRaw,
  subnetReadFailed,
  toHyperparams,
  toSubnetInfo,
  Words,
  withMulticall,
} from '../../chain/reads.js'
import type { NeuronInfo } from '../../chain/types/neuron.js'
import type { WeightEntry } from '../../chain/types/weights.js'
import { metagraphReaderRuntime } from '../reader/bytecode.js'
import { decodeReaderRecords, readerCallData } from '../reader/packed.js'
import type { MetagraphState, NeuronState } from '../types.js'

const ACTION = 'Metagraph.sync'

/**
 * Reads a subnet's whole metagraph in two round trips whatever its size:
 * 1. one multicall: neuron list, validator list, subnet info and params (and the block number when
 *    none is given, so everything after is pinned to the state this came from);
 * 2. one JSON-RPC batch at that block: every neuron's info and Alpha balance (see {@link readNeurons}),
 *    the Alpha supply, and each validator's weight vector.
 */
export async function readMetagraphState(
  client: HetuBaseClient,
  { netuid, blockNumber }: { netuid: number; blockNumber?: bigint },
): Promise<MetagraphState> {
  assertNetuid(netuid)
  const neuronManager = contractAddress(client, 'NeuronManager')
  const manager = contractAddress(client, 'SubnetManager')
  const weightsContract = client.hetu.network.contracts.Weights ?? null

  const { block, list, validators, rawInfo, rawParams } = await readHead(client, {
    netuid,
    neuronManager,
    manager,
    blockNumber,
  }).catch((err) => subnetReadFailed(client, netuid, blockNumber, err))
  const subnet = toSubnetInfo(rawInfo)

  const [{ infos, balances }, supply, vectors] = await Promise.all([
    readNeurons(client, {
      neuronManager,
      globalStaking: contractAddress(client, 'GlobalStaking'),
      alphaToken: subnet.alphaToken,
      netuid,
      accounts: list,
      blockNumber: block,
    }),
    readHetu(client, ACTION, {
      address: subnet.alphaToken,
      abi: AlphaTokenAbi,
      functionName: 'totalSupply',
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
    alphaSupply: supply,
    neurons,
    weights,
  }
}

/**
 * The first round trip: neuron list, validator list, subnet info and params, and the block they are
 * from. Through Multicall3's `aggregate` (which returns the block number), the two address lists decoded
 * by the codec (viem's decoder checksums each of up to 4096 addresses); without a Multicall3, through
 * {@link readManyAtBlock}'s plain reads.
 */
async function readHead(
  client: HetuBaseClient,
  {
    netuid,
    neuronManager,
    manager,
    blockNumber,
  }: { netuid: number; neuronManager: Address; manager: Address; blockNumber: bigint | undefined },
) {
  const listCall = { abi: NeuronManagerAbi, functionName: 'getNeuronList', args: [netuid] } as const
  const infoCall = { abi: SubnetManagerAbi, functionName: 'getSubnetInfo', args: [netuid] } as const
  const paramsCall = { abi: SubnetManagerAbi, functionName: 'getSubnetParams', args: [netuid] } as const
  const validatorsCall = {
    abi: NeuronManagerAbi,
    functionName: 'getSubnetValidators',
    args: [netuid],
  } as const
  return withMulticall(
    client,
    async (multicall3) => {
      const { blockNumber: at, returnData } = decodeAggregate(
        await readRaw(client, ACTION, {
          to: multicall3,
          data: encodeAggregate([
            { target: neuronManager, data: encodeFunctionData(listCall) },
            { target: neuronManager, data: encodeFunctionData(validatorsCall) },
            { target: manager, data: encodeFunctionData(infoCall) },
            { target: manager, data: encodeFunctionData(paramsCall) },
          ]),
          blockNumber,
        }),
      )
      const [list, validators, info, params] = returnData as [Words, Words, Words, Words]
      return {
        block: blockNumber ?? at,
        list: decodeAddresses(list),
        validators: decodeAddresses(validators),
        rawInfo: decodeFunctionResult({ ...infoCall, data: info.toHex() }),
        rawParams: decodeFunctionResult({ ...paramsCall, data: params.toHex() }),
      }
    },
    async () => {
      const { blockNumber: block, results } = await readManyAtBlock(
        client,
        ACTION,
        [
          { address: neuronManager, ...listCall },
          { address: neuronManager, ...validatorsCall },
          { address: manager, ...infoCall },
          { address: manager, ...paramsCall },
        ],
        blockNumber,
      )
      const [list, validators, rawInfo, rawParams] = results
      return { block, list, validators, rawInfo, rawParams }
    },
  )
}

/** Accounts per reader call: ~6 M gas, well under nodes' eth_call gas caps (25 M on cosmos-evm). */
export const READER_CHUNK = 256

/** Where the reader's code is placed for the call ("MetagraphReader" in ASCII; nothing lives there). */
const READER_ADDRESS: Address = '0x4d65746167726170685265616465720000000000'

/** Clients whose node refused a state override: they read through Multicall3 from then on. */
const noStateOverride = new WeakSet<HetuBaseClient>()

/**
 * Each account's NeuronInfo (null for an account that is not a neuron; `stake` is its live allocation)
 * and Alpha balance at
 * `blockNumber`, in one JSON-RPC batch whatever the count. Through the MetagraphReader placed by a
 * state override: one eth_call per {@link READER_CHUNK} accounts carrying ~32 request bytes per account,
 * where a Multicall3 aggregate carries ~480 (4096 neurons would exceed anvil's 2 MB request limit).
 * A node without state overrides (older Evmos-based chains) gets the Multicall3 reads instead.
 */
export async function readNeurons(
  client: HetuBaseClient,
  args: {
    neuronManager: Address
    globalStaking: Address
    alphaToken: Address
    netuid: number
    accounts: readonly Address[]
    blockNumber: bigint
  },
): Promise<{ infos: (NeuronInfo | null)[]; balances: bigint[] }> {
  if (args.accounts.length === 0) return { infos: [], balances: [] }
  if (!noStateOverride.has(client)) {
    try {
      return await readThroughReader(client, args)
    } catch (err) {
      if (err instanceof ContractRevertError) throw err
      // Refused or not understood: try the plain way; remember the choice once that works.
      const read = await readThroughMulticall(client, args)
      noStateOverride.add(client)
      return read
    }
  }
  return readThroughMulticall(client, args)
}

async function readThroughReader(
  client: HetuBaseClient,
  args: Parameters<typeof readNeurons>[1],
): Promise<{ infos: (NeuronInfo | null)[]; balances: bigint[] }> {
  const chunks: Address[][] = []
  for (let i = 0; i < args.accounts.length; i += READER_CHUNK)
    chunks.push(args.accounts.slice(i, i + READER_CHUNK))
  const results = await Promise.all(
    chunks.map(async (accounts) => {
      const w = new Words(
        await readRaw(client, ACTION, {
          to: READER_ADDRESS,
          data: readerCallData(args, accounts),
          stateOverride: [{ address: READER_ADDRESS, code: metagraphReaderRuntime }],
          blockNumber: args.blockNumber,
        }),
      )
      return decodeReaderRecords(w.bytes(w.number(0)).hex, accounts, args.netuid)
    }),
  )
  return {
    infos: results.flatMap((r) => r.infos),
    balances: results.flatMap((r) => r.balances),
  }
}

async function readThroughMulticall(
  client: HetuBaseClient,
  args: Parameters<typeof readNeurons>[1],
): Promise<{ infos: (NeuronInfo | null)[]; balances: bigint[] }> {
  const [infos, balances] = await Promise.all([
    getNeuronInfos(client, { netuid: args.netuid, accounts: args.accounts, blockNumber: args.blockNumber }),
    readMany(client, ACTION, {
      contracts: args.accounts.map((account) => ({
        address: args.alphaToken,
        abi: AlphaTokenAbi,
        functionName: 'balanceOf' as const,
        args: [account] as const,
      })),
      blockNumber: args.blockNumber,
    }),
  ])
  return { infos, balances }
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
