import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Address } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Axon, Dendrite, Miner, Synapse, Validator, type ValidatorOptions } from '../../src/index.js'
import { compute } from '../fixtures/localnet.js'
import { tamperingProxy } from '../protocol/support.js'
import { type SubnetFixture, subnetFixture, validatorOptions } from './helpers.js'

type Forgery = 'strip-signature' | 'alter-answer'

/**
 * A man in the middle at a miner's announced endpoint: forwards to the real axon, then forges the
 * answer: drops the axon's signature and answers its own result (an unsigned 200), or alters the
 * result and keeps the signature (a wrongly signed 200).
 */
function forgingProxy(targetUrl: string, mode: () => Forgery): Promise<Server> {
  return tamperingProxy(targetUrl, (body, headers) => {
    if (mode() === 'strip-signature') delete headers.bt_header_axon_signature
    return body.replace(/"completion":"[^"]*"/, '"completion":"Result: 15 + 25 = 41"')
  })
}

describe('Validator: answers must be signed by the miner found on chain', () => {
  let fx: SubnetFixture
  const miners: Miner[] = []
  let python: Axon
  let proxy: Server
  let forgery: Forgery = 'strip-signature'
  let honest: Address[]
  let forged: Address
  let unsigned: Address

  beforeAll(async () => {
    fx = await subnetFixture()
    const serve = (synapse: Synapse) => ({ completion: compute(synapse.completion) })
    const start = (key: number) =>
      new Miner({
        client: fx.client,
        netuid: fx.netuid,
        hotkey: fx.key(key),
        axon: { ip: '127.0.0.1', port: 0, prometheus: false },
        endpointCheckIntervalMs: 0,
      })
        .attach(serve)
        .start()
    miners.push(...(await Promise.all([start(2), start(3), start(4)])))
    honest = [miners[0]!.address, miners[1]!.address]
    // Miner 4's endpoint on chain now leads to a forger in front of its axon.
    forged = miners[2]!.address
    proxy = await forgingProxy(miners[2]!.axon.url, () => forgery)
    await fx.client.updateNeuronService({
      netuid: fx.netuid,
      account: privateKeyToAccount(fx.key(4)),
      axonEndpoint: '127.0.0.1',
      axonPort: (proxy.address() as AddressInfo).port,
      prometheusEndpoint: '',
      prometheusPort: 0,
    })
    // A Python-format axon: honest, signed requests checked, but its 200s unsigned (and, like a
    // Python axon, no session lane to offer).
    python = await new Axon({
      hotkey: fx.key(5),
      ip: '127.0.0.1',
      port: 0,
      prometheus: false,
      signResponses: false,
      sessions: false,
    })
      .attach(serve)
      .start()
    unsigned = python.hotkey as Address
    await fx.client.registerNeuron({
      netuid: fx.netuid,
      account: privateKeyToAccount(fx.key(5)),
      isValidatorRole: false,
      axonEndpoint: '127.0.0.1',
      axonPort: python.port,
    })
  })
  afterAll(async () => {
    proxy?.close()
    await Promise.all([...miners.map((m) => m.stop()), python?.stop()])
    await fx?.stop()
  })

  const options = (extra: Partial<ValidatorOptions<Synapse>> = {}): ValidatorOptions<Synapse> =>
    validatorOptions(fx, { query: { timeoutMs: 2_000 }, setWeights: false, ...extra })
  const statusOf = (responses: readonly { miner?: string; statusCode?: number }[]) =>
    Object.fromEntries(responses.map((r) => [r.miner, r.statusCode]))

  it('scores a forged unsigned 200 and an unsigned Python-format 200 as failures (422), by default', async () => {
    forgery = 'strip-signature'
    await using validator = await new Validator(options()).start()
    const report = await validator.step()
    expect(statusOf(report.responses)).toEqual({
      [honest[0]!]: 200,
      [honest[1]!]: 200,
      [forged]: 422,
      [unsigned]: 422,
    })
    expect(report.aggregation).toMatchObject({ result: { completion: 'Result: 15 + 25 = 40' }, count: 2 })
    expect(report.roundScores[forged]).toBe(0)
    expect(report.roundScores[unsigned]).toBe(0)
  })

  it('scores an answer altered under a valid signature as a failure (422)', async () => {
    forgery = 'alter-answer'
    await using validator = await new Validator(options()).start()
    const report = await validator.step()
    expect(statusOf(report.responses)[forged]).toBe(422)
    expect(report.roundScores[forged]).toBe(0)
  })

  it('requireSignedAnswers as a function accepts one Python-format miner’s unsigned answers, and no forger’s', async () => {
    forgery = 'strip-signature'
    await using validator = await new Validator(
      options({ requireSignedAnswers: (hotkey) => hotkey !== unsigned }),
    ).start()
    const report = await validator.step()
    const status = statusOf(report.responses)
    expect(status[unsigned]).toBe(200)
    expect(status[forged]).toBe(422)
    expect(report.aggregation).toMatchObject({ result: { completion: 'Result: 15 + 25 = 40' }, count: 3 })
    expect(report.roundScores[unsigned]).toBeGreaterThan(0)
  })

  it('tells the two failures apart in the answer’s status message', async () => {
    const targets = {
      forged: { ip: '127.0.0.1', port: (proxy.address() as AddressInfo).port, hotkey: forged },
    }
    // On the session lane both forgeries are one failure, a MAC that does not match the answer.
    await using onSession = new Dendrite({ hotkey: fx.key(1) })
    const synapse = new Synapse({ completion: 'add 15 25' })
    forgery = 'strip-signature'
    const refused = await onSession.query(targets.forged, synapse, { verifyResponses: () => true })
    expect(refused.statusCode).toBe(422)
    expect(refused.statusMessage).toMatch(/session MAC does not match/)
    expect(refused.completion).toBe('add 15 25')
    // The signed lane's messages tell them apart.
    await using dendrite = new Dendrite({ hotkey: fx.key(1), sessions: false })
    const stripped = await dendrite.query(targets.forged, synapse, { verifyResponses: () => true })
    expect(stripped.statusCode).toBe(422)
    expect(stripped.statusMessage).toMatch(
      /the answer is unsigned and a signature by the axon hotkey is required/,
    )
    expect(stripped.completion).toBe('add 15 25') // the forged content is not taken
    forgery = 'alter-answer'
    const altered = await dendrite.query(targets.forged, synapse, { verifyResponses: () => true })
    expect(altered.statusCode).toBe(422)
    expect(altered.statusMessage).toMatch(/not signed by the axon hotkey/)
  })
})
