import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHetuBaseClient, getAllSubnetDetails, getSubnets } from '../../src/chain/actions/index.js'
import { type HetuClient, parseHetu } from '../../src/index.js'
import { type Localnet, startLocalnet } from '../../src/localnet/localnet.js'
import {
  clientOptions,
  createSubnet,
  hetuClient,
  registerMiners,
  syntheticAddresses,
} from '../fixtures/localnet.js'
import { startCountingProxy } from './helpers/countingProxy.js'

describe('round trips', () => {
  let net: Localnet
  let proxy: Awaited<ReturnType<typeof startCountingProxy>>
  let hetu: HetuClient
  let netuid: number

  beforeAll(async () => {
    net = await startLocalnet()
    proxy = await startCountingProxy(net.rpcUrl)
    hetu = await hetuClient(net, { rpcUrl: proxy.url, account: 0 })
    ;({ netuid } = await createSubnet(hetu, { name: 'rt', tokenName: 'RT' }))
  })
  afterAll(async () => {
    await proxy?.close()
    await net?.stop()
  })

  const countNeuronsRead = async () => {
    proxy.reset()
    const neurons = await hetu.getSubnetNeurons({ netuid })
    return { neurons: neurons.length, http: proxy.stats.httpRequests, methods: [...proxy.stats.methods] }
  }

  it('reads all neurons of a subnet in two round trips, however many there are', async () => {
    expect(await countNeuronsRead()).toMatchObject({ neurons: 0, http: 1 })
    await registerMiners(net, netuid, syntheticAddresses(3))
    // The list, then the infos' and the live allocations' aggregates together in the second request.
    expect(await countNeuronsRead()).toEqual({
      neurons: 3,
      http: 2,
      methods: ['eth_call', 'eth_call', 'eth_call'],
    })
    await registerMiners(net, netuid, syntheticAddresses(1200, 1))
    const many = await countNeuronsRead()
    expect(many.neurons).toBe(1203)
    // The list, then three Multicall3 chunks (500 calls each) of infos and three of allocations together
    // in the second request.
    expect(many).toMatchObject({ http: 2, methods: Array(7).fill('eth_call') })
  })

  it('reads the details of every subnet in two round trips, as getSubnets and getSubnetDetails give them', async () => {
    proxy.reset()
    const all = await hetu.getAllSubnetDetails()
    expect(proxy.stats.httpRequests).toBe(2)
    const netuids = await hetu.getSubnets()
    expect(netuids).toContain(netuid)
    expect(all).toEqual(await Promise.all(netuids.map((n) => hetu.getSubnetDetails({ netuid: n }))))
  })

  it('reads the same through a base client (no actions bound) and the actions it imports', async () => {
    const base = await createHetuBaseClient(clientOptions(net, { rpcUrl: proxy.url }))
    expect('getSubnets' in base).toBe(false)
    proxy.reset()
    const all = await getAllSubnetDetails(base)
    expect(proxy.stats.httpRequests).toBe(2)
    expect(all).toEqual(await hetu.getAllSubnetDetails())
    expect(await getSubnets(base)).toEqual(await hetu.getSubnets())
    expect(base.hetu.network.contracts).toEqual(hetu.hetu.network.contracts)
  })

  it('returns what getNeuronInfo returns, pinned to one block, historical reads included', async () => {
    const list = await hetu.getNeuronList({ netuid })
    const block = await hetu.getCurrentBlock()
    const [all, each] = await Promise.all([
      hetu.getSubnetNeurons({ netuid, blockNumber: block }),
      hetu.getNeuronInfos({ netuid, accounts: list, blockNumber: block }),
    ])
    expect(all).toEqual(each)
    expect(all.map((n) => n.account)).toEqual(list)
    const sample = await hetu.getNeuronInfo({ netuid, account: list[700]!, blockNumber: block })
    expect(all[700]).toEqual(sample)
    expect(await hetu.getSubnetNeurons({ netuid, blockNumber: BigInt(net.deployBlock) })).toEqual([])
  })

  it('batches the prerequisite reads of a registration into one round trip', async () => {
    const miner = await hetuClient(net, { rpcUrl: proxy.url, account: 1 })
    proxy.reset()
    const result = await miner.registerNeuron({
      netuid,
      isValidatorRole: false,
      axonEndpoint: 'x',
      axonPort: 1,
    })
    expect(result.prerequisites.map((p) => p.step)).toEqual(['approve', 'addGlobalStake'])
    // 1 batch of reads (subnet, params, membership, available, balance, allowance, native, nonce, block)
    // + priority fee
    // + the prerequisites (approve, stake) in one batch of synchronous sends + the registration (fill, send).
    expect(proxy.stats.httpRequests).toBeLessThanOrEqual(5)
    expect(proxy.stats.methods.filter((m) => m === 'eth_sendRawTransactionSync')).toHaveLength(3)
    expect(proxy.stats.methods).not.toContain('eth_getTransactionReceipt')
  })

  it('polls receipts when asked to (nodes without eth_sendRawTransactionSync)', async () => {
    const polling = await hetuClient(net, {
      rpcUrl: proxy.url,
      account: 2,
      receiptMode: 'poll',
    })
    proxy.reset()
    const wrapped = await polling.wrapHetu({ amount: parseHetu('1') })
    expect(wrapped.blockNumber).toBeGreaterThan(0n)
    expect(proxy.stats.methods).toContain('eth_sendRawTransaction')
    expect(proxy.stats.methods).toContain('eth_getTransactionReceipt')
  })
})
