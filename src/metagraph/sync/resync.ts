import type { Address } from 'viem'
import { AlphaTokenAbi, NeuronManagerAbi, SubnetManagerAbi } from '../../chain/abi/index.js'
import type { HetuBaseClient } from '../../chain/client/types.js'
import { contractAddress, readManyAtBlock, toHyperparams, toSubnetInfo } from '../../chain/reads.js'
import type { NeuronInfo } from '../../chain/types/neuron.js'
import type { WeightEntry } from '../../chain/types/weights.js'
import type { MetagraphState, NeuronState } from '../types.js'
import { type MetagraphEvent, readMetagraphEvents } from './logs.js'
import { readMetagraphState, readNeurons, readWeightVectors } from './readState.js'

/** What a resync did. */
export interface ResyncResult {
  /**
   * `unchanged`: no new block; `incremental`: the events since the last block were applied;
   * `full`: everything was read again (see `reason`).
   */
  mode: 'unchanged' | 'incremental' | 'full'
  fromBlock: bigint
  toBlock: bigint
  /** Contract events applied (incremental mode). */
  events: number
  /** Why a full reload was done instead of applying events. */
  reason?: string
}

export interface ResyncOptions {
  /** Largest block gap replayed from events; a larger one reloads everything. */
  maxBlockRange: bigint
}

/** The events could not be replayed onto the state: reload everything. */
class ReplayMismatch extends Error {}

/**
 * Brings `state` to the latest block by replaying the contract events since `state.block`
 * (registrations, deregistrations with swap-and-pop uids, service and stake updates, weights, Alpha
 * transfers) instead of reading every neuron again:
 * 1. one multicall at the latest block: neuron count, subnet info and params, Alpha supply, block number;
 * 2. the events of the range (one batch of eth_getLogs);
 * 3. only when neurons joined or changed: their info (and a new neuron's balance and weights) at that block.
 * Falls back to a full read when the gap exceeds `maxBlockRange`, the node cannot serve the logs, the
 * chain is behind the state (reorg, restarted node), or the replay does not match the chain's count.
 */
export async function resyncState(
  client: HetuBaseClient,
  state: MetagraphState,
  options: ResyncOptions,
): Promise<{ state: MetagraphState; result: ResyncResult }> {
  const { netuid } = state
  const manager = client.hetu.network.contracts.SubnetManager!
  const head = await readManyAtBlock(client, 'Metagraph.resync', [
    {
      address: state.contracts.NeuronManager,
      abi: NeuronManagerAbi,
      functionName: 'getNeuronCount',
      args: [netuid],
    },
    { address: manager, abi: SubnetManagerAbi, functionName: 'getSubnetInfo', args: [netuid] },
    { address: manager, abi: SubnetManagerAbi, functionName: 'getSubnetParams', args: [netuid] },
    { address: state.contracts.alphaToken, abi: AlphaTokenAbi, functionName: 'totalSupply' },
  ])
  const toBlock = head.blockNumber
  const fromBlock = state.block
  const full = async (reason: string) => ({
    state: await readMetagraphState(client, { netuid }),
    result: { mode: 'full' as const, fromBlock, toBlock, events: 0, reason },
  })
  if (toBlock === fromBlock) return { state, result: { mode: 'unchanged', fromBlock, toBlock, events: 0 } }
  if (toBlock < fromBlock)
    return full(`the chain is at block ${toBlock}, behind the metagraph's ${fromBlock}`)
  if (toBlock - fromBlock > options.maxBlockRange)
    return full(`${toBlock - fromBlock} blocks since the last sync (more than ${options.maxBlockRange})`)

  let events: MetagraphEvent[]
  try {
    events = await readMetagraphEvents(client, {
      netuid,
      fromBlock: fromBlock + 1n,
      toBlock,
      neuronManager: state.contracts.NeuronManager,
      globalStaking: contractAddress(client, 'GlobalStaking'),
      weights: state.contracts.Weights,
      alphaToken: state.contracts.alphaToken,
    })
  } catch (err) {
    return full(`logs unavailable: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`)
  }

  const [count, rawInfo, rawParams, alphaSupply] = head.results
  try {
    const next = await replay(client, state, events, toBlock)
    if (next.neurons.length !== Number(count))
      throw new ReplayMismatch(`replayed ${next.neurons.length} neurons, the chain has ${count}`)
    return {
      state: { ...next, subnet: toSubnetInfo(rawInfo), params: toHyperparams(rawParams), alphaSupply },
      result: { mode: 'incremental', fromBlock, toBlock, events: events.length },
    }
  } catch (err) {
    if (err instanceof ReplayMismatch) return full(err.message)
    throw err
  }
}

/** Applies the events in chain order; re-reads at `toBlock` what events do not carry in full. */
async function replay(
  client: HetuBaseClient,
  state: MetagraphState,
  events: readonly MetagraphEvent[],
  toBlock: bigint,
): Promise<MetagraphState> {
  const key = (address: string) => address.toLowerCase()
  const byKey = new Map(state.neurons.map((neuron) => [key(neuron.account), neuron]))
  const list: Address[] = state.neurons.map((neuron) => neuron.account)
  const position = new Map(list.map((account, i) => [key(account), i]))
  /** Registered in the range: read whole at toBlock (info, balance, weights). */
  const fresh = new Map<string, { account: Address; isValidator: boolean }>()
  /** Service or stake changed: info read again at toBlock (lastUpdate is the block's timestamp). */
  const changed = new Set<string>()
  const weights = new Map(state.weights)
  const balanceDelta = new Map<string, bigint>()

  for (const event of events) {
    switch (event.kind) {
      case 'registered': {
        const k = key(event.account)
        if (position.has(k)) throw new ReplayMismatch(`${event.account} registered twice`)
        position.set(k, list.length)
        list.push(event.account)
        fresh.set(k, { account: event.account, isValidator: event.isValidator })
        weights.delete(k)
        break
      }
      case 'deregistered': {
        // Swap-and-pop, as NeuronManager does: the last neuron takes the leaver's uid.
        const k = key(event.account)
        const at = position.get(k)
        if (at === undefined)
          throw new ReplayMismatch(`${event.account} deregistered without being registered`)
        const last = list.pop()!
        if (at < list.length) {
          list[at] = last
          position.set(key(last), at)
        }
        position.delete(k)
        fresh.delete(k)
        changed.delete(k)
        weights.delete(k)
        byKey.delete(k)
        break
      }
      case 'serviceUpdated':
      case 'stakeChanged': {
        const k = key(event.account)
        if (!fresh.has(k)) changed.add(k)
        break
      }
      case 'allocationChanged': {
        // Stake is the live allocation; accounts that are not (yet) neurons are read when they register.
        const k = key(event.account)
        if (position.has(k) && !fresh.has(k)) changed.add(k)
        break
      }
      case 'weightsSet': {
        const k = key(event.validator)
        if (!fresh.has(k)) weights.set(k, event.weights)
        break
      }
      case 'transfer': {
        for (const [account, sign] of [
          [event.from, -1n],
          [event.to, 1n],
        ] as const) {
          const k = key(account)
          if (byKey.has(k)) balanceDelta.set(k, (balanceDelta.get(k) ?? 0n) + sign * event.value)
        }
        break
      }
    }
  }

  const reread = [...new Set([...fresh.keys(), ...changed])].map(
    (k) => fresh.get(k)?.account ?? byKey.get(k)!.account,
  )
  const freshValidators = [...fresh.values()].filter((f) => f.isValidator).map((f) => f.account)
  const [{ infos, balances: rereadBalances }, vectors] = await Promise.all([
    readNeurons(client, {
      neuronManager: state.contracts.NeuronManager,
      globalStaking: contractAddress(client, 'GlobalStaking'),
      alphaToken: state.contracts.alphaToken,
      netuid: state.netuid,
      accounts: reread,
      blockNumber: toBlock,
    }),
    state.contracts.Weights
      ? readWeightVectors(client, state.netuid, freshValidators, toBlock)
      : Promise.resolve([] as WeightEntry[][]),
  ])
  const infoOf = new Map<string, NeuronInfo>()
  reread.forEach((account, i) => {
    const info = infos[i]
    if (!info) throw new ReplayMismatch(`${account} is not a neuron at block ${toBlock}`)
    infoOf.set(key(account), info)
  })
  const balanceOf = new Map(reread.map((account, i) => [key(account), rereadBalances[i]!]))
  freshValidators.forEach((validator, i) => {
    weights.set(key(validator), vectors[i]!)
  })

  const neurons: NeuronState[] = list.map((account) => {
    const k = key(account)
    const previous = byKey.get(k)
    const info = infoOf.get(k)
    // Re-read neurons come with their balance at toBlock; the others add up their transfers.
    if (info) return { ...info, alphaBalance: balanceOf.get(k)! }
    return { ...previous!, alphaBalance: previous!.alphaBalance + (balanceDelta.get(k) ?? 0n) }
  })
  // Only current validators' vectors count (a leaver's vector stays on chain but is not read).
  const validatorKeys = new Set(neurons.filter((n) => n.isValidator).map((n) => key(n.account)))
  for (const k of [...weights.keys()]) if (!validatorKeys.has(k)) weights.delete(k)

  return { ...state, block: toBlock, neurons, weights }
}
