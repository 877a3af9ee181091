import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getAddress } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { Axon } from '../../src/axon/axon.js'
import { Dendrite } from '../../src/dendrite/dendrite.js'
import { discoverServices, type HetuClient, InvalidArgumentError, Metagraph } from '../../src/index.js'
import { type Localnet, startLocalnet } from '../../src/localnet/localnet.js'
import { defineSynapse } from '../../src/protocol/synapse.js'
import { connect, createSubnet, hetuClient } from '../fixtures/localnet.js'
import { registerDev } from './helpers.js'

const Echo = defineSynapse({
  name: 'Echo',
  request: z.object({ text: z.string() }),
  response: z.object({ echoed: z.string() }),
})
const Other = defineSynapse({
  name: 'Other',
  request: z.object({ n: z.number() }),
  response: z.object({ m: z.number() }),
})

describe('discoverServices', () => {
  let net: Localnet
  let chain: HetuClient
  let subnetA: number
  let subnetB: number
  const axons: Axon[] = []
  let silent: Server
  const key = (i: number) => net.accounts[i]!.privateKey
  const address = (i: number) => getAddress(net.accounts[i]!.address)

  async function startAxon(account: number, serve: ('Echo' | 'Other')[]): Promise<Axon> {
    const axon = new Axon({ hotkey: key(account), ip: '127.0.0.1', port: 0, prometheus: false })
    if (serve.includes('Echo')) axon.attach(Echo, (s) => ({ echoed: s.text }))
    if (serve.includes('Other')) axon.attach(Other, (s) => ({ m: s.n + 1 }))
    await axon.start()
    axons.push(axon)
    return axon
  }

  beforeAll(async () => {
    net = await startLocalnet()
    const owner = await hetuClient(net, { account: 0 })
    chain = owner
    subnetA = (await createSubnet(owner, { name: 'A', minter: true })).netuid
    subnetB = (await createSubnet(owner, { name: 'B', minter: true })).netuid
    const join = async (
      account: number,
      netuid: number,
      port: number,
      options: { validator?: boolean } = {},
    ) =>
      registerDev(await hetuClient(net, { account }), netuid, {
        validator: options.validator ?? false,
        endpoint: '127.0.0.1',
        port,
      })

    const echo = await startAxon(1, ['Echo'])
    const other = await startAxon(2, ['Other'])
    const both = await startAxon(3, ['Echo', 'Other'])
    const gone = await startAxon(4, ['Echo'])
    await gone.stop()
    // Accepts connections and never answers.
    silent = createServer(() => {})
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))

    await join(1, subnetA, echo.port)
    await join(2, subnetA, other.port)
    await join(3, subnetB, both.port, { validator: true })
    await join(4, subnetA, gone.port) // unreachable
    await join(5, subnetA, echo.port) // another neuron's axon: answers with hotkey 1, not 5
    await join(6, subnetA, (silent.address() as AddressInfo).port) // times out
    await registerDev(await hetuClient(net, { account: 7 }), subnetA, {
      validator: false,
      endpoint: '',
      port: 0,
    })
  })
  afterAll(async () => {
    await Promise.all(axons.map((axon) => axon.stop()))
    silent?.closeAllConnections()
    await new Promise((resolve) => silent?.close(resolve))
    await net?.stop()
  })

  it('finds, across subnets, only the neurons whose own axon serves the synapse', async () => {
    const services = await discoverServices(chain, { synapseName: 'Echo', timeoutMs: 500 })
    expect(services.map((s) => [s.netuid, s.hotkey])).toEqual([
      [subnetA, address(1)],
      [subnetB, address(3)],
    ])
    const [echo] = services
    expect(echo).toMatchObject({
      uid: 0,
      isValidator: false,
      stake: 300n * 10n ** 18n,
      axon: { ip: '127.0.0.1', port: axons[0]!.port, hotkey: address(1), isServing: true },
      version: axons[0]!.info().version,
      synapse: { name: 'Echo', streaming: false },
    })
    expect(echo!.synapse.request).toMatchObject({ properties: { text: { type: 'string' } } })
  })

  it('narrows to one subnet or one role', async () => {
    const inA = await discoverServices(chain, { synapseName: 'Echo', netuid: subnetA, timeoutMs: 500 })
    expect(inA.map((s) => s.hotkey)).toEqual([address(1)])
    const validators = await discoverServices(chain, {
      synapseName: 'Echo',
      role: 'validator',
      timeoutMs: 500,
    })
    expect(validators.map((s) => s.hotkey)).toEqual([address(3)])
    expect(await discoverServices(chain, { synapseName: 'Nothing', timeoutMs: 500 })).toEqual([])
  })

  it('hands back axons a dendrite can call, and the same axons the metagraph shows', async () => {
    const [service] = await discoverServices(chain, { synapseName: 'Other', netuid: subnetA, timeoutMs: 500 })
    await using dendrite = new Dendrite({ hotkey: key(8) })
    const answer = await dendrite.call(service!.axon, new Other({ n: 41 }))
    expect(answer.m).toBe(42)
    const metagraph = await Metagraph.sync({ client: chain, netuid: subnetA })
    expect(metagraph.axons[service!.uid]).toEqual(service!.axon)
  })

  it('is on the facade and checks its arguments', async () => {
    const hetu = await connect(net)
    const found = await hetu.discoverServices({ synapseName: 'Other', timeoutMs: 500 })
    expect(found.map((s) => s.hotkey)).toEqual([address(2), address(3)])
    await expect(discoverServices(chain, { synapseName: '' })).rejects.toBeInstanceOf(InvalidArgumentError)
    await expect(discoverServices(chain, { synapseName: 'Echo', concurrency: 0 })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    )
  })
})
