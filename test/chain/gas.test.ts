import { privateKeyToAccount } from 'viem/accounts'
import { getTransaction } from 'viem/actions'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withHeadroom } from '../../src/chain/internal/gas.js'
import { type HetuSubnet, InvalidArgumentError, parseHetu } from '../../src/index.js'
import { type AnvilProcess, startAnvil } from '../../src/localnet/anvil.js'
import { type Localnet, startLocalnet } from '../../src/localnet/localnet.js'
import { createLogger } from '../../src/logging/index.js'
import { type ClientOptions, connect, hetuClient } from '../fixtures/localnet.js'
import { dev } from './helpers/localnet.js'

// On an interval-mined chain the gas estimate runs against the block a neuron was registered in, where
// `lastUpdate = block.timestamp` (and `lastUpdateBlock = block.number`) rewrite the same value: a cheap
// no-op. In the next block they are real storage writes, so the bare estimate runs out of gas.
describe('gas headroom on an interval-mined localnet', () => {
  let net: Localnet
  let hetu: HetuSubnet
  let netuid: number

  beforeAll(async () => {
    // NeuronInfo.stake follows the allocation under the fixed rules only.
    // Its subnets never get a minter: the emission module's warning about that is expected, not printed.
    const logger = createLogger({ level: 'error' })
    net = await startLocalnet({ rules: 'fixed', emission: { blockTime: 0.25, logger } })
    hetu = await connect(net, { account: 0 })
    netuid = (
      await hetu.registerSubnet({ name: 'gas', description: 'gas', tokenName: 'Gas', tokenSymbol: 'GAS' })
    ).netuid
    await hetu.activateSubnet({ netuid })
    await hetu.addSubnetMinter({ netuid })
  })
  afterAll(() => net?.stop())

  it('allocates right after registering (the next block writes what the estimate saw as no-ops)', async () => {
    hetu.setAccount(dev(net, 1))
    await hetu.addGlobalStake({ amount: parseHetu('1000') })
    await hetu.registerNeuron({ netuid, isValidatorRole: false, axonEndpoint: '10.0.0.2', axonPort: 8091 })
    const allocated = await hetu.allocateToSubnet({ netuid, amount: parseHetu('300') })
    expect(allocated.allocated).toBe(parseHetu('300'))
    const sent = await getTransaction(hetu.client, { hash: allocated.hash })
    expect(sent.gas).toBeGreaterThan((allocated.gasUsed * 12n) / 10n)
    expect(await hetu.getSubnetAllocation(netuid, dev(net, 1).address)).toMatchObject({
      allocated: parseHetu('300'),
    })
    // And back down: the same slots, rewritten by a later block.
    await hetu.allocateToSubnet({ netuid, amount: parseHetu('250') })
    expect((await hetu.getNeuronInfo(netuid, dev(net, 1).address))?.stake).toBe(parseHetu('250'))
  })
})

describe('gas headroom on every send path (plain anvil, a 21 000 gas transfer)', () => {
  let anvil: AnvilProcess
  const contracts = {
    WHETU: '0x000000000000000000000000000000000000bEEF',
    GlobalStaking: '0x000000000000000000000000000000000000bEEF',
    SubnetManager: '0x000000000000000000000000000000000000bEEF',
    NeuronManager: '0x000000000000000000000000000000000000bEEF',
  } as const
  const connectTo = (options: ClientOptions) => hetuClient(anvil, { contracts, ...options })
  beforeAll(async () => {
    anvil = await startAnvil({ chainId: 560002 })
  })
  afterAll(() => anvil?.stop())

  it.each([
    ['local account, sync receipt', 'sync', 'local'],
    ['local account, polled receipt', 'poll', 'local'],
    ['node-signed (JSON-RPC) account', 'poll', 'node'],
  ] as const)('%s: 21 000 × 1.2 + 10 000', async (_name, receiptMode, signer) => {
    const client = await connectTo({ receiptMode })
    const account =
      signer === 'local' ? privateKeyToAccount(anvil.accounts[1]!.privateKey) : anvil.accounts[2]!.address
    const sent = await client.transfer({ to: anvil.accounts[3]!.address, amount: 1n, account })
    expect((await getTransaction(client, { hash: sent.hash })).gas).toBe(35_200n)
  })

  it('follows gasMultiplier and gasBuffer', async () => {
    const client = await connectTo({ gasMultiplier: 1.5, gasBuffer: 0n })
    const account = privateKeyToAccount(anvil.accounts[4]!.privateKey)
    const sent = await client.transfer({ to: anvil.accounts[3]!.address, amount: 1n, account })
    expect((await getTransaction(client, { hash: sent.hash })).gas).toBe(31_500n)
  })
})

describe('gas headroom settings', () => {
  it('pads the estimate (× multiplier + buffer) and caps it at the block gas limit', () => {
    const headroom = { multiplier: 1.2, buffer: 10_000n }
    expect(withHeadroom(100_000n, headroom)).toBe(130_000n)
    expect(withHeadroom(100_000n, { multiplier: 1, buffer: 0n })).toBe(100_000n)
    expect(withHeadroom(100_000n, headroom, 120_000n)).toBe(120_000n)
    // An estimate above the block limit is left alone: the node reports it, not a silent cut.
    expect(withHeadroom(150_000n, headroom, 120_000n)).toBe(150_000n)
  })

  it('rejects a multiplier below 1 or a negative buffer before connecting', async () => {
    const closed = { rpcUrl: 'http://127.0.0.1:9' }
    await expect(hetuClient(closed, { gasMultiplier: 0.9 })).rejects.toBeInstanceOf(InvalidArgumentError)
    await expect(hetuClient(closed, { gasBuffer: -1n })).rejects.toBeInstanceOf(InvalidArgumentError)
  })
})
