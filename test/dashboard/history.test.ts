// The dashboard's history on real localnets (anvil, automine): it resumes where it stopped, rolls
// back a reorg and reads the blocks again, opens a new history when the chain behind the URL is a new
// one, and catches up after an RPC outage. The tests share one localnet (each has its own history
// file), but for the restart test's two; the pruning test, which mines 2 304 blocks, runs last.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { rpc } from '../../src/chain/reads.js'
import {
  type Dashboard,
  DashboardStore,
  type HetuClient,
  type Localnet,
  parseHetu,
  startDashboard,
  startLocalnet,
} from '../../src/index.js'
import { activeSubnet, devClient, startRpcRelay, tempDir, waitFor } from './helpers.js'

const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined)
})

async function localnet(): Promise<Localnet> {
  const net = await startLocalnet({ accounts: 4 })
  cleanups.push(() => net.stop())
  return net
}

/** The localnet the tests share. */
let shared: Localnet
beforeAll(async () => {
  shared = await startLocalnet({ accounts: 4 })
})
afterAll(async () => {
  await shared?.stop()
})

/** Clients here do not retry: an unreachable RPC shows at once. */
const clientOf = (net: Localnet, rpcUrl = net.rpcUrl, key = 0) => devClient(net, key, rpcUrl, 0)

/** A localnet (the shared one unless told) behind an RPC relay, and the owner's client through the relay. */
async function relayedLocalnet(net: Localnet = shared) {
  const relay = await startRpcRelay(net.rpcUrl)
  cleanups.push(() => relay.close())
  return { net, relay, owner: await clientOf(net, relay.url) }
}

async function dashboardOn(client: HetuClient, db: string): Promise<Dashboard> {
  const dashboard = await startDashboard({ client, db, pollMs: 50, probeAxons: false })
  cleanups.push(() => dashboard.close())
  return dashboard
}

const subnet = (client: HetuClient) => activeSubnet(client, 'history')

const caughtUp = (dashboard: Dashboard, block: bigint | number) =>
  waitFor(`the index at block ${block}`, () => (dashboard.indexer.status.indexed ?? -1) >= Number(block))

describe('dashboard history', () => {
  it('resumes where it stopped, without reading blocks twice', async () => {
    await using dir = await tempDir()
    const db = `${dir.dir}/history.sqlite`
    const owner = await clientOf(shared)
    const subnetsBefore = (await owner.getSubnets()).length
    await subnet(owner)
    const first = await dashboardOn(owner, db)
    await caughtUp(first, await owner.getCurrentBlock())
    const { history } = first.indexer.status
    await first.close()
    const stoppedAt = new DashboardStore(db)
    const before = stoppedAt.chains()[0]!
    const eventsBefore = stoppedAt.count('events', before.id)
    stoppedAt.close()

    // A second subnet while the dashboard is away.
    await subnet(owner)
    const second = await dashboardOn(owner, db)
    expect(second.indexer.status.history).toBe(history)
    await caughtUp(second, await owner.getCurrentBlock())
    expect(second.store.chains()).toHaveLength(1)
    const networkRegistered = (second.store as DashboardStore).count('events', before.id)
    expect(networkRegistered).toBeGreaterThan(eventsBefore)
    const page = (await (await fetch(new URL('/api/network', second.url))).json()) as { subnets: unknown[] }
    expect(page.subnets).toHaveLength(subnetsBefore + 2)
  })

  it('rolls back a reorg and reads the new blocks', async () => {
    await using dir = await tempDir()
    const net = shared
    const owner = await clientOf(net)
    const netuid = await subnet(owner)
    const dashboard = await dashboardOn(owner, `${dir.dir}/history.sqlite`)
    const fork = await rpc<string>(net.rpcUrl, 'evm_snapshot', [])
    const forkBlock = await owner.getCurrentBlock()

    // A neuron registers, the dashboard records it, then the chain drops those blocks.
    const miner = await clientOf(net, net.rpcUrl, 1)
    await miner.registerNeuron({
      netuid,
      isValidatorRole: false,
      stake: parseHetu('200'),
      axonEndpoint: '127.0.0.1',
      axonPort: 1,
    })
    await caughtUp(dashboard, await owner.getCurrentBlock())
    const address = miner.account!.address
    const neuronUrl = new URL(`/api/subnets/${netuid}/neurons/${address}`, dashboard.url)
    expect((await fetch(neuronUrl)).status).toBe(200)
    const history = dashboard.indexer.history!
    const registered = () => dashboard.store.accountEvents(history, netuid, address, 10).length
    expect(registered()).toBeGreaterThan(0)

    await rpc(net.rpcUrl, 'evm_revert', [fork])
    await rpc(net.rpcUrl, 'anvil_mine', ['0x8'])
    await waitFor('the reorg', () => dashboard.indexer.status.reorgs >= 1)
    await caughtUp(dashboard, forkBlock + 8n)
    expect(registered()).toBe(0)
    expect(dashboard.indexer.status.history).toBe(history)
    await waitFor('the neuron gone from its page', async () => (await fetch(neuronUrl)).status === 404)
  })

  it('starts a new history when the chain behind the URL restarts', async () => {
    await using dir = await tempDir()
    const { net: first, relay, owner } = await relayedLocalnet(await localnet())
    await subnet(owner)
    const dashboard = await dashboardOn(owner, `${dir.dir}/history.sqlite`)
    await caughtUp(dashboard, await owner.getCurrentBlock())
    const oldHistory = dashboard.indexer.history!
    const resets: string[] = []
    dashboard.indexer.on('reset', (reset) => resets.push(reset.reason))

    await first.stop()
    await new Promise((resolve) => setTimeout(resolve, 1_100)) // a later genesis timestamp
    const second = await localnet()
    expect(second.contracts.SubnetManager).toBe(first.contracts.SubnetManager)
    relay.target(second.rpcUrl)
    // The reset is announced once the new history is attached (its id changes a little before).
    await waitFor('a new history', () => resets.includes('new-chain'))
    expect(dashboard.indexer.history).not.toBe(oldHistory)
    const block = await (await clientOf(second)).getCurrentBlock()
    await caughtUp(dashboard, block)
    const network = (await (await fetch(new URL('/api/network', dashboard.url))).json()) as {
      subnets: unknown[]
    }
    expect(network.subnets).toHaveLength(0)
    // The old chain's history stays in the file.
    expect(dashboard.store.chains().map((c) => c.id)).toEqual([oldHistory, dashboard.indexer.history])
    expect(dashboard.store.count('events', oldHistory)).toBeGreaterThan(0)
  })

  it('catches up after an RPC outage', async () => {
    await using dir = await tempDir()
    const { net, relay, owner } = await relayedLocalnet()
    const direct = await clientOf(net)
    const dashboard = await dashboardOn(owner, `${dir.dir}/history.sqlite`)
    await caughtUp(dashboard, await direct.getCurrentBlock())

    relay.down()
    await waitFor('the outage noticed', () => dashboard.indexer.status.rpc === 'down')
    const status = (await (await fetch(new URL('/api/status', dashboard.url))).json()) as {
      rpc: string
      error: string
    }
    expect(status.rpc).toBe('down')
    expect(status.error).toBeTruthy()
    const netuid = await subnet(direct) // blocks and events while the dashboard cannot see them
    await rpc(net.rpcUrl, 'anvil_mine', ['0x20'])

    relay.up()
    const head = await direct.getCurrentBlock()
    await caughtUp(dashboard, head)
    expect(dashboard.indexer.status.rpc).toBe('up')
    const history = dashboard.indexer.history!
    expect(
      dashboard.store.accountEvents(history, netuid, direct.account!.address, 10).map((e) => e.name),
    ).toContain('NetworkRegistered')
  })

  it('catches up past epochs whose state the node has pruned', async () => {
    await using dir = await tempDir()
    const net = shared
    const owner = await clientOf(net)
    const netuid = await subnet(owner)
    await rpc(net.rpcUrl, 'anvil_mine', ['0x900']) // 2 304 blocks: anvil keeps the state of the last 1 024
    const dashboard = await dashboardOn(owner, `${dir.dir}/history.sqlite`)
    await caughtUp(dashboard, await owner.getCurrentBlock())
    const status = dashboard.indexer.status
    expect(status.rpc).toBe('up')
    expect(status.skippedSnapshots).toBeGreaterThan(0)
    const epochs = dashboard.store.epochBlocks(status.history!, netuid, 100)
    expect(epochs.length).toBeGreaterThanOrEqual(9)
    expect(epochs[0]).toBeGreaterThan(Number(await owner.getCurrentBlock()) - 1024)
  })
})
