import { createServer } from 'node:net'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  Dendrite,
  Miner,
  NeuronKeyError,
  NeuronNotRegisteredYetError,
  NeuronRoleMismatchError,
  NeuronStateError,
  parseHetu,
  Synapse,
} from '../../src/index.js'
import { compute, type SubnetFixture, subnetFixture } from './helpers.js'

/** Whether something listens on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
    probe.once('error', () => resolve(true))
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(false)))
  })
}

describe('Miner on the localnet', () => {
  let fx: SubnetFixture
  beforeAll(async () => {
    fx = await subnetFixture()
  })
  afterAll(() => fx?.stop())

  const serve = (synapse: Synapse) => ({ completion: compute(synapse.completion) })

  it('registers with the chosen stake, announces its axon and metrics, and serves the forward function', async () => {
    const started: unknown[] = []
    const miner = new Miner({
      client: fx.client,
      netuid: fx.netuid,
      hotkey: fx.key(2),
      stake: parseHetu('250'),
      axon: { ip: '127.0.0.1', port: 0 },
    }).attach(serve)
    miner.on('started', (event) => started.push(event))
    await using _ = await miner.start()

    expect(miner.state).toBe('started')
    expect(miner.address).toBe(privateKeyToAccount(fx.key(2)).address)
    expect(miner.registration?.outcome).toBe('registered')
    expect(miner.registration?.transactions.length).toBeGreaterThan(0)
    expect(started).toHaveLength(1)

    const onChain = await fx.client.getNeuronInfo({ netuid: fx.netuid, account: miner.address })
    expect(onChain).toMatchObject({
      isActive: true,
      isValidator: false,
      stake: parseHetu('250'),
      axonEndpoint: '127.0.0.1',
      axonPort: miner.axon.port,
      prometheusEndpoint: '127.0.0.1',
      prometheusPort: miner.axon.prometheusPort,
    })

    // A validator finds it through the chain and gets a signed answer from its key.
    await using dendrite = new Dendrite({ hotkey: fx.key(1), verifyResponses: true })
    const answer = await dendrite.query(onChain!, new Synapse({ completion: 'add 15 25' }), {
      timeout: 5_000,
    })
    expect(answer.statusCode).toBe(200)
    expect(answer.completion).toBe('Result: 15 + 25 = 40')
    expect(answer.axon.hotkey).toBe(miner.address)
  })

  it('restarted on another port, it keeps its registration and updates the endpoint on chain', async () => {
    const before = await fx.client.getNeuronInfo({
      netuid: fx.netuid,
      account: privateKeyToAccount(fx.key(2)).address,
    })
    const updates: unknown[] = []
    const miner = new Miner({
      client: fx.client,
      netuid: fx.netuid,
      hotkey: fx.key(2),
      axon: { ip: '127.0.0.1', port: 0, prometheus: false },
    }).attach(serve)
    miner.on('endpoint', (event) => updates.push(event))
    await using _ = await miner.start()

    expect(miner.registration?.outcome).toBe('existing')
    expect(miner.axon.port).not.toBe(before!.axonPort)
    expect(updates).toEqual([
      expect.objectContaining({
        previous: expect.objectContaining({ port: before!.axonPort }),
        endpoint: { ip: '127.0.0.1', port: miner.axon.port, prometheusIp: '', prometheusPort: 0 },
      }),
    ])
    const after = await fx.client.getNeuronInfo({ netuid: fx.netuid, account: miner.address })
    expect(after).toMatchObject({
      stake: before!.stake,
      registrationBlock: before!.registrationBlock,
      axonPort: miner.axon.port,
      prometheusPort: 0,
    })
    // Nothing changed since: no transaction.
    expect(await miner.syncEndpoint()).toBe(false)
  })

  it('follows a changing announced address with updateNeuronService', async () => {
    let publicIp = '203.0.113.7'
    await using miner = await new Miner({
      client: fx.client,
      netuid: fx.netuid,
      hotkey: fx.key(3),
      axon: { ip: '127.0.0.1', port: 0, prometheus: false },
      announce: () => ({ ip: publicIp, port: 9000 }),
      endpointCheckIntervalMs: 0,
    })
      .attach(serve)
      .start()
    expect(await fx.client.getNeuronInfo({ netuid: fx.netuid, account: miner.address })).toMatchObject({
      axonEndpoint: '203.0.113.7',
      axonPort: 9000,
    })

    publicIp = '198.51.100.23'
    expect(await miner.syncEndpoint()).toBe(true)
    expect(miner.endpoint).toEqual({ ip: '198.51.100.23', port: 9000, prometheusIp: '', prometheusPort: 0 })
    expect(await fx.client.getNeuronInfo({ netuid: fx.netuid, account: miner.address })).toMatchObject({
      axonEndpoint: '198.51.100.23',
      axonPort: 9000,
    })
    expect(await miner.syncEndpoint()).toBe(false)
  })

  it('refuses to start as a validator key, or unregistered with register: false, and frees its port', async () => {
    await fx.client.registerNeuron({
      netuid: fx.netuid,
      account: privateKeyToAccount(fx.key(4)),
      isValidatorRole: true,
      axonEndpoint: '',
      axonPort: 0,
    })
    const asValidator = new Miner({
      client: fx.client,
      netuid: fx.netuid,
      hotkey: fx.key(4),
      axon: { ip: '127.0.0.1', port: 0, prometheus: false },
    })
    await expect(asValidator.start()).rejects.toBeInstanceOf(NeuronRoleMismatchError)
    expect(asValidator.state).toBe('stopped')
    expect(await listening(asValidator.axon.port)).toBe(false)

    const unregistered = new Miner({
      client: fx.client,
      netuid: fx.netuid,
      hotkey: fx.key(5),
      register: false,
      axon: { ip: '127.0.0.1', port: 0, prometheus: false },
    })
    const error = await unregistered.start().catch((err: unknown) => err)
    expect(error).toBeInstanceOf(NeuronNotRegisteredYetError)
    expect((error as NeuronNotRegisteredYetError).code).toBe('NEURON_REGISTRATION_REQUIRED')
    expect(await fx.client.getNeuronInfo({ netuid: fx.netuid, account: unregistered.address })).toBeNull()
    await expect(unregistered.start()).rejects.toBeInstanceOf(NeuronStateError)
    await unregistered.whenStopped()
  })

  it('needs a key that can sign', () => {
    expect(() => new Miner({ client: fx.client, netuid: fx.netuid, hotkey: '0x1234' })).toThrow(
      NeuronKeyError,
    )
  })

  it('stops cleanly: the axon closes, stop() is idempotent, `await using` ends it', async () => {
    let port = 0
    const stopped: unknown[] = []
    {
      await using miner = await new Miner({
        client: fx.client,
        netuid: fx.netuid,
        hotkey: fx.key(2),
        axon: { ip: '127.0.0.1', port: 0, prometheus: false },
      })
        .attach(serve)
        .start()
      miner.on('stopped', (event) => stopped.push(event))
      port = miner.axon.port
      expect(await listening(port)).toBe(true)
    }
    expect(stopped).toEqual([{ signal: undefined }])
    expect(await listening(port)).toBe(false)
  })
})
