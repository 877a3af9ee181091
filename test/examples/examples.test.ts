import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { type Address, getAddress } from 'viem'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { main as clientGateway } from '../../examples/client-gateway.js'
import { main as crossSubnet } from '../../examples/cross-subnet.js'
import { main as governance } from '../../examples/governance.js'
import { main as loadBalancing } from '../../examples/load-balancing.js'
import { main as localComputation } from '../../examples/local-computation.js'
import { main as minerValidator } from '../../examples/miner-validator.js'
import { main as monitoring } from '../../examples/monitoring.js'
import { main as networkComputation } from '../../examples/network-computation.js'
import { main as robustQuery } from '../../examples/robust-query.js'
import { main as stakingAllocation } from '../../examples/staking-allocation.js'
import { main as subnetLifecycle } from '../../examples/subnet-lifecycle.js'
import { main as validatorRewards } from '../../examples/validator-rewards.js'
import { type Localnet, parseHetu, startLocalnet } from '../../src/index.js'
import { connect } from '../fixtures/localnet.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const hetu = (amount: string) => parseHetu(amount)

// Every example runs in-process on one shared localnet, one after the other, as a user would run them
// against `npx hetu localnet`: none may depend on a fresh chain (netuids, balances, policy). They run on
// both rule sets: what works on the localnet must work on the public chain, and on our fixes.
describe.each(['public', 'fixed'] as const)('examples on %s rules', (rules) => {
  let net: Localnet
  const lines: string[] = []
  const options = () => ({ localnet: net.toJSON(), log: (line: string) => lines.push(line) })
  const publicRules = rules === 'public'

  beforeAll(async () => {
    net = await startLocalnet({ rules })
  })
  afterAll(() => net?.stop())
  const address = (i: number) => getAddress(net.accounts[i]!.address)

  it('local computation: "add 15 25" through an axon and a dendrite', async () => {
    const result = await localComputation({ log: (line) => lines.push(line) })
    expect(result).toMatchObject({ completion: 'Result: 15 + 25 = 40', statusCode: 200 })
    expect(result.answeredBy).toBe(result.axonHotkey)
  })

  it('governance: the owner changes subnet and network parameters, others are refused, policy restored', async () => {
    const before = await connect(net)
    const policy = await before.getNetworkParams()
    const result = await governance(options())
    // The public default weightsRateLimit (15000) fails the contract's own rule: the example fixes it.
    expect(result.inheritedProblems).toEqual(publicRules ? ['weightsRateLimit'] : [])
    expect(result.subnetParams.after).toEqual({
      tempo: 360,
      validatorThreshold: hetu('1000'),
      maxAllowedUids: 512,
    })
    expect(result.networkParams.after).toEqual({
      minLock: hetu('50'),
      rateLimit: 100n,
      reductionInterval: 2000n,
    })
    expect(result.errors).toEqual({
      invalidTempo: 'INVALID_CONTRACT_ARGUMENT',
      strangerSubnetParams: 'NOT_OWNER',
      validatorBelowNewThreshold: 'STAKE_BELOW_THRESHOLD',
      strangerNetworkConfig: 'NOT_OWNER',
    })
    const after = await before.getNetworkParams()
    expect([after.minLock, after.rateLimit, after.reductionInterval]).toEqual([
      policy.minLock,
      policy.rateLimit,
      policy.reductionInterval,
    ])
  })

  it('subnet creation and activation', async () => {
    const result = await subnetLifecycle(options())
    expect(result).toMatchObject({
      activeBefore: false,
      activeAfter: true,
      errors: { joinInactive: 'SUBNET_NOT_ACTIVE', strangerActivates: 'NOT_OWNER' },
      params: { tempo: 99, neuronThreshold: hetu('200'), validatorThreshold: hetu('500') },
      pool: { alpha: result.pool.hetu, spotPrice: hetu('1') },
    })
    expect(result.owner).toBe(address(0))
    expect(result.pool.hetu).toBeGreaterThan(0n)
    expect(result.lockCostAfter).toBeGreaterThan(result.lockCost)
    expect(result.firstMiner.stake).toBe(hetu('200'))
  })

  it('network computation: miners registered on chain, discovered from chain, queried', async () => {
    const result = await networkComputation(options())
    const miners = [2, 3, 4].map((i) => address(i))
    expect(result.miners.map((m) => m.address)).toEqual(miners)
    expect(result.miners.every((m) => m.endpoint === '127.0.0.1' && m.port > 0)).toBe(true)
    expect(result.answers).toEqual(
      miners.map((from) => ({ from, completion: 'Result: 15 + 25 = 40', status: 200 })),
    )
  })

  it('validator round: consensus without the wrong and the offline miner, 30/70 split, weights on chain', async () => {
    const result = await validatorRewards(options())
    const [honest2, honest3, honest4, wrong, offline] = [2, 3, 4, 5, 6].map((i) => address(i))
    expect(result.consensus).toEqual({
      reached: true,
      result: 'Result: 15 + 25 = 40',
      count: 3,
      total: 4,
      confidence: 0.75,
    })
    const agreement = Object.fromEntries(result.agreement.map((a) => [a.miner, a.agreement]))
    expect(agreement).toEqual({
      [honest2!]: 'agree',
      [honest3!]: 'agree',
      [honest4!]: 'agree',
      [wrong!]: 'disagree',
      [offline!]: 'failed',
    })
    const { rewards } = result
    expect(rewards.validatorPot * 7n).toBe(rewards.minerPot * 3n)
    const paid = Object.fromEntries(rewards.miners.map((m) => [m.address, m.amount]))
    expect(paid[honest2!]).toBe(rewards.fullShare)
    expect(paid[wrong!]).toBe(rewards.fullShare / 2n)
    expect(paid[offline!]).toBe(0n)
    const weights = Object.fromEntries(result.weights.map((w) => [w.dest, w.weight]))
    expect(Object.keys(weights).sort()).toEqual([honest2, honest3, honest4, wrong].sort())
    expect(Object.values(weights).reduce((a, b) => a + b, 0n)).toBe(1_000_000n)
    expect(weights[honest2!]! - 2n * weights[wrong!]!).toBeLessThanOrEqual(1n)
  })

  it('staking and allocation: stake, register, allocate, withdraw, unstake; typed mistakes', async () => {
    const result = await stakingAllocation(options())
    expect(result.steps.map((s) => [s.totalStaked, s.allocated, s.available])).toEqual([
      [hetu('500'), 0n, hetu('500')],
      [hetu('500'), hetu('200'), hetu('299')],
      [hetu('500'), hetu('350'), hetu('149')],
      [hetu('500'), hetu('250'), hetu('249')],
      // Below the threshold: allowed on the public contracts, locked on the fixed rules.
      publicRules ? [hetu('500'), hetu('150'), hetu('349')] : [hetu('500'), hetu('250'), hetu('249')],
      [hetu('500'), 0n, hetu('499')],
      [hetu('1'), 0n, 0n],
    ])
    expect(result.errors).toEqual({
      allocateBeforeRegistration: 'ALLOCATION_BEFORE_REGISTRATION',
      withdrawBelowThreshold: publicRules ? null : 'STAKE_LOCKED',
    })
    // Still registered; its stake is the live allocation, not the field NeuronManager wrote at registration.
    expect(result.belowThreshold).toEqual({ registered: true, stake: hetu(publicRules ? '150' : '250') })
    // The public contracts keep the allocation after leaving: `release` took it back.
    expect(result.released).toBe(publicRules ? hetu('150') : 0n)
  })

  it('cross-subnet: services found by type in an active subnet only; stake moved between subnets', async () => {
    const result = await crossSubnet(options())
    const [dev3, dev4] = [3, 4].map((i) => address(i))
    expect(result.reverseServices[result.subnets.b]).toEqual([dev3, dev4])
    expect(result.reverseServices[result.subnets.c]).toEqual([])
    expect(result.reverseAnywhere).toEqual(
      expect.arrayContaining([
        { netuid: result.subnets.b, hotkey: dev3 },
        { netuid: result.subnets.b, hotkey: dev4 },
      ]),
    )
    expect(result.answers).toEqual([
      { from: dev3, reversed: 'stenbus uteh', status: 200 },
      { from: dev4, reversed: 'stenbus uteh', status: 200 },
    ])
    expect(result.stakeMove).toEqual({
      account: dev4,
      amount: hetu('100'),
      before: { a: hetu('300'), b: hetu('200') },
      after: { a: hetu('200'), b: hetu('300') },
    })
  })

  it('monitoring: health, stake across subnets, pinned reads, axon metrics', async () => {
    const result = await monitoring(options())
    expect(result.health).toMatchObject({
      neurons: { total: 4, validators: 1, miners: 3 },
      healthy: false,
      issues: ['NO_EMISSION_MINTER', 'POOL_BELOW_MINIMUM_LIQUIDITY'],
    })
    expect(result.healthAfterMinter).toEqual({ healthy: true, issues: ['POOL_BELOW_MINIMUM_LIQUIDITY'] })
    expect(result.stake.subnets).toEqual(
      expect.arrayContaining([{ netuid: result.netuid, allocated: hetu('200'), registered: true }]),
    )
    expect(result.pinned.neurons).toBe(4)
    expect(result.pinned.before.neurons).toBe(0)
    expect(result.axonRequests).toEqual(
      expect.arrayContaining([
        { status: 200, count: 2 },
        { status: 400, count: 1 },
      ]),
    )
  })

  it('load balancing: round-robin over three axons, failover when one stops', async () => {
    const result = await loadBalancing({ log: (line) => lines.push(line) })
    expect(result.perAxon).toEqual([10, 10, 10])
    expect(result.afterFailover[1]).toBe(0)
    expect(result.afterFailover[0]! + result.afterFailover[2]!).toBe(30)
    expect(result.allSucceeded).toBe(true)
  })

  it('robust query: retries a busy axon, gives up after the attempts, never retries a bad request', async () => {
    const result = await robustQuery({ log: (line) => lines.push(line) })
    expect(result).toEqual({
      recovered: { status: 200, completion: 'Result: 15 + 25 = 40', attempts: 3 },
      gaveUp: { status: 503, completion: undefined, attempts: 3 },
      notRetried: { status: 400, completion: undefined, attempts: 1 },
    })
  })

  it("client gateway: a client asks a validator, the miners' consensus answers, weights follow it", async () => {
    const result = await clientGateway(options())
    expect(result).toMatchObject({ answer: 'Result: 15 + 25 = 40', agreement: 0.75 })
    expect(result.asked).toHaveLength(4)
    expect(result.answered).toHaveLength(4)
    expect(new Set(result.agreeing)).toEqual(new Set([6, 7, 8].map(address)))
    expect(lines.join('\n')).toMatch(/validator weights: .*0x[0-9a-fA-F]{6}…=\d+/)
  })

  it('narrates without secrets', () => {
    const text = lines.join('\n')
    for (const account of net.accounts) expect(text).not.toContain(account.privateKey.slice(2))
  })
})

describe('examples on their own localnet', () => {
  it('quick start (the README’s lines): one miner found on chain answers 40', async () => {
    const printed: unknown[][] = []
    const spy = vi.spyOn(console, 'log').mockImplementation((...args) => void printed.push(args))
    try {
      await import('../../examples/quick-start.js') // top-level code: runs on import
    } finally {
      spy.mockRestore()
    }
    expect(printed).toEqual([[[expect.stringMatching(/^0x[0-9a-fA-F]{40}: 40$/)]]])
    // The README shows exactly the file's code (without its header comment).
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8')
    const shown = /## Quick start[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1]
    const file = await readFile(new URL('../../examples/quick-start.ts', import.meta.url), 'utf8')
    expect(shown).toBe(file.slice(file.search(/^import /m)))
  })

  it.each(['public', 'fixed'] as const)(
    'miner and validator loops on %s rules: weights set by a step become Alpha at the next epoch',
    async (rules) => {
      const result = await minerValidator({ log: () => {}, rules })
      const [honest1, honest2, wrong] = result.miners as [Address, Address, Address]
      expect(result.consensus).toEqual({ completion: 'Result: 1 + 10 = 11' })
      const weight = Object.fromEntries(result.weights.map((w) => [w.dest, w.weight]))
      expect(weight[wrong]).toBeLessThan(weight[honest1]!)
      expect(weight[wrong]).toBeLessThan(weight[honest2]!)
      const alpha = result.alphaBalances
      // The chain's rule credits dividends to the weighted neurons, so a validator nobody weights earns
      // nothing; the fixed rules pay validators through stake-weighted bonds.
      if (rules === 'public') expect(alpha[result.validator as Address]).toBe(0n)
      else expect(alpha[result.validator as Address]).toBeGreaterThan(0n)
      expect(alpha[wrong]).toBeGreaterThan(0n)
      expect(alpha[wrong]).toBeLessThan(alpha[honest1]!)
      expect(alpha[wrong]).toBeLessThan(alpha[honest2]!)
    },
  )
})

describe('an example as a user runs it', () => {
  it('`npx tsx examples/client-gateway.ts` ends with one JSON line: the answer and who agreed', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'examples/client-gateway.ts'],
      {
        cwd: root,
        env: { ...process.env, HETU_RPC_URL: '', HETU_LOCALNET_INFO: '' },
      },
    )
    const last = JSON.parse(stdout.trim().split('\n').at(-1)!)
    expect(Object.keys(last)).toEqual(['answer', 'agreement', 'asked', 'answered', 'agreeing'])
    expect(last).toMatchObject({ answer: 'Result: 15 + 25 = 40', agreement: 0.75 })
    expect(last.agreeing).toHaveLength(3)
  })

  it('`npx tsx examples/subnet-lifecycle.ts` starts its own localnet and prints its result', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'examples/subnet-lifecycle.ts'],
      { cwd: root, env: { ...process.env, HETU_RPC_URL: '', HETU_LOCALNET_INFO: '' } },
    )
    expect(stdout).toMatch(/^started a localnet at http:\/\/127\.0\.0\.1:\d+/)
    const result = JSON.parse(stdout.slice(stdout.indexOf('result: ') + 'result: '.length))
    expect(result).toMatchObject({
      netuid: 1,
      activeBefore: false,
      activeAfter: true,
      lockCost: '100000000000000000000',
    })
  })
})
