import type { Address } from 'viem'
import { describe, expect, it } from 'vitest'
import { runCollaboration } from '../../src/cli/demo/collaboration.js'
import { resultJson } from '../../src/cli/demo/format.js'
import { createLogger, Miner, parseHetu, Synapse, startLocalnet, Validator } from '../../src/index.js'
import type { EpochReport } from '../../src/localnet/index.js'
import { compute, hetuClient } from '../fixtures/localnet.js'

describe('Miners and a validator on a localnet with emission', () => {
  it('turns honest answers into more Alpha than wrong ones, and every Alpha paid is on chain', async () => {
    await using net = await startLocalnet({ emission: { blockTime: 0.1, epoch: { rho: 0.5 } } })
    const quiet = createLogger({ level: 'error' })
    const client = await hetuClient(net, { account: 0 })
    const { netuid } = await client.registerSubnet({
      name: 'collaboration',
      description: '',
      tokenName: 'C',
      tokenSymbol: 'C',
      hyperparams: { tempo: 3, immunityPeriod: 1, weightsRateLimit: 2n },
    })
    await client.addSubnetMinter({ netuid })
    await client.activateSubnet({ netuid })

    const behaviours = ['honest', 'honest', 'wrong'] as const
    const miners = await Promise.all(
      behaviours.map((behaviour, i) =>
        new Miner({
          client,
          netuid,
          hotkey: net.accounts[2 + i]!.privateKey,
          axon: { ip: '127.0.0.1', port: 0, prometheus: false },
          logger: quiet,
        })
          .attach((synapse) => ({
            completion: behaviour === 'honest' ? compute(synapse.completion) : 'Result: 42',
          }))
          .start(),
      ),
    )
    const validator = await new Validator({
      client,
      netuid,
      hotkey: net.accounts[1]!.privateKey,
      stake: parseHetu('500'),
      task: ({ step }) => new Synapse({ completion: `add ${step} ${step * 2}` }),
      query: { timeoutMs: 1_000 },
      stepIntervalMs: 100,
      logger: quiet,
    }).start()

    // Three epochs that see the validator's weights.
    const epochs: EpochReport[] = []
    const threeEpochs = new Promise<void>((resolve) =>
      net.emission!.on('epoch', (report) => {
        if (report.netuid !== netuid || report.weights.length === 0) return
        epochs.push(report)
        if (epochs.length === 3) resolve()
      }),
    )
    const running = validator.run()
    await threeEpochs
    await validator.stop()
    await running
    await Promise.all(miners.map((m) => m.stop()))
    await net.emission!.stop() // no more blocks: the chain and the module's totals hold still

    const [honestA, honestB, wrong] = await Promise.all(
      miners.map((m) => client.getAlphaBalance({ netuid, address: m.address })),
    )
    expect(honestA).toBeGreaterThan(wrong!)
    expect(honestB).toBeGreaterThan(wrong!)
    // The weights that earned it: the validator rated the wrong miner lowest.
    const last = epochs.at(-1)!.weights[0]!.weights
    const weightOf = (a: Address) => last.find((w) => w.dest === a)?.weight ?? 0n
    expect(weightOf(miners[0]!.address)).toBeGreaterThan(weightOf(miners[2]!.address))
    expect(weightOf(miners[1]!.address)).toBeGreaterThan(weightOf(miners[2]!.address))

    // Every Alpha the epochs paid (incentive, dividends, owner cut) is held on chain, nothing more.
    const totals = net.emission!.totals().subnets.find((s) => s.netuid === netuid)!
    const holders = [...miners.map((m) => m.address), validator.address, net.accounts[0]!.address]
    const held = await Promise.all(holders.map((address) => client.getAlphaBalance({ netuid, address })))
    expect(held.reduce((a, b) => a + b, 0n)).toBe(
      totals.incentivePaid + totals.dividendsPaid + totals.ownerPaid,
    )
  })

  it('`npm run demo` collaboration: wrong and slow miners end with less Alpha; the JSON carries wei strings', async () => {
    const result = await runCollaboration({ epochs: 2, tempo: 3, blockTime: 0.1 })
    expect(result.epochs).toBe(2)
    const json = resultJson(result)
    expect(json.rho).toBe(0.5) // the demo's chain-side ρ, reported with the results
    expect(JSON.parse(JSON.stringify(json))).toEqual(json)
    expect(json.miners.map((m) => m.behaviour)).toEqual(['honest', 'honest', 'honest', 'wrong', 'slow'])
    for (const m of json.miners) {
      expect(m.stake).toMatch(/^\d+$/)
      expect(m.alphaEarned).toMatch(/^\d+$/)
    }
    const alpha = (i: number) => BigInt(json.miners[i]!.alphaEarned)
    for (const honest of [0, 1, 2]) {
      expect(alpha(honest)).toBeGreaterThan(alpha(3))
      expect(alpha(honest)).toBeGreaterThan(alpha(4))
    }
    expect(json.miners[3]!.honest).toBe(false)
    // A client's tasks went through the first validator's gateway, answered by the miners' consensus.
    expect(json.client.requests).toBeGreaterThan(0)
    expect(json.client.answered).toBeGreaterThan(0)
  })
})
