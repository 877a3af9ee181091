import { type Address, decodeEventLog, encodeEventTopics, getAddress, type Hex, numberToHex } from 'viem'
import { AlphaTokenAbi, GlobalStakingAbi, NeuronManagerAbi, WeightsAbi } from '../../chain/abi/index.js'
import type { HetuBaseClient } from '../../chain/client/types.js'
import { toHetuError } from '../../chain/errors/decode.js'
import type { WeightEntry } from '../../chain/types/weights.js'

/** A contract event that changes a metagraph, decoded, in chain order. */
export type MetagraphEvent =
  | { kind: 'registered'; account: Address; isValidator: boolean; at: LogPosition }
  | { kind: 'deregistered'; account: Address; at: LogPosition }
  | { kind: 'serviceUpdated'; account: Address; at: LogPosition }
  | { kind: 'stakeChanged'; account: Address; newStake: bigint; at: LogPosition }
  /** GlobalStaking changed an account's allocation to the subnet (it may not be a neuron). */
  | { kind: 'allocationChanged'; account: Address; at: LogPosition }
  | { kind: 'weightsSet'; validator: Address; weights: WeightEntry[]; at: LogPosition }
  | { kind: 'transfer'; from: Address; to: Address; value: bigint; at: LogPosition }

export interface LogPosition {
  blockNumber: bigint
  logIndex: number
}

interface RpcLog {
  data: Hex
  topics: [Hex, ...Hex[]]
  blockNumber: Hex
  logIndex: Hex
  removed?: boolean
}

const NEURON_EVENTS = [
  'NeuronRegistered',
  'NeuronDeregistered',
  'ServiceUpdated',
  'StakeAllocationChanged',
] as const

function topic0(abi: typeof NeuronManagerAbi, eventName: (typeof NEURON_EVENTS)[number]): Hex {
  return encodeEventTopics({ abi, eventName })[0]!
}

/**
 * The events of one subnet between two blocks (inclusive), in one round trip: NeuronManager's neuron
 * events, GlobalStaking's allocation changes and Weights' WeightsSet filtered by the netuid topic, and
 * every Transfer of the subnet's Alpha token (four eth_getLogs in one JSON-RPC batch). Sorted by block
 * and log index.
 */
export async function readMetagraphEvents(
  client: HetuBaseClient,
  args: {
    netuid: number
    fromBlock: bigint
    toBlock: bigint
    neuronManager: Address
    globalStaking: Address
    weights: Address | null
    alphaToken: Address
  },
): Promise<MetagraphEvent[]> {
  const range = { fromBlock: numberToHex(args.fromBlock), toBlock: numberToHex(args.toBlock) }
  const netuidTopic = encodeEventTopics({
    abi: NeuronManagerAbi,
    eventName: 'NeuronDeregistered',
    args: { netuid: args.netuid },
  })[1] as Hex
  const getLogs = (address: Address, topics: (Hex | Hex[] | null)[]) =>
    client.request({
      method: 'eth_getLogs',
      params: [{ address, ...range, topics }],
    }) as Promise<RpcLog[]>
  try {
    const [neuronLogs, allocationLogs, weightLogs, transferLogs] = await Promise.all([
      getLogs(args.neuronManager, [NEURON_EVENTS.map((name) => topic0(NeuronManagerAbi, name)), netuidTopic]),
      // (user, netuid) are both indexed: netuid is the third topic.
      getLogs(args.globalStaking, [ALLOCATION_TOPICS, null, netuidTopic]),
      args.weights
        ? getLogs(args.weights, [
            encodeEventTopics({ abi: WeightsAbi, eventName: 'WeightsSet' })[0]!,
            netuidTopic,
          ])
        : Promise.resolve([]),
      getLogs(args.alphaToken, [encodeEventTopics({ abi: AlphaTokenAbi, eventName: 'Transfer' })[0]!]),
    ])
    const events = [
      ...neuronLogs.flatMap(decodeNeuronLog),
      ...allocationLogs.flatMap(decodeAllocationLog),
      ...weightLogs.flatMap(decodeWeightsLog),
      ...transferLogs.flatMap(decodeTransferLog),
    ]
    return events.sort((a, b) =>
      a.at.blockNumber === b.at.blockNumber
        ? a.at.logIndex - b.at.logIndex
        : a.at.blockNumber < b.at.blockNumber
          ? -1
          : 1,
    )
  } catch (err) {
    throw toHetuError(err, { action: 'Metagraph.resync', rpcUrl: client.hetu.network.rpcUrl })
  }
}

function position(log: RpcLog): LogPosition {
  return { blockNumber: BigInt(log.blockNumber), logIndex: Number(log.logIndex) }
}

function decodeNeuronLog(log: RpcLog): MetagraphEvent[] {
  if (log.removed) return []
  const at = position(log)
  const event = decodeEventLog({ abi: NeuronManagerAbi, data: log.data, topics: log.topics })
  switch (event.eventName) {
    case 'NeuronRegistered':
      return [{ kind: 'registered', account: event.args.account, isValidator: event.args.isValidator, at }]
    case 'NeuronDeregistered':
      return [{ kind: 'deregistered', account: event.args.account, at }]
    case 'ServiceUpdated':
      return [{ kind: 'serviceUpdated', account: event.args.account, at }]
    case 'StakeAllocationChanged':
      return [{ kind: 'stakeChanged', account: event.args.account, newStake: event.args.newStake, at }]
    default:
      return []
  }
}

const ALLOCATION_TOPICS = (['SubnetAllocationChanged', 'DeallocatedFromSubnet'] as const).map(
  (eventName) => encodeEventTopics({ abi: GlobalStakingAbi, eventName })[0]!,
)

function decodeAllocationLog(log: RpcLog): MetagraphEvent[] {
  if (log.removed) return []
  // Both events carry the user as topic 1.
  return [
    { kind: 'allocationChanged', account: getAddress(`0x${log.topics[1]!.slice(26)}`), at: position(log) },
  ]
}

function decodeWeightsLog(log: RpcLog): MetagraphEvent[] {
  if (log.removed) return []
  const event = decodeEventLog({
    abi: WeightsAbi,
    eventName: 'WeightsSet',
    data: log.data,
    topics: log.topics,
  })
  return [
    {
      kind: 'weightsSet',
      validator: event.args.validator,
      weights: event.args.weights.map(({ dest, weight }) => ({ dest, weight })),
      at: position(log),
    },
  ]
}

function decodeTransferLog(log: RpcLog): MetagraphEvent[] {
  if (log.removed) return []
  const event = decodeEventLog({
    abi: AlphaTokenAbi,
    eventName: 'Transfer',
    data: log.data,
    topics: log.topics,
  })
  return [
    {
      kind: 'transfer',
      from: event.args.from,
      to: event.args.to,
      value: event.args.value,
      at: position(log),
    },
  ]
}
