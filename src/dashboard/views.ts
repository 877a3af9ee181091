// What each page shows, as JSON: the live chain through the SDK's reads and Metagraph, the history
// from the store. Amounts are decimal strings of wei; the browser formats them.
import { getAddress, isAddress } from 'viem'
import type { HetuClient } from '../chain/client/createHetuClient.js'
import type { MetagraphEpochOptions } from '../metagraph/epoch.js'
import { Metagraph } from '../metagraph/Metagraph.js'
import { metagraphRows } from '../metagraph/rows.js'
import type { Indexer } from './indexer.js'
import type { DashboardStore } from './store.js'

/** A page asked for something that is not there (404). */
export class NotFound extends Error {}

const json = (value: unknown) => JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v))

export class DashboardViews {
  readonly #client: HetuClient
  readonly #store: DashboardStore
  readonly #indexer: Indexer
  readonly #epoch: MetagraphEpochOptions | undefined
  readonly #graphs = new Map<number, Promise<Metagraph>>()
  /** JSON text by key, valid for one indexed block. */
  readonly #cache = new Map<string, { block: number; text: Promise<string> }>()

  constructor(client: HetuClient, store: DashboardStore, indexer: Indexer, epoch?: MetagraphEpochOptions) {
    this.#client = client
    this.#store = store
    this.#indexer = indexer
    this.#epoch = epoch
    indexer.on('reset', () => {
      this.#graphs.clear()
      this.#cache.clear()
    })
  }

  /** Serves `build()` once per indexed block for the same key. */
  cached(key: string, build: () => Promise<unknown>): Promise<string> {
    const block = this.#indexer.status.indexed ?? -1
    const hit = this.#cache.get(key)
    if (hit && hit.block === block) return hit.text
    const text = build().then(json)
    this.#cache.set(key, { block, text })
    text.catch(() => this.#cache.delete(key))
    return text
  }

  #history(): number {
    const id = this.#indexer.history
    if (id === undefined) throw new NotFound('the chain has not been read yet')
    return id
  }

  /** The subnet's metagraph at the indexed block (read once, then resynced from events). */
  async metagraph(netuid: number): Promise<Metagraph> {
    const target = BigInt(this.#indexer.status.indexed ?? 0)
    let graph = this.#graphs.get(netuid)
    const snapshot = this.#indexer.latestMetagraph(netuid)
    if (!graph && snapshot) {
      graph = Promise.resolve(snapshot)
      this.#graphs.set(netuid, graph)
    }
    if (!graph) {
      graph = Metagraph.sync({
        client: this.#client,
        netuid,
        ...(target > 0n && { blockNumber: target }),
        ...(this.#epoch && { epoch: this.#epoch }),
      })
      this.#graphs.set(netuid, graph)
      graph.catch(() => this.#graphs.delete(netuid))
    }
    const ready = await graph.catch((err) => {
      throw (err as { code?: string }).code === 'SUBNET_NOT_FOUND' ? new NotFound(`no subnet ${netuid}`) : err
    })
    if (ready.block < target) await ready.resync()
    return ready
  }

  /** Reads every subnet's page data once (in the background after start), so first visits are fast. */
  async warm(): Promise<void> {
    const netuids = await this.#client.getSubnets().catch(() => [] as number[])
    for (const netuid of netuids) await this.subnet(netuid).catch(() => undefined)
  }

  status() {
    const network = this.#client.hetu.network
    return { network: network.name, local: network.local, ...this.#indexer.status }
  }

  /** Every subnet: name, owner, neurons, pool, price, emission share; the lock cost and block. */
  network() {
    return this.cached('network', async () => {
      const indexed = this.#indexer.status.indexed ?? -1
      const blockNumber = indexed >= 0 ? BigInt(indexed) : await this.#client.getCurrentBlock()
      const c = this.#client
      const [netuids, lockCost] = await Promise.all([
        c.getSubnets({ blockNumber }),
        c.getNetworkLockCost({ blockNumber }),
      ])
      const subnets = await Promise.all(
        netuids.map(async (netuid) => {
          const [details, pool, neurons, validators] = await Promise.all([
            c.getSubnetDetails({ netuid, blockNumber }),
            c.getPoolInfo({ netuid, blockNumber }),
            c.getSubnetNeuronCount({ netuid, blockNumber }),
            c.getSubnetValidatorCount({ netuid, blockNumber }),
          ])
          const { info } = details
          return {
            netuid,
            name: info.name,
            description: info.description,
            owner: info.owner,
            active: info.isActive,
            neurons,
            validators,
            miners: neurons - validators,
            hetuReserve: details.hetuReserve,
            alphaReserve: details.alphaReserve,
            price: details.spotPrice,
            movingPrice: pool.movingPrice,
          }
        }),
      )
      const totalMoving = subnets.filter((s) => s.active).reduce((sum, s) => sum + s.movingPrice, 0n)
      return {
        block: blockNumber,
        lockCost,
        subnets: subnets.map(({ movingPrice, ...s }) => ({
          ...s,
          emissionShare:
            s.active && totalMoving > 0n ? Number((movingPrice * 1_000_000n) / totalMoving) / 1e6 : 0,
        })),
      }
    })
  }

  /** The subnet page: info, hyperparameters, pool and the metagraph table. */
  subnet(netuid: number) {
    return this.cached(`subnet:${netuid}`, async () => {
      const history = this.#history()
      const graph = await this.metagraph(netuid)
      const block = Number(graph.block)
      const lastWeights = this.#store.lastWeightsBlocks(history, netuid)
      const { block: epochBlock, earned } = this.#store.lastEpochEarned(history, netuid)
      const pool = await this.#client.getPoolInfo({ netuid, blockNumber: graph.block })
      return {
        netuid,
        block,
        subnet: graph.subnet,
        params: graph.params,
        rewardRate: graph.rewardRate,
        pool: { hetuReserve: pool.subnetHetu, alphaReserve: pool.subnetAlphaIn, price: pool.spotPrice },
        lastEpoch: epochBlock,
        indexedFrom: this.#indexer.status.fromBlock,
        neurons: metagraphRows(graph).map((n) => {
          const key = n.hotkey.toLowerCase()
          const weightsBlock = lastWeights.get(key)
          return {
            ...n,
            alphaLastEpoch: earned.get(key) ?? null,
            blocksSinceWeights: n.isValidator && weightsBlock !== undefined ? block - weightsBlock : null,
          }
        }),
      }
    })
  }

  /** Charts: Alpha earned per neuron per epoch (the top earners), pool reserves and price. */
  charts(netuid: number, top = 12) {
    return this.cached(`charts:${netuid}:${top}`, async () => {
      const history = this.#history()
      const epochs = this.#store.epochBlocks(history, netuid, 200)
      const rows = epochs.length > 0 ? this.#store.neuronEpochs(history, netuid, epochs[0]!) : []
      const index = new Map(epochs.map((b, i) => [b, i]))
      const series = new Map<string, (number | null)[]>()
      const totals = new Map<string, bigint>()
      for (const row of rows) {
        const hotkey = String(row.hotkey)
        const values = series.get(hotkey) ?? new Array<number | null>(epochs.length).fill(null)
        series.set(hotkey, values)
        const earned = row.alpha_earned === null ? null : BigInt(String(row.alpha_earned))
        values[index.get(Number(row.block))!] = earned === null ? null : Number(earned) / 1e18
        if (earned !== null) totals.set(hotkey, (totals.get(hotkey) ?? 0n) + earned)
      }
      const best = [...totals.entries()]
        .sort((a, b) => (b[1] > a[1] ? 1 : b[1] < a[1] ? -1 : 0))
        .slice(0, top)
      const pool = this.#store.poolHistory(history, netuid, 2_000)
      return {
        netuid,
        epochs,
        earned: best.map(([hotkey]) => ({ hotkey: getAddress(hotkey), values: series.get(hotkey)! })),
        pool: {
          blocks: pool.map((p) => Number(p.block)),
          price: pool.map((p) => Number(p.price)),
          hetuReserve: pool.map((p) => Number(BigInt(String(p.hetu_reserve))) / 1e18),
          alphaReserve: pool.map((p) => Number(BigInt(String(p.alpha_reserve))) / 1e18),
        },
      }
    })
  }

  /** The weights matrix, validators × miners, as the chain holds it now (raw 0..1 000 000). */
  weights(netuid: number) {
    return this.cached(`weights:${netuid}`, async () => {
      const graph = await this.metagraph(netuid)
      const validators = graph.validators.map((v) => v.uid)
      const miners = graph.miners.map((m) => m.uid)
      const column = new Map(miners.map((uid, j) => [uid, j]))
      const cells: [number, number, number][] = []
      validators.forEach((uid, i) => {
        for (const w of graph.weightsOf(uid)) {
          const j = column.get(w.uid)
          if (j !== undefined) cells.push([i, j, Number(w.weight)])
        }
      })
      return { netuid, block: graph.block, validators, miners, cells }
    })
  }

  /** A neuron: its record now, its history across epochs, weights given and received, its events. */
  neuron(netuid: number, address: string) {
    if (!isAddress(address, { strict: false })) throw new NotFound(`${address} is not an address`)
    const hotkey = getAddress(address)
    return this.cached(`neuron:${netuid}:${hotkey}`, async () => {
      const history = this.#history()
      const graph = await this.metagraph(netuid)
      const uid = graph.uidOf(hotkey)
      const rows = this.#store.neuronHistory(history, netuid, hotkey, 500)
      const weights = this.#store.weightsByEpoch(history, netuid, hotkey)
      if (uid === undefined && rows.length === 0)
        throw new NotFound(`${hotkey} is not a neuron of subnet ${netuid}`)
      const row = uid === undefined ? undefined : metagraphRows(graph)[uid]
      const received: { validator: string; uid: number; weight: bigint }[] = []
      if (uid !== undefined)
        for (const v of graph.validators)
          for (const w of graph.weightsOf(v.uid))
            if (w.uid === uid) received.push({ validator: v.hotkey, uid: v.uid, weight: w.weight })
      return {
        netuid,
        block: graph.block,
        subnetName: graph.subnet.name,
        hotkey,
        current: row && { ...row, registrationBlock: graph.neurons[row.uid]!.registrationBlock },
        history: {
          blocks: rows.map((r) => Number(r.block)),
          stake: rows.map((r) => Number(BigInt(String(r.stake))) / 1e18),
          alpha: rows.map((r) => Number(BigInt(String(r.alpha))) / 1e18),
          alphaEarned: rows.map((r) =>
            r.alpha_earned === null ? null : Number(BigInt(String(r.alpha_earned))) / 1e18,
          ),
          incentive: rows.map((r) => Number(r.incentive)),
          dividends: rows.map((r) => Number(r.dividends)),
          weightsReceived: rows.map((r) => (weights.get(Number(r.block))?.received ?? 0) / 1e6),
          weightsGiven: rows.map((r) => (weights.get(Number(r.block))?.given ?? 0) / 1e6),
        },
        weightsGiven:
          uid === undefined
            ? []
            : graph.weightsOf(uid).map((w) => ({ uid: w.uid, hotkey: w.hotkey, weight: w.weight })),
        weightsReceived: received,
        events: this.#store.accountEvents(history, netuid, hotkey, 100).map((e) => ({
          block: Number(e.block),
          name: String(e.name),
          args: JSON.parse(String(e.args)),
        })),
      }
    })
  }
}
