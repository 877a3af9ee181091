import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type HetuClient,
  type HetuContractAddresses,
  Metagraph,
  MissingContractAddressError,
} from '../../src/index.js'
import { type Localnet, startLocalnet } from '../../src/localnet/localnet.js'
import { createSubnet, hetuClient, registerMiners, syntheticAddresses } from '../fixtures/localnet.js'
import { startCountingProxy } from './helpers/countingProxy.js'

// Networks whose Multicall3 is missing (none configured, or an address where nothing was deployed) read
// through plain eth_calls in JSON-RPC batches, with the same results.
describe('reads without Multicall3', () => {
  let net: Localnet
  let proxy: Awaited<ReturnType<typeof startCountingProxy>>
  let netuid: number
  const miners = syntheticAddresses(5, 7)

  const clientWith = (contracts: HetuContractAddresses, rpcUrl = proxy.url): Promise<HetuClient> =>
    hetuClient(net, { rpcUrl, contracts })
  const without = (...names: (keyof HetuContractAddresses)[]) => {
    const contracts: HetuContractAddresses = { ...net.contracts }
    for (const name of names) delete contracts[name]
    return contracts
  }

  beforeAll(async () => {
    net = await startLocalnet()
    proxy = await startCountingProxy(net.rpcUrl)
    const owner = await hetuClient(net, { account: 0 })
    ;({ netuid } = await createSubnet(owner, { name: 'mc', tokenName: 'MC' }))
    await registerMiners(net, netuid, miners)
  })
  afterAll(async () => {
    await proxy?.close()
    await net?.stop()
  })

  it('none configured: neuron reads are JSON-RPC batches of eth_call, no aggregate', async () => {
    const reference = await (await clientWith(net.contracts, net.rpcUrl)).getSubnetNeurons({ netuid })
    const plain = await clientWith(without('Multicall3'))
    proxy.reset()
    const neurons = await plain.getSubnetNeurons({ netuid })
    expect(neurons).toEqual(reference)
    // The list, then one batch with two eth_calls per neuron (its info and its live allocation).
    expect(proxy.stats.httpRequests).toBe(2)
    expect(proxy.stats.methods).toEqual(Array(1 + 2 * miners.length).fill('eth_call'))
    expect(await plain.getSubnetMinerCount({ netuid })).toBe(miners.length)
  })

  it('an address without code: found on the first read, then batches; same metagraph', async () => {
    const direct = await clientWith(net.contracts, net.rpcUrl)
    const reference = await Metagraph.sync({ client: direct, netuid })
    const nowhere = await clientWith({
      ...net.contracts,
      Multicall3: '0x000000000000000000000000000000000000dEaD',
    })
    proxy.reset()
    expect(await nowhere.getSubnetNeurons({ netuid })).toEqual(await direct.getSubnetNeurons({ netuid }))
    expect(proxy.stats.methods).toContain('eth_getCode')
    const metagraph = await Metagraph.sync({ client: nowhere, netuid })
    expect(metagraph.hotkeys).toEqual(reference.hotkeys)
    expect(metagraph.S).toEqual(reference.S)
    // Found once: later reads go straight to batches (no aggregate attempt, no code check).
    proxy.reset()
    await nowhere.getSubnetNeurons({ netuid })
    expect(proxy.stats.methods).not.toContain('eth_getCode')
    expect(proxy.stats.httpRequests).toBe(2)
  })

  it('without a Weights address, weights calls say how to add one', async () => {
    const noWeights = await hetuClient(net, { account: 0, contracts: without('Weights') })
    for (const attempt of [
      () => noWeights.getWeights({ netuid, validator: miners[0]! }),
      () => noWeights.setWeights({ netuid, weights: [{ dest: miners[0]!, weight: 1 }] }),
    ]) {
      const err = await attempt().catch((e: unknown) => e)
      expect(err).toBeInstanceOf(MissingContractAddressError)
      expect(err).toMatchObject({ code: 'MISSING_CONTRACT_ADDRESS', contracts: ['Weights'] })
      expect((err as MissingContractAddressError).hint).toMatch(/hetu network add local --weights <address>/)
      expect((err as MissingContractAddressError).hint).toMatch(/HETU_CONTRACT_WEIGHTS/)
    }
    // The metagraph simply has no weights.
    expect(
      (await Metagraph.sync({ client: noWeights, netuid })).W.every((row) => row.every((w) => w === 0)),
    ).toBe(true)
  })
})
