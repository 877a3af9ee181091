import { readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type Address, getAddress } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  createLogger,
  Metagraph,
  type Miner,
  NeuronStateError,
  parseHetu,
  type Synapse,
  Validator,
  type ValidatorOptions,
  ValidatorStateFileError,
  type ValidatorStepReport,
} from '../../src/index.js'
import { startCountingProxy } from '../chain/helpers/countingProxy.js'
import { rpc } from '../chain/helpers/localnet.js'
import { compute, hetuClient, startMiner } from '../fixtures/localnet.js'
import { tempDir } from '../wallet/helpers.js'
import { delay, registerAbsentMiner, type SubnetFixture, subnetFixture, validatorOptions } from './helpers.js'

describe('Validator on the localnet', () => {
  let fx: SubnetFixture
  const miners: Miner[] = []
  let honest: Address[]
  let wrong: Address
  let slow: Address
  let absent: Address
  let slowRequests = 0
  let slowRequestArrived: (() => void) | undefined

  beforeAll(async () => {
    fx = await subnetFixture()
    miners.push(
      ...(await Promise.all([
        startMiner(fx, 2),
        startMiner(fx, 3),
        startMiner(fx, 4),
        startMiner(fx, 5, (task) => compute(task).replace(/= (\d+)$/, (_, n) => `= ${Number(n) + 1}`)),
        startMiner(fx, 6, async (task, signal) => {
          slowRequests++
          slowRequestArrived?.()
          await delay(3_000, signal)
          return compute(task)
        }),
      ])),
    )
    honest = miners.slice(0, 3).map((m) => m.address)
    wrong = miners[3]!.address
    slow = miners[4]!.address
    absent = await registerAbsentMiner(fx, 7)
  })
  afterAll(async () => {
    await Promise.all(miners.map((m) => m.stop()))
    await fx?.stop()
  })

  const options = (extra: Partial<ValidatorOptions<Synapse>> = {}): ValidatorOptions<Synapse> =>
    validatorOptions(fx, { query: { timeoutMs: 400 }, ...extra })

  async function weightsSetEvents(validator: Address) {
    const logs = (await rpc(fx.net.rpcUrl, 'eth_getLogs', [
      { address: fx.net.contracts.Weights, fromBlock: '0x0', toBlock: 'latest' },
    ])) as { topics: string[]; blockNumber: string }[]
    return logs.filter((l) => getAddress(`0x${l.topics[2]!.slice(26)}`) === validator)
  }

  let first: ValidatorStepReport

  it('registers as a validator and, in one step, scores honest > wrong > slow and absent, then sets the weights', async () => {
    const steps: ValidatorStepReport[] = []
    await using validator = await new Validator(options()).start()
    validator.on('step', (report) => steps.push(report))
    expect(validator.registration?.outcome).toBe('registered')
    expect(await fx.client.getNeuronInfo({ netuid: fx.netuid, account: validator.address })).toMatchObject({
      isValidator: true,
      stake: parseHetu('500'),
    })
    expect(validator.weightsRateLimit).toBe(5n) // the subnet's hyperparameter

    first = await validator.step()
    expect(steps).toEqual([first])
    expect(first.candidates).toBe(6)
    expect(new Set(first.selected)).toEqual(new Set([...honest, wrong, slow, absent]))
    const status = Object.fromEntries(first.responses.map((r) => [r.miner, r.statusCode]))
    expect(status[slow]).toBe(408)
    expect(status[absent]).not.toBe(200)
    expect(honest.map((a) => status[a])).toEqual([200, 200, 200])
    expect(first.aggregation).toMatchObject({
      reached: true,
      result: { completion: 'Result: 15 + 25 = 40' },
      count: 3,
      total: 4,
      confidence: 0.75,
    })

    const round = first.roundScores
    for (const h of honest) expect(round[h]).toBeGreaterThan(round[wrong]!)
    expect(round[wrong]).toBeGreaterThan(round[slow]!)
    expect(round[slow]).toBe(0)
    expect(round[absent]).toBe(0)
    // A moving average from 0: one step moves each score a tenth of the way.
    for (const h of honest) expect(first.scores[h]).toBeCloseTo(0.1 * round[h]!, 12)

    const total = first.weights.reduce((sum, w) => sum + w.weight, 0)
    expect(total).toBe(1_000_000)
    expect(first.weights.map((w) => w.dest).sort()).toEqual([...honest, wrong].sort())
    const weightOf = Object.fromEntries(first.weights.map((w) => [w.dest, w.weight]))
    for (const h of honest) expect(weightOf[h]).toBeGreaterThan(weightOf[wrong]!)

    expect(first.weightsSet).toBeDefined()
    expect(first.weightsSkipped).toBeUndefined()
    expect(validator.lastWeightsBlock).toBe(first.weightsSet!.blockNumber)
    const onChain = await fx.client.getWeights({ netuid: fx.netuid, validator: validator.address })
    expect(onChain).toEqual(first.weights.map((w) => ({ dest: w.dest, weight: BigInt(w.weight) })))
  })

  it('sets weights at most once per rate limit, also across a restart', async () => {
    const validatorAddress = privateKeyToAccount(fx.key(1)).address
    const setAt = first.weightsSet!.blockNumber
    {
      await using validator = await new Validator(options()).start()
      expect(validator.registration?.outcome).toBe('existing')
      // A restart finds its last WeightsSet on chain.
      expect(validator.lastWeightsBlock).toBe(setAt)
      const again = await validator.step()
      expect(again.weightsSkipped).toBe('rate-limited')
      expect(again.weightsSet).toBeUndefined()
      expect(again.nextWeightsBlock).toBe(setAt + 5n)

      await rpc(fx.net.rpcUrl, 'anvil_mine', ['0x5'])
      const later = await validator.step()
      expect(later.block).toBeGreaterThanOrEqual(setAt + 5n)
      expect(later.weightsSet).toBeDefined()
      const next = await validator.step()
      expect(next.weightsSkipped).toBe('rate-limited')
    }
    expect(await weightsSetEvents(validatorAddress)).toHaveLength(2)
  })

  it('keeps its scores and last weights block in a state file across a restart; refuses another validator’s file', async () => {
    const { dir, cleanup } = await tempDir('hetu-validator-state-')
    try {
      const stateFile = join(dir, 'validator.json')
      let scoresBefore: Record<Address, number>
      let lastBefore: bigint | undefined
      {
        await using validator = await new Validator(
          options({ setWeights: false, hotkey: fx.key(9), stateFile }),
        ).start()
        await validator.step()
        await validator.step()
        scoresBefore = validator.scores
        lastBefore = validator.lastWeightsBlock
        expect(Object.keys(scoresBefore).length).toBeGreaterThan(0)
      }
      const saved = JSON.parse(await readFile(stateFile, 'utf8'))
      expect(saved).toMatchObject({ version: 1, netuid: fx.netuid, steps: 2 })
      expect((await stat(stateFile)).mode & 0o777).toBe(0o600)
      // A new process of the same validator starts from the saved scores, not from zero.
      {
        await using validator = await new Validator(
          options({ setWeights: false, hotkey: fx.key(9), stateFile }),
        ).start()
        expect(validator.scores).toEqual(scoresBefore)
        expect(validator.steps).toBe(2)
        expect(validator.lastWeightsBlock).toBe(lastBefore)
        const third = await validator.step()
        // The moving average continues: an honest miner's score grows from where it was.
        expect(third.scores[honest[0]!]).toBeGreaterThan(scoresBefore[honest[0]!]!)
      }
      // Another key with this file, or a corrupt file: a typed error before anything runs.
      await expect(
        new Validator(options({ setWeights: false, hotkey: fx.key(8), stateFile })).start(),
      ).rejects.toBeInstanceOf(ValidatorStateFileError)
      await writeFile(stateFile, '{"version": 1, "scores": ')
      const corrupt = await new Validator(options({ setWeights: false, hotkey: fx.key(9), stateFile }))
        .start()
        .catch((e: unknown) => e)
      expect(corrupt).toBeInstanceOf(ValidatorStateFileError)
      expect((corrupt as Error).message).toMatch(/Hint: /)
    } finally {
      await cleanup()
    }
  })

  it('an RPC that stops answering shows within the stall warning (event + warning), and the step resumes', async () => {
    const proxy = await startCountingProxy(fx.net.rpcUrl)
    const warnings: string[] = []
    const logger = createLogger({
      level: 'warn',
      destination: { write: (line: string) => warnings.push(line) },
    })
    try {
      const client = await hetuClient(fx.net, { rpcUrl: proxy.url })
      await using validator = await new Validator(
        options({ client, setWeights: false, hotkey: fx.key(8), stallWarningMs: 300, logger }),
      ).start()
      const stalled: { stage: string; waitingMs: number }[] = []
      validator.on('stalled', (event) => stalled.push(event))
      proxy.hold()
      const began = performance.now()
      const step = validator.step()
      await vi.waitFor(() => expect(stalled.length).toBeGreaterThan(0), { timeout: 2_000, interval: 20 })
      expect(performance.now() - began).toBeLessThan(1_500)
      expect(stalled[0]).toMatchObject({ stage: 'resync' })
      expect(stalled[0]!.waitingMs).toBeGreaterThanOrEqual(300)
      expect(warnings.join('')).toMatch(/waiting on the chain/)
      proxy.release()
      const report = await step
      expect(report.candidates).toBeGreaterThan(0)
    } finally {
      proxy.release()
      await proxy.close()
    }
  })

  it("with the Python SDK's exact rule (failures abstain), 3 of 6 is no consensus: answers get the undecided credit", async () => {
    await using validator = await new Validator(
      options({ setWeights: false, hotkey: fx.key(8), consensus: { failures: 'abstain' } }),
    ).start()
    const report = await validator.step()
    expect(report.aggregation).toMatchObject({
      reached: false,
      outcome: 'no-majority',
      total: 6,
      confidence: 0,
    })
    expect(report.weightsSkipped).toBe('disabled')
    // Honest and wrong answers now differ only by latency; failures still score 0.
    expect(report.roundScores[wrong]).toBeCloseTo((0.1 + 0.7 * 0.5 + 0.2 * 0.5 * speed(report, wrong)) / 1, 9)
    expect(report.roundScores[slow]).toBe(0)
    expect(await fx.client.getWeights({ netuid: fx.netuid, validator: validator.address })).toEqual([])
  })

  it('takes a custom selection, within the candidates only, and a shared metagraph', async () => {
    const metagraph = await Metagraph.sync({ client: fx.client, netuid: fx.netuid })
    await using validator = await new Validator(
      options({
        setWeights: false,
        hotkey: fx.key(8),
        metagraph,
        selection: (candidates) => candidates.slice(0, 2),
      }),
    ).start()
    expect(validator.metagraph).toBe(metagraph)
    const report = await validator.step()
    expect(report.block).toBe(metagraph.block)
    expect(report.candidates).toBe(6)
    expect(report.selected).toHaveLength(2)
    expect(report.responses).toHaveLength(2)

    await using bad = await new Validator(
      options({
        setWeights: false,
        hotkey: fx.key(8),
        selection: (candidates) => [candidates[0]!, candidates[0]!],
      }),
    ).start()
    await expect(bad.step()).rejects.toMatchObject({ code: 'NEURON_OPTION_INVALID' })
  })

  it('stops cleanly in the middle of a query: run() ends, nothing is scored or set, later steps are refused', async () => {
    const validator = await new Validator(
      options({ hotkey: fx.key(9), query: { timeoutMs: 5_000 }, stepIntervalMs: 0 }),
    ).start()
    const events: string[] = []
    validator.on('step', () => events.push('step'))
    validator.on('weights', () => events.push('weights'))
    validator.on('stopped', () => events.push('stopped'))
    const arrived = new Promise<void>((resolve) => {
      slowRequestArrived = resolve
    })
    const before = slowRequests
    const running = validator.run()
    await arrived
    expect(slowRequests).toBe(before + 1)
    await validator.stop()
    await running
    await validator.whenStopped()
    expect(events).toEqual(['stopped'])
    expect(validator.state).toBe('stopped')
    expect(validator.scores).toEqual({})
    expect(await weightsSetEvents(validator.address)).toHaveLength(0)
    await expect(validator.step()).rejects.toBeInstanceOf(NeuronStateError)
    await validator.stop() // idempotent
  })
})

function speed(report: ValidatorStepReport, miner: Address): number {
  const latency = report.responses.find((r) => r.miner === miner)!.latencyMs!
  return Math.min(1, Math.max(0, 1 - latency / 400))
}
