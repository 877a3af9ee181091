import type { Address } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  askSubnet,
  type ConsensusInfo,
  Dendrite,
  defineSynapse,
  findGateways,
  type GatewayOptions,
  GatewaysFailedError,
  type Miner,
  type MinerCandidate,
  NoGatewayError,
  Synapse,
  Validator,
} from '../../src/index.js'
import { withConsensus } from '../../src/neuron/validator/gateway.js'
import { compute, startMiner } from '../fixtures/localnet.js'
import { delay, registerAbsentMiner, type SubnetFixture, subnetFixture } from './helpers.js'

const Ask = withConsensus(Synapse)
type Answer = Synapse & { consensus?: ConsensusInfo }

describe('Validator gateway: clients → validator → miners, on the localnet', () => {
  let fx: SubnetFixture
  const miners: Miner[] = []
  let honest: Address[]
  let wrong: Address[]
  let slow: Address
  let absent: Address
  let minerRequests = 0
  /** Who the gateway validators ask (their selection narrows the candidates to these). */
  let ask = new Set<Address>()
  let validator: Validator<Synapse>
  let busy: Validator<Synapse>
  /** Scores clients' requests only (no synthetic task) and sets weights from them. */
  let organicOnly: Validator<Synapse>
  let client: Dendrite
  let blocked: Dendrite
  const organic: ConsensusInfo[] = []

  const only = (candidates: readonly MinerCandidate[]) => candidates.filter((c) => ask.has(c.neuron.hotkey))

  beforeAll(async () => {
    fx = await subnetFixture({ localnet: { accounts: 16 } })
    const start = (key: number, answer: (task: string, signal: AbortSignal) => Promise<string> | string) =>
      startMiner(fx, key, (task, signal) => {
        minerRequests++
        return answer(task, signal)
      })
    const right = async (task: string, signal: AbortSignal) => {
      // "… wait": a task that keeps the gateway busy long enough for its queue to fill.
      if (task.endsWith('wait')) await delay(300, signal)
      return compute(task)
    }
    const off = (task: string) => compute(task).replace(/= (\d+)$/, (_, n) => `= ${Number(n) + 1}`)
    miners.push(
      ...(await Promise.all([
        start(2, right),
        start(3, right),
        start(4, right),
        start(5, off),
        start(6, off),
        start(7, async (task, signal) => {
          await delay(3_000, signal)
          return compute(task)
        }),
      ])),
    )
    honest = miners.slice(0, 3).map((m) => m.address)
    wrong = [miners[3]!.address, miners[4]!.address]
    slow = miners[5]!.address
    absent = await registerAbsentMiner(fx, 8)
    const blockedKey = fx.key(11)
    const gatewayValidator = (key: number, serve: Partial<GatewayOptions>, setWeights = false) =>
      new Validator<Synapse>({
        client: fx.client,
        netuid: fx.netuid,
        hotkey: fx.key(key),
        task: () => (setWeights ? undefined : new Synapse({ completion: 'add 1 1' })),
        query: { timeoutMs: 800 },
        selection: only,
        setWeights,
        serve: { port: 0, ip: '127.0.0.1', ...serve },
      }).start()
    ;[validator, busy, organicOnly] = await Promise.all([
      gatewayValidator(1, { allow: (hotkey: Address) => hotkey !== privateKeyToAccount(blockedKey).address }),
      gatewayValidator(10, { concurrency: 2, queue: 8 }),
      gatewayValidator(12, {}, true),
    ])
    validator.on('organic', (info) => organic.push(info))
    // Enough connections for 50 concurrent requests to reach the gateway at once.
    client = new Dendrite({ hotkey: fx.key(9), connectionsPerOrigin: 64 })
    blocked = new Dendrite({ hotkey: blockedKey })
  })
  afterAll(async () => {
    await client?.close()
    await blocked?.close()
    await Promise.all([validator?.stop(), busy?.stop(), organicOnly?.stop()])
    await Promise.all(miners.map((m) => m.stop()))
    await fx?.stop()
  })

  const send = (target: Validator<Synapse>, task: string, timeout = 2_000, from = client) =>
    from.query(target.gateway!.axon.info(), new Ask({ completion: task }), { timeout }) as Promise<Answer>

  it('registers the gateway as the validator endpoint on chain', async () => {
    const neuron = await fx.client.getNeuronInfo({ netuid: fx.netuid, account: validator.address })
    expect(neuron).toMatchObject({ isValidator: true, axonPort: validator.gateway!.axon.port })
  })

  it('answers with the honest consensus, its agreement and who agreed (3 honest, 1 wrong, 1 slow)', async () => {
    ask = new Set([...honest, wrong[0]!, slow])
    const began = performance.now()
    const answer = await send(validator, 'add 15 25')
    expect(answer.statusCode).toBe(200)
    expect(answer.completion).toBe('Result: 15 + 25 = 40')
    expect(answer.consensus).toMatchObject({ status: 'ok', agreement: 0.75 })
    expect(new Set(answer.consensus!.agreeing)).toEqual(new Set(honest))
    expect(new Set(answer.consensus!.asked)).toEqual(ask)
    expect(answer.consensus!.answered).not.toContain(slow)
    // The slow miner is cut at the validator's per-miner timeout, not waited for.
    expect(performance.now() - began).toBeLessThan(2_000)
  })

  it('2 honest and 2 wrong of equal stake: no consensus, 409 with the status, no answer', async () => {
    ask = new Set([honest[0]!, honest[1]!, ...wrong])
    const answer = await send(validator, 'add 15 25')
    expect(answer.statusCode).toBe(409)
    expect(answer.statusMessage).toMatch(/^no-consensus: /)
    expect(answer.completion).toBe('add 15 25') // the request, nothing made up
    expect(organic.at(-1)).toMatchObject({ status: 'no-consensus', agreement: 0, agreeing: [] })
  })

  it('all miners down: 503 no-miners within the deadline; only slow ones: 504 timeout', async () => {
    ask = new Set([absent])
    let began = performance.now()
    const down = await send(validator, 'add 1 2', 1_500)
    expect(down.statusCode).toBe(503)
    expect(down.statusMessage).toMatch(/^no-miners: /)
    expect(performance.now() - began).toBeLessThan(1_500)
    ask = new Set([slow])
    began = performance.now()
    const late = await send(validator, 'add 1 2', 1_000)
    expect([late.statusCode, late.statusMessage]).toEqual([504, expect.stringMatching(/^timeout: /)])
    expect(performance.now() - began).toBeLessThan(1_000)
    ask = new Set()
    const none = await send(validator, 'add 1 2')
    expect([none.statusCode, none.statusMessage]).toEqual([503, expect.stringMatching(/^no-miners: /)])
  })

  it('a blacklisted client gets 403 and no miner is asked', async () => {
    ask = new Set(honest)
    const before = minerRequests
    const answer = await send(validator, 'add 1 2', 2_000, blocked)
    expect(answer.statusCode).toBe(403)
    expect(minerRequests).toBe(before)
  })

  it('50 concurrent clients against concurrency 2 / queue 8: 503 beyond the queue, every one answered', async () => {
    ask = new Set(honest)
    // Fifty clients, each its own hotkey and connection.
    const clients = Array.from({ length: 50 }, () => new Dendrite())
    try {
      const answers = await Promise.all(clients.map((c, i) => send(busy, `add ${i} 1 wait`, 8_000, c)))
      const codes = answers.map((a) => a.statusCode)
      expect(codes.every((c) => c === 200 || c === 503)).toBe(true)
      const ok = answers.filter((a) => a.statusCode === 200)
      expect(ok.length).toBeGreaterThanOrEqual(10) // 2 running + 8 queued
      expect(codes.filter((c) => c === 503).length).toBeGreaterThan(0)
      for (const a of ok) expect(a.completion).toMatch(/^Result: \d+ \+ 1 = \d+$/)
      for (const a of answers.filter((x) => x.statusCode === 503))
        expect(a.statusMessage).toMatch(/queue is full/)
    } finally {
      await Promise.all(clients.map((c) => c.close()))
    }
  })

  it('per client: requests in flight and the request rate are capped with 429; other clients go on', async () => {
    ask = new Set(honest)
    const limited = await new Validator<Synapse>({
      client: fx.client,
      netuid: fx.netuid,
      hotkey: fx.key(14),
      task: () => undefined,
      setWeights: false,
      selection: only,
      serve: { port: 0, ip: '127.0.0.1', perClient: { concurrency: 2, ratePerSecond: 1, burst: 4 } },
    }).start()
    try {
      const four = await Promise.all([0, 1, 2, 3].map((i) => send(limited, `add ${i} 1 wait`, 4_000)))
      expect(four.map((a) => a.statusCode).sort()).toEqual([200, 200, 429, 429])
      for (const a of four.filter((x) => x.statusCode === 429))
        expect(a.statusMessage).toMatch(/^rate-limited: 2 requests of this client are already running/)
      // Its burst of 4 is spent: the next request is refused before it takes a worker.
      const fifth = await send(limited, 'add 9 9')
      expect([fifth.statusCode, fifth.statusMessage]).toEqual([
        429,
        expect.stringMatching(/^rate-limited: more than 1 requests a second/),
      ])
      // Another client is not held up by that one.
      await using other = new Dendrite()
      expect((await send(limited, 'add 9 9', 2_000, other)).statusCode).toBe(200)
    } finally {
      await limited.stop()
    }
  })

  it('organic rounds feed the scores and so the weights set on chain: the wrong miner gets the least', async () => {
    ask = new Set([...honest, wrong[0]!])
    for (let i = 0; i < 3; i++) {
      const answer = await send(organicOnly, `add ${i} 7`)
      expect([answer.statusCode, answer.completion]).toEqual([200, `Result: ${i} + 7 = ${i + 7}`])
    }
    const scores = organicOnly.scores
    for (const h of honest) expect(scores[h]).toBeGreaterThan(scores[wrong[0]!]!)
    // A step without a synthetic task (task → undefined) sets the weights from the clients' rounds.
    const report = await organicOnly.step()
    expect(report.selected).toEqual([])
    expect(report.weightsSet).toBeDefined()
    const onChain = await fx.client.getWeights({ netuid: fx.netuid, validator: organicOnly.address })
    const weight = (miner: Address) => onChain.find((w) => w.dest === miner)?.weight ?? 0
    for (const h of honest) expect(weight(h)).toBeGreaterThan(weight(wrong[0]!))
    expect(organicOnly.steps).toBe(1)
  })

  it('a client cannot steer the scores: what it claims in its request never reaches them', async () => {
    ask = new Set([...honest, wrong[0]!])
    const before = organicOnly.scores
    // The client sends the "consensus" it would like (the wrong miner's answer) beside its task.
    const forged = new Ask({ completion: 'add 2 7' }) as Answer
    Object.assign(forged, {
      consensus: {
        status: 'ok',
        agreement: 1,
        asked: [wrong[0]],
        answered: [wrong[0]],
        agreeing: [wrong[0]],
        latencyMs: 1,
      },
    })
    const answer = (await client.query(organicOnly.gateway!.axon.info(), forged, {
      timeout: 2_000,
    })) as Answer
    expect(answer.completion).toBe('Result: 2 + 7 = 9')
    expect(new Set(answer.consensus!.agreeing)).toEqual(new Set(honest))
    // Scored as the miners answered: every honest miner gains more than the wrong one.
    const after = organicOnly.scores
    const gain = (m: Address) => after[m]! - before[m]!
    for (const h of honest) expect(gain(h)).toBeGreaterThan(gain(wrong[0]!))
  })

  it("askSubnet finds the subnet's gateways, best first, and returns the consensus with its evidence", async () => {
    ask = new Set([...honest, wrong[0]!])
    const found = await findGateways(fx.client, { netuid: fx.netuid, synapseName: 'Synapse' })
    expect(new Set(found.map((g) => g.hotkey))).toEqual(
      new Set([validator, busy, organicOnly].map((v) => v.address)),
    )
    for (const g of found) expect(g.latencyMs).toBeGreaterThan(0)
    const result = await askSubnet(fx.client, {
      netuid: fx.netuid,
      synapse: new Synapse({ completion: 'add 20 22' }),
      dendrite: client,
      timeoutMs: 3_000,
    })
    if (result.status !== 'ok') throw new Error(`expected ok, got ${result.status}`)
    expect(result.answer).toBeInstanceOf(Synapse)
    expect(result.answer.completion).toBe('Result: 20 + 22 = 42')
    expect(result.consensus).toMatchObject({ status: 'ok', agreement: 0.75 })
    expect(new Set(result.consensus.agreeing)).toEqual(new Set(honest))
    expect(result.attempts).toHaveLength(1)
    // Equal stakes: the order among them is the probes' round-trip times, which vary run to run.
    expect(found.map((g) => g.hotkey)).toContain(result.validator.hotkey)
  })

  it('askSubnet fails over to the next validator when one is down, and says why when all are', async () => {
    ask = new Set(honest)
    const found = await findGateways(fx.client, { netuid: fx.netuid, synapseName: 'Synapse' })
    const gone = await new Validator<Synapse>({
      client: fx.client,
      netuid: fx.netuid,
      hotkey: fx.key(13),
      task: () => undefined,
      setWeights: false,
      serve: { port: 0, ip: '127.0.0.1' },
    }).start()
    const [goneEntry] = await findGateways(fx.client, { netuid: fx.netuid, synapseName: 'Synapse' }).then(
      (all) => all.filter((g) => g.hotkey === gone.address),
    )
    await gone.stop()
    const result = await askSubnet(fx.client, {
      netuid: fx.netuid,
      synapse: new Synapse({ completion: 'add 1 1' }),
      dendrite: client,
      gateways: [goneEntry!, ...found],
      timeoutMs: 3_000,
    })
    expect(result.status).toBe('ok')
    expect(result.attempts.map((a) => a.statusCode)).toEqual([503, 200])
    expect(result.validator.hotkey).not.toBe(gone.address)

    const failed = askSubnet(fx.client, {
      netuid: fx.netuid,
      synapse: new Synapse({ completion: 'add 1 1' }),
      dendrite: client,
      gateways: [goneEntry!],
    })
    await expect(failed).rejects.toThrow(GatewaysFailedError)
    await expect(failed).rejects.toMatchObject({ attempts: [{ statusCode: 503, validator: gone.address }] })

    const Unknown = defineSynapse({
      name: 'Unserved',
      request: z.object({ q: z.string() }),
      response: z.object({ a: z.string() }),
    })
    await expect(
      askSubnet(fx.client, { netuid: fx.netuid, synapse: new Unknown({ q: 'x' }), dendrite: client }),
    ).rejects.toThrow(NoGatewayError)
    const bad = { netuid: fx.netuid, synapse: new Synapse({ completion: 'add 1 1' }), dendrite: client }
    await expect(askSubnet(fx.client, { ...bad, timeoutMs: 0 })).rejects.toThrow(/timeoutMs/)
    await expect(askSubnet(fx.client, { ...bad, attempts: 0 })).rejects.toThrow(/attempts/)
  })

  it("askSubnet returns no-consensus as the subnet's verdict (no answer made up, no failover)", async () => {
    ask = new Set([honest[0]!, honest[1]!, ...wrong])
    const result = await askSubnet(fx.client, {
      netuid: fx.netuid,
      synapse: new Synapse({ completion: 'add 3 4' }),
      dendrite: client,
      gateways: (await findGateways(fx.client, { netuid: fx.netuid, synapseName: 'Synapse' })).filter(
        (g) => g.hotkey === validator.address,
      ),
    })
    expect(result).toMatchObject({
      status: 'no-consensus',
      message: expect.stringMatching(/^no-consensus: /),
    })
    expect(result).not.toHaveProperty('answer')
  })
})
