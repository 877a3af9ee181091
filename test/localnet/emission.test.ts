import { type Address, encodeFunctionData, getAddress, numberToHex, parseGwei } from 'viem'
import { describe, expect, it } from 'vitest'
import { SubnetManagerAbi } from '../../src/chain/abi/index.js'
import { rpc } from '../../src/chain/reads.js'
import {
  DEFAULT_EMISSION_PARAMS,
  isEpochBlock,
  ownerCutOf,
  subnetRewardPerBlock,
} from '../../src/consensus/index.js'
import { EmissionOptionsError, EmissionStoppedError } from '../../src/localnet/emission/errors.js'
import type { BlockReport, EpochReport } from '../../src/localnet/emission/reports.js'
import { startLocalnet } from '../../src/localnet/localnet.js'
import { createLogger } from '../../src/logging/index.js'
import { sendAs } from '../chain/helpers/localnet.js'
import { E, emissionEnv } from './emission-env.js'

const E0 = DEFAULT_EMISSION_PARAMS.defaultBlockEmission
const SEED = E(100) // each pool starts with 100 HETU / 100 Alpha

/** Bigints as strings, for comparing whole reports. */
const json = (value: unknown) => JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v))

function logSink() {
  const lines: { level: number; msg: string; netuid?: number; reason?: string }[] = []
  const logger = createLogger({
    level: 'info',
    destination: { write: (s: string) => void lines.push(JSON.parse(s)) },
  })
  return { logger, lines }
}

describe('emission module: blocks, injections, owner cut', () => {
  it('injects the subnet share into the pool every block, exactly as the schedule says', async () => {
    await using net = await startLocalnet({ emission: { manual: true, tempo: 1000 } })
    const env = emissionEnv(net)
    const owner = net.accounts[1]!.address
    const subnet = await env.registerSubnet(owner, 'alpha')
    await env.step(env.activate(subnet), env.addMinter(subnet))
    expect(await env.pool(subnet)).toEqual({ taoIn: SEED, alphaIn: SEED })

    const reports = await env.mine(6)
    // One subnet registered: S_sub = ⌊E·(0.1 + 0.1·ln 2)⌋; all of it goes to the only emitting subnet,
    // and at price 1 (equal reserves) alpha_in = tao_in.
    const share = subnetRewardPerBlock(E0, 1)
    expect(share).toBe(169314718055994529n)
    for (const r of reports) {
      expect(r.blockEmission).toBe(E0)
      expect(r.subnetReward).toBe(share)
      expect(r.subnets).toEqual([
        expect.objectContaining({
          netuid: subnet.netuid,
          taoIn: share,
          alphaIn: share,
          alphaOut: E0,
          injected: true,
        }),
      ])
    }
    expect(reports.map((r) => r.block)).toEqual(reports.map((_, i) => reports[0]!.block + BigInt(i)))
    expect(await env.pool(subnet)).toEqual({ taoIn: SEED + 6n * share, alphaIn: SEED + 6n * share })
    const totals = env.emission.totals().subnets[0]!
    expect(totals).toMatchObject({
      blocks: 6,
      taoInjected: 6n * share,
      alphaInjected: 6n * share,
      alphaEmitted: 6n * E0,
    })
  })

  it('pays the owner 18 % of every block’s Alpha at the epoch; with no neurons the rest is discarded', async () => {
    await using net = await startLocalnet({ emission: { manual: true, tempo: 4 } })
    const env = emissionEnv(net)
    const owner = net.accounts[2]!.address
    const subnet = await env.registerSubnet(owner, 'owned')
    const activation = await env.step(env.activate(subnet), env.addMinter(subnet))
    const epochs: EpochReport[] = []
    env.emission.on('epoch', (e) => epochs.push(e))
    await env.mine(10)
    expect(epochs.length).toBe(2)
    const first = epochs[0]!
    const emittingBlocks = first.block - activation.block // blocks activation+1 … epoch block
    expect(first.ownerCut).toBe(emittingBlocks * ownerCutOf(E0))
    expect(first.pendingAlpha).toBe(emittingBlocks * (E0 - ownerCutOf(E0)))
    expect(first.participants).toEqual([])
    expect(first.discarded).toBe(first.pendingAlpha)
    expect(first.paid).toBe(true)
    const second = epochs[1]!
    expect(second.block - first.block).toBe(5n) // tempo 4: every 5 blocks
    expect(second.ownerCut).toBe(5n * ownerCutOf(E0))
    expect(await env.alphaBalance(subnet, owner)).toBe(first.ownerCut + second.ownerCut)
    expect(env.emission.totals().subnets[0]).toMatchObject({
      ownerPaid: first.ownerCut + second.ownerCut,
      discarded: first.pendingAlpha + second.pendingAlpha,
      epochs: 2,
    })
  })
})

describe('emission module: epochs', () => {
  it('runs each subnet’s epoch when (block + netuid + 1) % (tempo + 1) == 0', async () => {
    const tempo = 4
    await using net = await startLocalnet({ emission: { manual: true, tempo } })
    const env = emissionEnv(net)
    const a = await env.registerSubnet(net.accounts[1]!.address, 'first')
    const b = await env.registerSubnet(net.accounts[2]!.address, 'second')
    expect([a.netuid, b.netuid]).toEqual([1, 2])
    const start = await env.step(env.activate(a), env.addMinter(a), env.activate(b), env.addMinter(b))
    const reports = await env.mine(12)
    const seen = (netuid: number) =>
      reports.flatMap((r) => r.epochs.filter((e) => e.netuid === netuid).map((e) => e.block))
    const expected = (netuid: number) =>
      reports.map((r) => r.block).filter((blk) => isEpochBlock(blk, netuid, tempo))
    expect(seen(1)).toEqual(expected(1))
    expect(seen(2)).toEqual(expected(2))
    expect(seen(1).length).toBeGreaterThanOrEqual(2)
    // Staggered by netuid: subnet 2 runs one block before subnet 1 in each period.
    for (const blk of seen(1)) expect((blk + 2n) % 5n).toBe(0n)
    for (const blk of seen(2)) expect((blk + 3n) % 5n).toBe(0n)
    expect(reports[0]!.block).toBe(start.block + 1n)
  })

  it('pays the honest miner more than the dishonest one; total minted Alpha = the schedule, exactly', async () => {
    // Silent: the subnet is skipped (no minter yet) on purpose while it is set up.
    const logger = createLogger({ level: 'silent' })
    // Conserving payouts and bond-holder dividends: the fixed rules' emission defaults.
    await using net = await startLocalnet({ rules: 'fixed', emission: { manual: true, tempo: 4, logger } })
    const env = emissionEnv(net)
    const [owner, v1, v2, honest, dishonest] = [1, 2, 3, 4, 5].map((i) => net.accounts[i]!.address) as [
      Address,
      Address,
      Address,
      Address,
      Address,
    ]
    // rho 1000 is the largest the contract accepts (ρ = 0.1 as the chain reads it).
    const subnet = await env.registerSubnet(owner, 'honesty', { rho: 1000 })
    await env.step(env.activate(subnet))
    await env.step(
      ...env.join(v1, subnet.netuid, E(500), true),
      ...env.join(v2, subnet.netuid, E(900), true),
      ...env.join(honest, subnet.netuid, E(200), false),
      ...env.join(dishonest, subnet.netuid, E(200), false),
    )
    await env.step(
      env.setWeights(v1, subnet.netuid, { [honest]: 900_000, [dishonest]: 100_000 }),
      env.setWeights(v2, subnet.netuid, { [honest]: 700_000, [dishonest]: 300_000 }),
    )
    // Emission starts only once the system may mint: weights are already in place by then.
    const start = await env.step(env.addMinter(subnet))
    const epochs: EpochReport[] = []
    const blocks: BlockReport[] = []
    env.emission.on('epoch', (e) => epochs.push(e))
    env.emission.on('block', (r) => blocks.push(r))
    while (epochs.length < 3) await env.mine()

    const [hBalance, dBalance, v1Balance, v2Balance, ownerBalance] = (await Promise.all(
      [honest, dishonest, v1, v2, owner].map((who) => env.alphaBalance(subnet, who)),
    )) as [bigint, bigint, bigint, bigint, bigint]
    expect(hBalance).toBeGreaterThan(dBalance)
    expect(dBalance).toBeGreaterThan(0n)
    // bondHolder dividends: validators earn through their bonds on the miners they rated.
    expect(v1Balance).toBeGreaterThan(0n)
    expect(v2Balance).toBeGreaterThan(0n)
    // …weighted by their stake: v2 (900) out-earns v1 (500) though v1 rated the honest miner higher.
    expect(v2Balance).toBeGreaterThan(v1Balance)
    const last = epochs.at(-1)!
    const byAddress = new Map(last.participants.map((p) => [p.address.toLowerCase(), p]))
    expect(byAddress.get(honest.toLowerCase())!.incentive).toBeGreaterThan(
      byAddress.get(dishonest.toLowerCase())!.incentive,
    )
    expect(last.weights.map((w) => w.validator.toLowerCase()).sort()).toEqual(
      [v1, v2].map((a) => a.toLowerCase()).sort(),
    )
    for (const e of epochs) {
      expect(e.paid).toBe(true)
      expect(e.discarded).toBe(0n) // conserving: participants get exactly P
      expect(e.participants.reduce((sum, p) => sum + p.payout, 0n)).toBe(e.pendingAlpha)
    }

    // The schedule, computed independently: every block since the minter was added emits e = 1 Alpha
    // (owner cut included) and injects S_sub Alpha into the pool (price stays exactly 1: both sides grow alike).
    const emitted = last.block - start.block
    expect(blocks.length).toBe(Number(emitted))
    const schedule = emitted * (E0 + subnetRewardPerBlock(E0, 1))
    // Stopped right on an epoch block, so nothing is pending.
    expect((await env.alphaSupply(subnet)) - SEED).toBe(schedule)
    const totals = env.emission.totals().subnets[0]!
    expect(totals.alphaMinted).toBe(schedule)
    expect(totals.pendingAlpha + totals.pendingOwnerCut).toBe(0n)
    expect(totals.earned[getAddress(honest)]).toBe(hBalance)
    expect(totals.earned[getAddress(owner)]).toBe(ownerBalance)
    expect(hBalance + dBalance + v1Balance + v2Balance + ownerBalance).toBe(emitted * E0)
  })

  it('gives the same results for the same sequence of blocks', async () => {
    const run = async () => {
      await using net = await startLocalnet({ emission: { manual: true, tempo: 3 } })
      const env = emissionEnv(net)
      // The deploy takes a varying number of blocks; start both runs at the same height.
      await env.mine(Number(40n - (await env.head())))
      const [owner, v1, v2, m1, m2, m3] = net.accounts.slice(1, 7).map((a) => a.address) as Address[]
      const subnet = await env.registerSubnet(owner!, 'same', { rho: 500, kappa: 40000 })
      await env.step(env.activate(subnet), env.addMinter(subnet))
      await env.step(
        ...env.join(v1!, subnet.netuid, E(600), true),
        ...env.join(v2!, subnet.netuid, E(800), true),
        ...env.join(m1!, subnet.netuid, E(200), false),
      )
      await env.step(
        ...env.join(m2!, subnet.netuid, E(250), false),
        ...env.join(m3!, subnet.netuid, E(300), false),
      )
      await env.step(env.setWeights(v1!, subnet.netuid, { [m1!]: 500_000, [m2!]: 300_000, [m3!]: 1 }))
      const reports: BlockReport[] = []
      env.emission.on('block', (r) => reports.push(r))
      await env.mine(6)
      await env.step(env.setWeights(v2!, subnet.netuid, { [m2!]: 1_000_000, [m1!]: 200_000, [v1!]: 10 }))
      await env.mine(9)
      return { reports, subnets: env.emission.totals().subnets }
    }
    const first = await run()
    const second = await run()
    expect(first.reports.length).toBe(16)
    expect(first.reports.some((r) => r.epochs.length > 0 && r.epochs[0]!.participants.length === 5)).toBe(
      true,
    )
    expect(json(second)).toBe(json(first))
  })
})

describe('emission module: robustness', () => {
  it('skips a subnet without the system address as minter (one warning) and keeps the others going', async () => {
    const { logger, lines } = logSink()
    await using net = await startLocalnet({ emission: { manual: true, tempo: 1000, logger } })
    const env = emissionEnv(net)
    const good = await env.registerSubnet(net.accounts[1]!.address, 'good')
    const lazy = await env.registerSubnet(net.accounts[2]!.address, 'lazy')
    await env.step(env.activate(good), env.addMinter(good), env.activate(lazy))
    const reports = await env.mine(4)
    for (const r of reports) {
      expect(r.subnets.map((s) => s.netuid)).toEqual([good.netuid])
      expect(r.skipped).toEqual([{ netuid: lazy.netuid, reason: 'no-minter' }])
      // Two subnets registered: the share ratio counts both, the emitting one takes all of it.
      expect(r.subnets[0]!.taoIn).toBe(subnetRewardPerBlock(E0, 2))
    }
    expect(await env.pool(lazy)).toEqual({ taoIn: SEED, alphaIn: SEED })
    expect(await env.alphaSupply(lazy)).toBe(SEED)
    const warnings = lines.filter((l) => l.level === 40 && l.netuid === lazy.netuid)
    expect(warnings.length).toBe(1)
    expect(warnings[0]!.msg).toContain('addSubnetMinter')

    await env.step(env.addMinter(lazy))
    const [after] = await env.mine()
    expect(after!.skipped).toEqual([])
    expect(after!.subnets.map((s) => s.netuid)).toEqual([good.netuid, lazy.netuid])
    expect((await env.pool(lazy)).taoIn).toBeGreaterThan(SEED)
  })

  it('isolates a failing subnet: its group is undone and reported, the others land in the same block', async () => {
    const { logger, lines } = logSink()
    await using net = await startLocalnet({ emission: { manual: true, tempo: 1000, logger } })
    const env = emissionEnv(net)
    const good = await env.registerSubnet(net.accounts[1]!.address, 'steady')
    const flaky = await env.registerSubnet(net.accounts[2]!.address, 'flaky')
    await env.step(env.activate(good), env.addMinter(good), env.activate(flaky), env.addMinter(flaky))
    await env.mine()
    // The owner revokes the system's minter right in the next block, ahead of the system transaction
    // (higher tip): the module planned that block's injection from the previous state, so it fails.
    const revoke = encodeFunctionData({
      abi: SubnetManagerAbi,
      functionName: 'removeSubnetMinter',
      args: [flaky.netuid, net.systemAddress],
    })
    await rpc(net.rpcUrl, 'eth_sendTransaction', [
      {
        from: flaky.owner,
        to: net.contracts.SubnetManager,
        data: revoke,
        gas: '0x100000',
        maxPriorityFeePerGas: numberToHex(parseGwei('100')),
        maxFeePerGas: numberToHex(parseGwei('200')),
      },
    ])
    const poolBefore = await env.pool(flaky)
    const [report] = await env.mine()
    expect(report!.subnets.map((s) => [s.netuid, s.injected])).toEqual([
      [good.netuid, true],
      [flaky.netuid, false],
    ])
    expect(await env.pool(flaky)).toEqual(poolBefore)
    const failure = lines.find((l) => l.level === 50 && l.netuid === flaky.netuid) as
      | { reason?: string }
      | undefined
    expect(failure?.reason).toContain('NOT_AUTHORIZED_MINTER')
    expect(env.emission.totals().subnets[1]!.failed).toBe(report!.subnets[1]!.alphaIn)
    // From the next block on it is skipped like any subnet without the minter.
    const [next] = await env.mine()
    expect(next!.skipped).toEqual([{ netuid: flaky.netuid, reason: 'no-minter' }])
    expect(next!.subnets.map((s) => s.injected)).toEqual([true])
  })

  it('processes blocks mined by someone else in order, late, without losing emission', async () => {
    await using net = await startLocalnet({ emission: { manual: true, tempo: 1000 } })
    const env = emissionEnv(net)
    const subnet = await env.registerSubnet(net.accounts[1]!.address, 'late')
    const start = await env.step(env.activate(subnet), env.addMinter(subnet))
    await rpc(net.rpcUrl, 'anvil_mine', ['0x5'])
    await rpc(net.rpcUrl, 'evm_mine')
    const reports = await env.mine()
    expect(reports.map((r) => r.block)).toEqual([1n, 2n, 3n, 4n, 5n, 6n, 7n].map((i) => start.block + i))
    expect(reports.map((r) => r.late)).toEqual([true, true, true, true, true, true, false])
    const share = subnetRewardPerBlock(E0, 1)
    for (const r of reports)
      expect(r.subnets[0]).toMatchObject({ taoIn: share, alphaIn: share, injected: true })
    expect(await env.pool(subnet)).toEqual({ taoIn: SEED + 7n * share, alphaIn: SEED + 7n * share })
  })

  it('keeps going when a listener throws, and refuses bad options up front', async () => {
    const { logger, lines } = logSink()
    await using net = await startLocalnet({ emission: { manual: true, logger } })
    net.emission.on('block', () => {
      throw new Error('listener bug')
    })
    const [r1] = await net.emission.mine()
    const [r2] = await net.emission.mine()
    expect(r2!.block).toBe(r1!.block + 1n)
    expect(lines.filter((l) => l.level === 50).length).toBe(2)
    await expect(startLocalnet({ emission: { tempo: -1 } })).rejects.toBeInstanceOf(EmissionOptionsError)
    await expect(startLocalnet({ emission: { blockTime: 0 } })).rejects.toBeInstanceOf(EmissionOptionsError)
    await expect(startLocalnet({ emission: { epoch: { rho: 2 } } })).rejects.toBeInstanceOf(
      EmissionOptionsError,
    )
  })

  it('mines on its own every blockTime and stops cleanly: no timers left, no more blocks', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length
    const before = timers()
    const net = await startLocalnet({ emission: { blockTime: 0.02 } })
    const emission = net.emission
    const first = await emission.next('block')
    const later = await emission.next('block', (r) => r.block >= first.block + 3n)
    expect(later.block).toBeGreaterThan(first.block)
    const waiting = expect(emission.next('epoch')).rejects.toBeInstanceOf(EmissionStoppedError)
    await emission.stop()
    await waiting
    const head = BigInt(await rpc<string>(net.rpcUrl, 'eth_blockNumber'))
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(BigInt(await rpc<string>(net.rpcUrl, 'eth_blockNumber'))).toBe(head)
    expect(emission.lastBlock).toBe(head)
    // Stopping restores plain automine: a transaction gets its own block again, right after the head.
    const receipt = await sendAs(net, net.accounts[0]!.address, net.accounts[1]!.address, '0x', 1n)
    expect(BigInt(receipt.blockNumber)).toBe(head + 1n)
    await net.stop()
    await net.stop() // idempotent
    expect(timers()).toBeLessThanOrEqual(before)
  })
})
