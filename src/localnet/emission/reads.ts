import type { Address, Hex, Log } from 'viem'
import { numberToHex } from 'viem'
import {
  callData,
  decodeAddresses,
  decodeBool,
  decodeNeuronInfoFields,
  decodePoolReserves,
  decodeWeights,
  type RpcOutcome,
  type RpcRequest,
  rpcBatchSettled,
  type Words,
} from '../../chain/reads.js'
import { isEpochBlock } from '../../consensus/index.js'
import type { HetuContracts } from '../deploy.js'
import { multicallRequests, type ViewCall } from './multicall.js'
import type { BlockInputs, EpochInputs, EpochNeuron, SubnetInputs } from './planBlock.js'
import { tempoOf } from './planBlock.js'
import { REGISTRY_TOPICS, type SubnetRecord, type SubnetRegistry } from './registry.js'

/** What the block reader needs to know; `scannedTo` moves forward as logs are applied. */
export interface ReadContext {
  rpcUrl: string
  contracts: HetuContracts
  system: Address
  registry: SubnetRegistry
  /** Last block whose SubnetManager logs the registry has seen. */
  scannedTo: bigint
  tempo: number | undefined
  timeoutMs: number
}

export interface BlockRead {
  inputs: BlockInputs
  /** Chain head when the reads were made. */
  head: bigint
  /** The system address's next nonce (pending transactions included). */
  nonce: bigint
  /** Round trips this read took (2 normally, 3 with an epoch, +1 when the registry changed). */
  roundTrips: number
}

/** Active subnets and which of them run their epoch in `block`. */
function subnetsToRead(registry: SubnetRegistry, block: bigint, tempo: number | undefined) {
  const active = registry.list().filter((s) => s.activatedAt !== undefined && s.activatedAt < block)
  const epoch = active.filter((s) => isEpochBlock(block, s.netuid, tempoOf(s, tempo)))
  return { active, epoch }
}

function stateCalls(
  contracts: HetuContracts,
  system: Address,
  active: readonly SubnetRecord[],
  epoch: readonly SubnetRecord[],
): ViewCall[] {
  const calls: ViewCall[] = []
  for (const s of active) {
    calls.push({ target: s.ammPool, data: callData.getPoolInfo(), decode: decodePoolReserves })
    calls.push({ target: s.alphaToken, data: callData.isAuthorizedMinter(system), decode: decodeBool })
  }
  for (const s of epoch)
    calls.push({
      target: contracts.NeuronManager,
      data: callData.getNeuronList(s.netuid),
      decode: decodeAddresses,
    })
  return calls
}

function unwrap(outcome: RpcOutcome | undefined): unknown {
  if (!outcome) throw new Error('missing reply')
  if (!outcome.ok) throw outcome.error
  return outcome.result
}

/**
 * The chain's view at the end of `block − 1`, read in a constant number of JSON-RPC round trips
 * whatever the number of subnets and neurons: (1) head, system nonce, new SubnetManager logs and
 * every active subnet's pool reserves, minter flag and — for subnets in their epoch — neuron list,
 * all in one HTTP batch; (2) only in epoch blocks, every neuron's info and stored weights.
 * If the new logs changed the set of subnets, (1)'s state reads are repeated once.
 */
export async function readBlock(ctx: ReadContext, block: bigint): Promise<BlockRead> {
  const at = block - 1n
  const head: RpcRequest = { method: 'eth_blockNumber' }
  const nonce: RpcRequest = { method: 'eth_getTransactionCount', params: [ctx.system, 'pending'] }
  const logs: RpcRequest[] =
    ctx.scannedTo < at
      ? [
          {
            method: 'eth_getLogs',
            params: [
              {
                address: ctx.contracts.SubnetManager,
                topics: [REGISTRY_TOPICS],
                fromBlock: numberToHex(ctx.scannedTo + 1n),
                toBlock: numberToHex(at),
              },
            ],
          },
        ]
      : []
  let targets = subnetsToRead(ctx.registry, block, ctx.tempo)
  let reads = multicallRequests(
    ctx.contracts.Multicall3,
    stateCalls(ctx.contracts, ctx.system, targets.active, targets.epoch),
    at,
  )
  const first = await rpcBatchSettled(ctx.rpcUrl, [head, nonce, ...logs, ...reads.requests], {
    timeoutMs: ctx.timeoutMs,
  })
  let roundTrips = 1
  const headBlock = BigInt(unwrap(first[0]) as Hex)
  const nextNonce = BigInt(unwrap(first[1]) as Hex)
  if (headBlock < at) throw new ChainRewoundError(headBlock, at)
  let stateResults = first.slice(2 + logs.length).map(unwrap)
  if (logs.length > 0) {
    const changed = ctx.registry.apply(unwrap(first[2]) as Log[])
    ctx.scannedTo = at
    if (changed) {
      targets = subnetsToRead(ctx.registry, block, ctx.tempo)
      reads = multicallRequests(
        ctx.contracts.Multicall3,
        stateCalls(ctx.contracts, ctx.system, targets.active, targets.epoch),
        at,
      )
      stateResults = (await rpcBatchSettled(ctx.rpcUrl, reads.requests, { timeoutMs: ctx.timeoutMs })).map(
        unwrap,
      )
      roundTrips++
    }
  }
  const values = reads.decode(stateResults)

  const subnets: SubnetInputs[] = targets.active.map((record, i) => {
    const pool = values[2 * i] as { taoIn: bigint; alphaIn: bigint } | undefined
    return {
      record: { ...record },
      pool,
      minter: values[2 * i + 1] === true,
    }
  })
  const neuronLists = new Map<number, readonly Address[]>()
  targets.epoch.forEach((record, i) => {
    neuronLists.set(
      record.netuid,
      (values[2 * targets.active.length + i] as readonly Address[] | undefined) ?? [],
    )
  })
  if (neuronLists.size > 0) {
    const epochs = await readEpochs(ctx, at, neuronLists)
    roundTrips++
    for (const subnet of subnets) subnet.epoch = epochs.get(subnet.record.netuid)
  }
  return {
    inputs: { block, registeredSubnets: ctx.registry.registeredCount, subnets },
    head: headBlock,
    nonce: nextNonce,
    roundTrips,
  }
}

/** The NeuronInfo fields the epoch uses; null for an account that is not (or no longer) a neuron. */
const epochFields = (w: Words) => decodeNeuronInfoFields(w, ['account', 'isValidator', 'stake'])

/** Every listed neuron's info and weight vector, one HTTP batch for all epoch subnets. */
async function readEpochs(
  ctx: ReadContext,
  at: bigint,
  neuronLists: ReadonlyMap<number, readonly Address[]>,
): Promise<Map<number, EpochInputs>> {
  const calls: ViewCall[] = []
  for (const [netuid, accounts] of neuronLists)
    for (const account of accounts) {
      calls.push({
        target: ctx.contracts.NeuronManager,
        data: callData.getNeuronInfo(netuid, account),
        decode: epochFields,
      })
      calls.push({
        target: ctx.contracts.Weights,
        data: callData.getWeights(netuid, account),
        decode: decodeWeights,
      })
    }
  const reads = multicallRequests(ctx.contracts.Multicall3, calls, at)
  const results = (await rpcBatchSettled(ctx.rpcUrl, reads.requests, { timeoutMs: ctx.timeoutMs })).map(
    unwrap,
  )
  const values = reads.decode(results)
  const out = new Map<number, EpochInputs>()
  let k = 0
  for (const [netuid, accounts] of neuronLists) {
    const neurons: EpochNeuron[] = []
    const weights = new Map<Address, readonly { dest: Address; weight: bigint }[]>()
    for (const account of accounts) {
      const info = values[k++] as ReturnType<typeof epochFields> | undefined
      const vector = values[k++] as readonly { dest: Address; weight: bigint }[] | undefined
      if (!info || info.account.toLowerCase() !== account.toLowerCase()) continue // left between reads
      neurons.push({ address: account, stake: info.stake, isValidator: info.isValidator })
      if (info.isValidator && vector && vector.length > 0) weights.set(account, vector)
    }
    out.set(netuid, { neurons, weights })
  }
  return out
}

/** The chain's head is behind what the module already processed (evm_revert, anvil_reset). */
export class ChainRewoundError extends Error {
  override name = 'ChainRewoundError'
  constructor(
    readonly head: bigint,
    readonly expected: bigint,
  ) {
    super(`chain head ${head} is behind the last processed block ${expected}`)
  }
}
