import type { Address } from 'viem'
import { z } from 'zod'
import { getCurrentBlock } from '../chain/actions/block/getCurrentBlock.js'
import { getSubnetNeurons } from '../chain/actions/neuron/getSubnetNeurons.js'
import { getSubnetInfo } from '../chain/actions/subnet/getSubnetInfo.js'
import { getSubnets } from '../chain/actions/subnet/getSubnets.js'
import type { HetuBaseClient } from '../chain/client/types.js'
import { InvalidArgumentError } from '../chain/errors/amount.js'
import type { SubnetNotFoundError } from '../chain/errors/contract.js'
import type { RpcUnavailableError } from '../chain/errors/network.js'
import type { ReadOptions } from '../chain/types/read.js'
import { axonOf } from '../metagraph/axon.js'
import type { MetagraphAxon } from '../metagraph/types.js'

export type DiscoverServicesParameters = {
  /** The synapse (route) the service must serve, e.g. 'Completion'. */
  synapseName: string
  /** Look in this subnet only; default: every active subnet. */
  netuid?: number
  /** Which neurons to ask (default 'any'). */
  role?: 'any' | 'miner' | 'validator'
  /** Least stake a neuron needs to be asked (default 1 wei: "active neurons with stake"). */
  minStake?: bigint
  /** Time allowed per axon for `GET /`, ms (default 2000). */
  timeoutMs?: number
  /** Axons asked at once (default 32). */
  concurrency?: number
  /** Cancels the probes still running (they count as unreachable). */
  signal?: AbortSignal
} & ReadOptions

/** A neuron whose axon answered `GET /` with its hotkey and lists the synapse. */
export interface DiscoveredService {
  netuid: number
  uid: number
  hotkey: Address
  isValidator: boolean
  stake: bigint
  axon: MetagraphAxon
  /** Version the axon announces. */
  version: number
  /** Round-trip time of its `GET /` (ms): a first measure of how far it is. */
  latencyMs: number
  /** The synapse as the axon describes it (JSON Schemas of its fields when it gives them). */
  synapse: { name: string; streaming: boolean; hashFields: string[]; request?: unknown; response?: unknown }
}

export type DiscoverServicesReturnType = DiscoveredService[]
export type DiscoverServicesErrorType = SubnetNotFoundError | RpcUnavailableError | InvalidArgumentError

/** Largest discovery document read from an axon; bigger answers count as unreachable. */
const MAX_DOCUMENT_BYTES = 1024 * 1024

const documentSchema = z.object({
  hotkey: z.string(),
  version: z.number().int().nonnegative().catch(0),
  synapses: z.array(
    z.object({
      name: z.string(),
      streaming: z.boolean().catch(false),
      hashFields: z.array(z.string()).catch([]),
      request: z.unknown().optional(),
      response: z.unknown().optional(),
    }),
  ),
})
type DiscoveryDocument = z.infer<typeof documentSchema>

interface Candidate {
  netuid: number
  uid: number
  hotkey: Address
  isValidator: boolean
  stake: bigint
  axon: MetagraphAxon
}

/**
 * Cross-subnet service discovery (the Python SDK's `discover_cross_subnet_services`): the active neurons,
 * with stake and a served axon, of one or every active subnet whose axon answers `GET /` with their own
 * hotkey and lists `synapseName`. Chain reads are pinned to one block and batched; axons are asked
 * with bounded concurrency and a timeout each, and the unreachable, silent, oversized or impostor
 * ones (another hotkey at that endpoint) are skipped. Sorted by netuid, then stake (highest first).
 */
export async function discoverServices(
  client: HetuBaseClient,
  parameters: DiscoverServicesParameters,
): Promise<DiscoverServicesReturnType> {
  const {
    synapseName,
    netuid,
    role = 'any',
    minStake = 1n,
    timeoutMs = 2000,
    concurrency = 32,
    signal,
  } = parameters
  if (typeof synapseName !== 'string' || synapseName.length === 0)
    throw new InvalidArgumentError('synapseName', 'must be a non-empty synapse name')
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new InvalidArgumentError('concurrency', `${concurrency} is not a positive integer`)
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw new InvalidArgumentError('timeoutMs', `${timeoutMs} is not a positive number of ms`)

  const blockNumber = parameters.blockNumber ?? (await getCurrentBlock(client))
  const netuids = netuid !== undefined ? [netuid] : await getSubnets(client, { blockNumber })
  const subnets = await Promise.all(
    netuids.map(async (id) => {
      const [info, neurons] = await Promise.all([
        getSubnetInfo(client, { netuid: id, blockNumber }),
        getSubnetNeurons(client, { netuid: id, blockNumber }),
      ])
      return { netuid: id, isActive: info.isActive, neurons }
    }),
  )

  const candidates: Candidate[] = []
  for (const subnet of subnets) {
    if (!subnet.isActive) continue
    subnet.neurons.forEach((neuron, uid) => {
      if (!neuron.isActive || neuron.stake < minStake) return
      if (role === 'miner' && neuron.isValidator) return
      if (role === 'validator' && !neuron.isValidator) return
      const axon = axonOf(neuron.account, neuron.axonEndpoint, neuron.axonPort)
      if (!axon.isServing) return
      candidates.push({
        netuid: subnet.netuid,
        uid,
        hotkey: neuron.account,
        isValidator: neuron.isValidator,
        stake: neuron.stake,
        axon,
      })
    })
  }

  // One probe per endpoint, however many neurons announce it.
  const endpoints = [...new Set(candidates.map((c) => c.axon.endpoint))]
  const documents = new Map<string, { doc: DiscoveryDocument; latencyMs: number } | undefined>()
  await forEachLimited(endpoints, concurrency, async (endpoint) => {
    const started = performance.now()
    const doc = await probe(endpoint, timeoutMs, signal)
    documents.set(endpoint, doc && { doc, latencyMs: performance.now() - started })
  })

  const services: DiscoveredService[] = []
  for (const candidate of candidates) {
    const found = documents.get(candidate.axon.endpoint)
    if (!found) continue
    const { doc, latencyMs } = found
    if (doc.hotkey.toLowerCase() !== candidate.hotkey.toLowerCase()) continue
    const synapse = doc.synapses.find((s) => s.name === synapseName)
    if (!synapse) continue
    services.push({ ...candidate, version: doc.version, latencyMs, synapse })
  }
  return services.sort((a, b) =>
    a.netuid !== b.netuid
      ? a.netuid - b.netuid
      : a.stake !== b.stake
        ? b.stake > a.stake
          ? 1
          : -1
        : a.uid - b.uid,
  )
}

/** `GET /` of an axon; undefined when it does not answer a discovery document in time. */
async function probe(
  endpoint: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<DiscoveryDocument | undefined> {
  const url = new URL(endpoint)
  // An axon announcing the wildcard address is dialled locally, as the dendrite does.
  if (url.hostname === '0.0.0.0' || url.hostname === '[::]') url.hostname = '127.0.0.1'
  const timeout = AbortSignal.timeout(timeoutMs)
  try {
    const response = await fetch(url, {
      headers: { accept: 'application/json' },
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      redirect: 'error',
    })
    if (!response.ok || !response.body) {
      await response.body?.cancel()
      return undefined
    }
    const text = await readCapped(response.body, MAX_DOCUMENT_BYTES)
    if (text === undefined) return undefined
    const parsed = documentSchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

async function readCapped(body: ReadableStream<Uint8Array>, limit: number): Promise<string | undefined> {
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel()
      return undefined
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}
