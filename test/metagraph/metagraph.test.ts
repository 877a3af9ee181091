import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Address, getAddress } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type HetuClient,
  Metagraph,
  MetagraphClientMissingError,
  MetagraphFileError,
  MetagraphNetworkMismatchError,
  parseHetu,
  SubnetNotFoundError,
} from '../../src/index.js'
import { type Localnet, startLocalnet } from '../../src/localnet/localnet.js'
import { startCountingProxy } from '../chain/helpers/countingProxy.js'
import { createSubnet, hetuClient, registerMiners, syntheticAddresses } from '../fixtures/localnet.js'
import {
  chainView,
  deregisterAs,
  metagraphView,
  mintAlpha,
  registerDev,
  reregisterAs,
  seeded,
  startNoOverrideProxy,
  transferAlphaAs,
  updateServiceAs,
} from './helpers.js'

describe('Metagraph', () => {
  let net: Localnet
  let owner: HetuClient
  let validators: HetuClient[]
  let netuid: number
  let alphaToken: Address
  let dir: string
  let salt = 0
  /** Registers fresh impersonated miners (distinct addresses on every call). */
  const addMiners = async (count: number) => {
    const accounts = syntheticAddresses(count, ++salt).map((a) => getAddress(a))
    await registerMiners(net, netuid, accounts)
    return accounts
  }

  beforeAll(async () => {
    // Deregistering releases the allocation (fixed rules), so a neuron that left can register again.
    net = await startLocalnet({ rules: 'fixed' })
    dir = await mkdtemp(join(tmpdir(), 'hetu-metagraph-'))
    owner = await hetuClient(net, { account: 0 })
    ;({ netuid, alphaToken } = await createSubnet(owner, { name: 'mg', minter: true }))
    validators = [await hetuClient(net, { account: 1 }), await hetuClient(net, { account: 2 })]
    for (const v of validators) await registerDev(v, netuid)
    await addMiners(12)
  })
  afterAll(async () => {
    await net?.stop()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('reads what the chain holds: uids in list order, stakes, roles, axons, balances, weights', async () => {
    const miners = (await owner.getNeuronList({ netuid })).slice(2)
    await validators[0]!.setWeights({
      netuid,
      weights: miners.slice(0, 4).map((dest, i) => ({ dest, weight: BigInt(100_000 * (i + 1)) })),
    })
    await mintAlpha(net, alphaToken, miners[0]!, parseHetu('3'))

    const metagraph = await Metagraph.sync({ client: owner, netuid })
    expect(metagraphView(metagraph)).toEqual(await chainView(owner, netuid))
    expect(metagraph.n).toBe(14)
    expect(metagraph.uids).toEqual([...Array(14).keys()])
    expect(metagraph.validatorPermit.filter(Boolean)).toHaveLength(2)
    expect(metagraph.validators.map((v) => v.hotkey)).toEqual(validators.map((v) => v.account!.address))
    expect(metagraph.miners).toHaveLength(12)
    expect(metagraph.S[0]).toBe(parseHetu('600'))
    expect(metagraph.totalStake).toBe(parseHetu(String(2 * 600 + 12 * 200)))
    expect(metagraph.stakeShare[0]).toBeCloseTo(600 / 3600, 12)
    expect(metagraph.axons[2]).toMatchObject({ ip: '127.0.0.1', hotkey: miners[0], isServing: true })
    expect(metagraph.axons[2]!.endpoint).toBe(`http://127.0.0.1:${metagraph.axons[2]!.port}`)
    expect(metagraph.alphaBalance[2]).toBe(parseHetu('3'))
    // W by uid on the 0..1 scale; miners' rows are empty.
    expect(Array.from(metagraph.W[0]!.slice(2, 7))).toEqual([0.1, 0.2, 0.3, 0.4, 0])
    expect(metagraph.W[2]!.every((w) => w === 0)).toBe(true)
    expect(metagraph.weightsOf(0).map((w) => w.uid)).toEqual([2, 3, 4, 5])
    // Lookups for the axon helpers.
    expect(metagraph.uidOf(miners[1]!.toLowerCase())).toBe(3)
    expect(metagraph.lookup(validators[1]!.account!.address)).toEqual({
      uid: 1,
      isValidator: true,
      stake: parseHetu('600'),
    })
    expect(metagraph.lookup('0x000000000000000000000000000000000000dEaD')).toBeUndefined()
  })

  it('computes the epoch locally: incentive to the weighted miners, E pays out one epoch of emission', async () => {
    const miners = (await owner.getNeuronList({ netuid })).slice(2, 6)
    await validators[1]!.setWeights({
      netuid,
      weights: miners.map((dest, i) => ({ dest, weight: BigInt(100_000 * (i + 1)) })),
    })
    const metagraph = await Metagraph.sync({ client: owner, netuid })
    const weighted = [2, 3, 4, 5]
    const sum = (xs: Iterable<number>) => [...xs].reduce((a, b) => a + b, 0)
    expect(sum(metagraph.I)).toBeCloseTo(1, 9)
    for (const uid of metagraph.uids) expect(metagraph.I[uid]! > 0).toBe(weighted.includes(uid))
    // More weight, more incentive; both validators agree, so consensus is their (normalised) weight.
    expect(metagraph.I[5]!).toBeGreaterThan(metagraph.I[2]!)
    expect(Array.from(metagraph.C.slice(2, 6)).map((c) => Number(c.toFixed(9)))).toEqual([0.1, 0.2, 0.3, 0.4])
    // Dividends go to the validators that hold bonds (Yuma rule, the localnet's default), equal stake.
    expect(metagraph.D[0]).toBeCloseTo(0.5, 9)
    expect(metagraph.D[1]).toBeCloseTo(0.5, 9)
    // 'conserving' payout: one epoch of the schedule's Alpha, exactly.
    expect(metagraph.E.reduce((a, b) => a + b, 0n)).toBe(metagraph.rewardRate.alphaPerEpoch)
    expect(metagraph.rewardRate).toMatchObject({ emitting: true, alphaPerBlock: parseHetu('1') })
  })

  it('follows seeded random registrations, deregistrations (swap-and-pop), service, stake, weights and Alpha changes', async () => {
    const rng = seeded(20250811)
    const metagraph = await Metagraph.sync({ client: owner, netuid })
    // Our own model of the neuron list, updated the way NeuronManager does it.
    const model = [...metagraph.hotkeys]
    const left: Address[] = []
    let port = 20_000
    const ops = [
      'register',
      'deregister',
      'deregister',
      'service',
      'stake',
      'weights',
      'mint',
      'transfer',
      'rejoin',
    ]
    const done: string[] = []
    for (let round = 0; round < 4; round++) {
      for (let step = 0; step < 8; step++) {
        // Each round registers and deregisters at least once; the rest is drawn.
        const op = step === 0 ? 'register' : step === 1 ? 'deregister' : rng.pick(ops)
        const miners = model.filter((a) => !validators.some((v) => v.account!.address === a))
        if (op === 'register') {
          model.push(...(await addMiners(1 + rng.int(2))))
        } else if (op === 'deregister' && miners.length > 4) {
          const leaver = rng.pick(miners)
          await deregisterAs(net, leaver, netuid)
          const at = model.indexOf(leaver)
          model[at] = model[model.length - 1]!
          model.pop()
          left.push(leaver)
        } else if (op === 'rejoin' && left.length > 0) {
          const back = left.splice(rng.int(left.length), 1)[0]!
          await reregisterAs(net, back, netuid, ++port)
          model.push(back)
        } else if (op === 'service') {
          await updateServiceAs(net, rng.pick(miners), netuid, `10.1.0.${rng.int(250)}`, ++port)
        } else if (op === 'stake') {
          await rng
            .pick(validators)
            .allocateToSubnet({ netuid, amount: parseHetu(String(600 + rng.int(300))) })
        } else if (op === 'weights') {
          const dests = miners.filter(() => rng.next() < 0.5)
          await rng.pick(validators).setWeights({
            netuid,
            weights: dests.map((dest) => ({ dest, weight: BigInt(1 + rng.int(1_000_000)) })),
          })
        } else if (op === 'mint') {
          await mintAlpha(net, alphaToken, rng.pick(model), parseHetu(String(1 + rng.int(5))))
        } else if (op === 'transfer') {
          const balances = await Promise.all(
            miners.map((address) => owner.getAlphaBalance({ netuid, address })),
          )
          const rich = miners.filter((_, i) => balances[i]! > 0n)
          if (rich.length === 0) continue
          await transferAlphaAs(net, alphaToken, rng.pick(rich), rng.pick(model), 1n)
        } else continue
        done.push(op)
      }
      const result = await metagraph.resync()
      expect(result.mode).toBe('incremental')
      expect(metagraph.hotkeys).toEqual(model)
      expect(metagraphView(metagraph)).toEqual(await chainView(owner, netuid))
      // The replayed metagraph equals a full read, field for field.
      expect(metagraph.toJSON()).toEqual((await Metagraph.sync({ client: owner, netuid })).toJSON())
    }
    expect(new Set(done)).toEqual(new Set(ops))
  })

  it('picks up a validator that joins and sets weights, and drops it and the weights to a leaver', async () => {
    const metagraph = await Metagraph.sync({ client: owner, netuid })
    const newcomer = await hetuClient(net, { account: 3 })
    await registerDev(newcomer, netuid)
    const [target] = await addMiners(1)
    await newcomer.setWeights({ netuid, weights: [{ dest: target!, weight: 700_000n }] })
    await validators[0]!.setWeights({ netuid, weights: [{ dest: target!, weight: 500_000n }] })
    expect((await metagraph.resync()).mode).toBe('incremental')
    const [v, t] = [metagraph.uidOf(newcomer.account!.address)!, metagraph.uidOf(target!)!]
    expect(metagraph.W[v]![t]).toBe(0.7)
    expect(metagraph.W[0]![t]).toBe(0.5)

    await newcomer.deregisterNeuron({ netuid })
    await deregisterAs(net, target!, netuid)
    expect((await metagraph.resync()).mode).toBe('incremental')
    expect(metagraph.uidOf(newcomer.account!.address)).toBeUndefined()
    expect(metagraph.weightsOf(0)).toEqual([])
    expect(metagraph.toJSON()).toEqual((await Metagraph.sync({ client: owner, netuid })).toJSON())
    expect(metagraphView(metagraph)).toEqual(await chainView(owner, netuid))
  })

  it('reports an unchanged chain, queues concurrent resyncs, and reloads fully past the block gap', async () => {
    const metagraph = await Metagraph.sync({ client: owner, netuid, maxResyncBlocks: 2 })
    expect(await metagraph.resync()).toMatchObject({ mode: 'unchanged', events: 0 })
    const [joined] = await addMiners(1)
    // Two resyncs at once: the second starts after the first.
    const [first, second] = await Promise.all([metagraph.resync(), metagraph.resync()])
    expect(first.mode).toBe('full')
    expect(first.reason).toMatch(/blocks since the last sync/)
    expect(second.mode).toBe('unchanged')
    expect(metagraph.hotkeys.at(-1)).toBe(joined)
    await deregisterAs(net, joined!, netuid)
    // NeuronDeregistered, and GlobalStaking's release of the allocation (DeallocatedFromSubnet +
    // SubnetAllocationChanged): allocation events are read because stake is the live allocation.
    expect(await metagraph.resync()).toMatchObject({ mode: 'incremental', events: 3 })
    expect(await metagraph.resync({ full: true })).toMatchObject({ mode: 'full', reason: 'asked for' })
    expect(metagraph.toJSON()).toEqual((await Metagraph.sync({ client: owner, netuid })).toJSON())
  })

  it('reads a past block and catches up from it', async () => {
    const before = await owner.getCurrentBlock()
    const past = await Metagraph.sync({ client: owner, netuid })
    await addMiners(2)
    const pinned = await Metagraph.sync({ client: owner, netuid, blockNumber: before })
    expect(pinned.block).toBe(before)
    expect(pinned.toJSON()).toEqual(past.toJSON())
    expect((await pinned.resync()).mode).toBe('incremental')
    expect(pinned.n).toBe(past.n + 2)
  })

  it('saves to a file and loads it back the same, then resyncs with a client', async () => {
    const metagraph = await Metagraph.sync({ client: owner, netuid })
    const path = join(dir, 'nested', 'metagraph.json')
    await metagraph.save(path)
    const loaded = await Metagraph.load(path)
    expect(loaded.toJSON()).toEqual(metagraph.toJSON())
    expect(loaded.hotkeys).toEqual(metagraph.hotkeys)
    expect(loaded.S).toEqual(metagraph.S)
    expect(loaded.W).toEqual(metagraph.W)
    expect(loaded.I).toEqual(metagraph.I)
    expect(loaded.axons).toEqual(metagraph.axons)
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ format: 'hetu-metagraph', version: 1 })

    await expect(loaded.resync()).rejects.toBeInstanceOf(MetagraphClientMissingError)
    await addMiners(1)
    expect((await loaded.resync({ client: owner })).mode).toBe('incremental')
    expect(loaded.toJSON()).toEqual((await Metagraph.sync({ client: owner, netuid })).toJSON())
  })

  it('refuses bad files and foreign networks with typed errors', async () => {
    const path = join(dir, 'bad.json')
    await expect(Metagraph.load(join(dir, 'missing.json'))).rejects.toBeInstanceOf(MetagraphFileError)
    await writeFile(path, '{ not json')
    await expect(Metagraph.load(path)).rejects.toThrow(/not JSON/)
    const good = (await Metagraph.sync({ client: owner, netuid })).toJSON()
    await writeFile(path, JSON.stringify({ ...good, neurons: [{ ...good.neurons[0], stake: '-5' }] }))
    await expect(Metagraph.load(path)).rejects.toThrow(/neurons\.0\.stake/)
    await writeFile(path, JSON.stringify({ ...good, version: 99 }))
    await expect(Metagraph.load(path)).rejects.toBeInstanceOf(MetagraphFileError)

    await writeFile(path, JSON.stringify({ ...good, chainId: 1 }))
    const foreign = await Metagraph.load(path, { client: owner })
    await expect(foreign.resync()).rejects.toBeInstanceOf(MetagraphNetworkMismatchError)
    await expect(Metagraph.sync({ client: owner, netuid: 999 })).rejects.toBeInstanceOf(SubnetNotFoundError)
  })

  it('reads through Multicall3 on a node without eth_call state overrides, with the same result', async () => {
    // Endpoints of every length the reader packs: non-ASCII, empty, longer than a word.
    const [a, b, c] = (await owner.getNeuronList({ netuid })).slice(2, 5)
    await updateServiceAs(net, a!, netuid, 'nœud-ünïcode-🚀', 9001)
    await updateServiceAs(net, b!, netuid, '', 9002)
    await updateServiceAs(net, c!, netuid, 'x'.repeat(300), 9003)
    const old = await startNoOverrideProxy(net.rpcUrl)
    try {
      const plain = await hetuClient(net, { rpcUrl: old.url })
      const metagraph = await Metagraph.sync({ client: plain, netuid })
      expect(old.stats.refused).toBeGreaterThan(0)
      const throughReader = await Metagraph.sync({ client: owner, netuid })
      expect(throughReader.axons.slice(2, 5).map((axon) => axon.ip)).toEqual([
        'nœud-ünïcode-🚀',
        '',
        'x'.repeat(300),
      ])
      expect(metagraph.toJSON()).toEqual(throughReader.toJSON())
      // The client remembers: the next read does not try the override again.
      const refused = old.stats.refused
      await addMiners(1)
      expect((await metagraph.resync()).mode).toBe('incremental')
      await Metagraph.sync({ client: plain, netuid })
      expect(old.stats.refused).toBe(refused)
      expect(metagraph.toJSON()).toEqual((await Metagraph.sync({ client: owner, netuid })).toJSON())
    } finally {
      await old.close()
    }
  })

  it('syncs in two round trips before and after 200 more neurons; resyncs 10 changes in three', async () => {
    const proxy = await startCountingProxy(net.rpcUrl)
    try {
      const counted = await hetuClient(net, { rpcUrl: proxy.url })
      const trips = async () => {
        proxy.reset()
        const metagraph = await Metagraph.sync({ client: counted, netuid })
        return { n: metagraph.n, http: proxy.stats.httpRequests }
      }
      const small = await trips()
      const added = await addMiners(200)
      const large = await trips()
      expect(large.n).toBe(small.n + 200)
      expect(small.http).toBe(2)
      expect(large.http).toBe(2)

      const metagraph = await Metagraph.sync({ client: counted, netuid })
      for (const account of added.slice(0, 5)) await deregisterAs(net, account, netuid)
      for (const account of added.slice(5, 10)) await updateServiceAs(net, account, netuid, '10.9.9.9', 9999)
      proxy.reset()
      // 5 × (NeuronDeregistered + the allocation's release, two events) + 5 × ServiceUpdated.
      expect(await metagraph.resync()).toMatchObject({ mode: 'incremental', events: 20 })
      // Latest state + block number, the logs, the changed neurons' info.
      expect(proxy.stats.httpRequests).toBe(3)
      expect(proxy.stats.methods.filter((m) => m === 'eth_getLogs')).toHaveLength(4)
    } finally {
      await proxy.close()
    }
  })
})
