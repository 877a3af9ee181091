import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { alphaEmission } from '../../src/consensus/index.js'
import { type HetuClient, type HetuSubnet, parseHetu, SubnetNotFoundError } from '../../src/index.js'
import { type Localnet, startLocalnet } from '../../src/localnet/localnet.js'
import { startCountingProxy } from '../chain/helpers/countingProxy.js'
import { connect, createSubnet, hetuClient } from '../fixtures/localnet.js'
import { mintAlpha, registerDev } from './helpers.js'

describe('monitoring', () => {
  let net: Localnet
  let owner: HetuClient
  let validator: HetuClient
  let netuid: number

  beforeAll(async () => {
    net = await startLocalnet()
    owner = await hetuClient(net, { account: 0 })
    validator = await hetuClient(net, { account: 1 })
    ;({ netuid } = await createSubnet(owner, { name: 'health', minter: true }))
  })
  afterAll(() => net?.stop())

  it('flags an empty subnet: no validators (critical), no miners', async () => {
    const health = await owner.getSubnetHealth({ netuid })
    expect(health.neurons).toEqual({
      total: 0,
      validators: 0,
      miners: 0,
      maxNeurons: 4096,
      maxValidators: 128,
    })
    expect(health.emissionMinter).toBe(true)
    expect(health.issues.map((i) => i.code)).toEqual([
      'NO_VALIDATORS',
      'NO_MINERS',
      'POOL_BELOW_MINIMUM_LIQUIDITY',
    ])
    expect(health.healthy).toBe(false)
    expect(health.info).toMatchObject({ netuid, name: 'health', isActive: true })
    expect(health.params.tempo).toBe(99)
  })

  it('reports a working subnet healthy, with counts, pool and emission', async () => {
    await registerDev(validator, netuid)
    await registerDev(await hetuClient(net, { account: 2 }), netuid, { validator: false })
    await registerDev(await hetuClient(net, { account: 3 }), netuid, { validator: false })
    const health = await owner.getSubnetHealth({ netuid })
    expect(health.neurons).toMatchObject({ total: 3, validators: 1, miners: 2 })
    expect(health.healthy).toBe(true)
    expect(health.issues.every((i) => i.severity === 'warning')).toBe(true)
    expect(health.pool.address).toBe(health.info.ammPool)
    expect(health.pool.spotPrice).toBe((health.pool.hetuReserve * 10n ** 18n) / health.pool.alphaReserve)
    expect(health.rewardRate).toEqual(await owner.getSubnetRewardRate({ netuid, blockNumber: health.block }))
  })

  it('flags a subnet that is not active, or whose Alpha the chain may not mint', async () => {
    const { netuid: idle } = await owner.registerSubnet({
      name: 'idle',
      description: '',
      tokenName: 'I',
      tokenSymbol: 'I',
    })
    const health = await owner.getSubnetHealth({ netuid: idle })
    expect(health.issues.filter((i) => i.severity === 'critical').map((i) => i.code)).toEqual([
      'SUBNET_INACTIVE',
      'NO_EMISSION_MINTER',
      'NO_VALIDATORS',
    ])
    expect(health.rewardRate).toMatchObject({ emitting: false, alphaPerBlock: 0n, alphaPerEpoch: 0n })
    await expect(owner.getSubnetHealth({ netuid: 77 })).rejects.toBeInstanceOf(SubnetNotFoundError)
    await expect(owner.getSubnetRewardRate({ netuid: 77 })).rejects.toBeInstanceOf(SubnetNotFoundError)
  })

  it("gives the subnet's Alpha emission from the schedule: 1 Alpha a block, 18 % to the owner", async () => {
    const rate = await owner.getSubnetRewardRate({ netuid })
    expect(rate).toMatchObject({
      netuid,
      emitting: true,
      alphaPerBlock: parseHetu('1'),
      ownerCutPerBlock: parseHetu('0.18'),
      participantsPerBlock: parseHetu('0.82'),
      tempo: 99,
      blocksPerEpoch: 100n,
      alphaPerEpoch: parseHetu('82'),
    })
    // Halves once the subnet's issuance passes half of its 42 M Alpha cap.
    const alphaToken = (await owner.getSubnetInfo({ netuid })).alphaToken
    await mintAlpha(net, alphaToken, owner.account!.address, parseHetu('21000000'))
    const halved = await owner.getSubnetRewardRate({ netuid })
    expect(halved.alphaPerBlock).toBe(parseHetu('0.5'))
    expect(halved.alphaPerBlock).toBe(alphaEmission(halved.alphaIssued))
    // A past block still reads the earlier rate.
    expect((await owner.getSubnetRewardRate({ netuid, blockNumber: rate.block })).alphaPerBlock).toBe(
      parseHetu('1'),
    )
  })

  it("lists an address's stake and where it is allocated", async () => {
    const status = await owner.getStakeStatus({ address: validator.account!.address })
    expect(status.stake).toMatchObject({
      totalStaked: parseHetu('2000'),
      totalAllocated: parseHetu('600'),
      totalCost: parseHetu('1'),
      available: parseHetu('1399'),
    })
    expect(status.subnets).toEqual([
      {
        netuid,
        allocated: parseHetu('600'),
        cost: parseHetu('1'),
        lastUpdateBlock: expect.any(BigInt),
        registered: true,
        isValidator: true,
      },
    ])
    const nobody = await owner.getStakeStatus({ address: net.accounts[9]!.address })
    expect(nobody.subnets).toEqual([])
    expect(nobody.stake.totalStaked).toBe(0n)
    // Default: the client's own account.
    expect((await validator.getStakeStatus()).address).toBe(validator.account!.address)
  })

  it('answers each report in two round trips', async () => {
    const proxy = await startCountingProxy(net.rpcUrl)
    try {
      const counted = await hetuClient(net, { rpcUrl: proxy.url })
      for (const read of [
        () => counted.getSubnetHealth({ netuid }),
        () => counted.getStakeStatus({ address: validator.account!.address }),
        () => counted.getSubnetRewardRate({ netuid }),
      ]) {
        proxy.reset()
        await read()
        expect(proxy.stats.httpRequests).toBe(2)
      }
    } finally {
      await proxy.close()
    }
  })

  it('is on the HetuSubnet facade, with the Python-style positional arguments', async () => {
    const hetu: HetuSubnet = await connect(net, { account: 1 })
    const health = await hetu.getSubnetHealth(netuid)
    expect(health.neurons.validators).toBe(1)
    expect((await hetu.getStakeStatus()).subnets.map((s) => s.netuid)).toEqual([netuid])
    expect((await hetu.getSubnetRewardRate(netuid, { blockNumber: health.block })).block).toBe(health.block)
    const metagraph = await hetu.getMetagraph(netuid)
    expect(metagraph.n).toBe(3)
    expect(metagraph.validators[0]!.hotkey).toBe(hetu.address)
  })
})
