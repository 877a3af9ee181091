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
import { startCountingProxy } from '../chain/helpers/countingProxy.js'
import { compute, hetuClient } from '../fixtures/localnet.js'
import { send, signedRequest, slowBodyRequest } from '../protocol/support.js'
import { type SubnetFixture, subnetFixture } from './helpers.js'

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
      // The caller below (key 1) is not registered: admit any signer.
      allow: 'any',
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

  it('by default admits only its subnet’s registered validators: strangers get 403 before their body is read, and cost the chain at most a few lookups', async () => {
    const registerValidator = (key: number) =>
      fx.client.registerNeuron({
        netuid: fx.netuid,
        account: privateKeyToAccount(fx.key(key)),
        isValidatorRole: true,
        axonEndpoint: '',
        axonPort: 0,
      })
    await registerValidator(8)
    // The miner reads the chain through a proxy that counts its calls.
    const proxy = await startCountingProxy(fx.net.rpcUrl)
    const client = await hetuClient(fx.net, { rpcUrl: proxy.url })
    let handled = 0
    await using miner = await new Miner({
      client,
      netuid: fx.netuid,
      hotkey: fx.key(10),
      axon: { ip: '127.0.0.1', port: 0, prometheus: false },
      // No periodic refresh in this test: what the chain sees is what strangers caused.
      validators: { refreshMs: 600_000 },
    })
      .attach((synapse) => {
        handled++
        return { completion: compute(synapse.completion) }
      })
      .start()
    const ask = async (key: `0x${string}` | undefined) => {
      await using dendrite = new Dendrite({ ...(key && { hotkey: key }), verifyResponses: true })
      return dendrite.query(miner.axon, new Synapse({ completion: 'add 1 2' }), { timeout: 5_000 })
    }

    // A validator registered before the miner started: admitted without asking the chain.
    expect((await ask(fx.key(8))).completion).toBe('Result: 1 + 2 = 3')
    expect(miner.allowlist?.stats).toMatchObject({ lookups: 0, resyncs: 0 })
    // One registered since: the unknown signer is looked up once, then admitted.
    await registerValidator(9)
    const late = await ask(fx.key(9))
    expect(late.statusCode).toBe(200)
    expect((await ask(fx.key(9))).statusCode).toBe(200)
    expect(miner.allowlist?.stats).toMatchObject({ lookups: 1, resyncs: 0 })
    expect(handled).toBe(3)

    // Strangers (random keys, validly signed): 403 with the reason, never the handler.
    const stranger = await ask(undefined)
    expect(stranger.statusCode).toBe(403)
    expect(stranger.statusMessage).toMatch(/not a registered validator of subnet \d+/)
    const callsBefore = proxy.stats.rpcCalls
    const lookupsBefore = miner.allowlist!.stats.lookups
    const floodStarted = performance.now()
    const flood = await Promise.all(
      Array.from({ length: 100 }, async () => {
        const request = await signedRequest(miner.axon, new Synapse({ completion: 'add 1 2' }))
        return (await send(miner.axon.url, request)).status
      }),
    )
    expect(new Set(flood)).toEqual(new Set([403]))
    // 100 random keys cost at most the lookup budget (a burst of 8, then 2 a second), each lookup two
    // eth_calls (the neuron and its live stake), and no metagraph resync.
    const seconds = (performance.now() - floodStarted) / 1000
    const lookups = miner.allowlist!.stats.lookups - lookupsBefore
    expect(lookups).toBeLessThanOrEqual(8 + Math.ceil(2 * seconds))
    expect(proxy.stats.rpcCalls - callsBefore).toBe(2 * lookups)
    expect(miner.allowlist?.stats.resyncs).toBe(0)
    // A stranger's 1 MB body is refused from its headers: the 403 comes before any body byte is sent.
    const request = await signedRequest(miner.axon, new Synapse({ completion: 'add 1 2' }))
    const head =
      `POST ${request.path} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n` +
      Object.entries(request.headers)
        .map(([key, value]) => `${key}: ${value}\r\n`)
        .join('') +
      `content-length: ${1024 * 1024 - 1}\r\n\r\n`
    expect(await slowBodyRequest(miner.axon.port, head, '')).toBe('HTTP/1.1 403 Forbidden')
    expect(handled).toBe(3)
    await miner.stop()
    await proxy.close()
  })

  it('allow: a minimum stake refuses small validators; a function decides itself', async () => {
    await using strict = await new Miner({
      client: fx.client,
      netuid: fx.netuid,
      hotkey: fx.key(11),
      axon: { ip: '127.0.0.1', port: 0, prometheus: false },
      validators: { minStake: parseHetu('1000000') },
    })
      .attach(serve)
      .start()
    await using dendrite = new Dendrite({ hotkey: fx.key(8) })
    const refused = await dendrite.query(strict.axon, new Synapse({ completion: 'add 1 2' }), {
      timeout: 5_000,
    })
    expect(refused.statusCode).toBe(403)
    expect(refused.statusMessage).toMatch(/stake below this miner's minimum/)
    await strict.stop()

    const seen: (string | undefined)[] = []
    const caller = privateKeyToAccount(fx.key(1)).address
    await using picky = await new Miner({
      client: fx.client,
      netuid: fx.netuid,
      hotkey: fx.key(11),
      axon: { ip: '127.0.0.1', port: 0, prometheus: false },
      allow: (hotkey) => {
        seen.push(hotkey)
        return hotkey === caller
      },
    })
      .attach(serve)
      .start()
    await using other = new Dendrite({ hotkey: fx.key(8) })
    await using chosen = new Dendrite({ hotkey: fx.key(1) })
    const synapse = new Synapse({ completion: 'add 2 2' })
    expect((await other.query(picky.axon, synapse, { timeout: 5_000 })).statusCode).toBe(403)
    expect((await chosen.query(picky.axon, synapse, { timeout: 5_000 })).completion).toBe('Result: 2 + 2 = 4')
    // Asked at each session handshake and for each request: the refused caller's handshake, then its
    // signed request; the chosen caller's handshake, then its request on the session lane.
    const refusedCaller = privateKeyToAccount(fx.key(8)).address
    expect(seen).toEqual([refusedCaller, refusedCaller, caller, caller])
  })
})
