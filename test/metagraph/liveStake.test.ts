import { readContract } from 'viem/actions'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NeuronManagerAbi } from '../../src/chain/abi/index.js'
import { type HetuSubnet, Metagraph, parseHetu } from '../../src/index.js'
import { type Localnet, startLocalnet } from '../../src/localnet/localnet.js'
import { dev } from '../chain/helpers/localnet.js'
import { connect } from '../fixtures/localnet.js'

// The public NeuronManager writes NeuronInfo.stake at registration and never again: after a registered
// miner withdraws, that field still shows its registration stake. The SDK reports the live allocation.
describe('stake is the live allocation on the public rules', () => {
  let net: Localnet
  let miner: HetuSubnet
  let netuid: number
  const hotkey = () => dev(net, 1).address
  const recordedStake = async () =>
    (
      await readContract(miner.client, {
        address: net.contracts.NeuronManager,
        abi: NeuronManagerAbi,
        functionName: 'getNeuronInfo',
        args: [netuid, hotkey()],
      })
    ).stake

  beforeAll(async () => {
    net = await startLocalnet({ rules: 'public' })
    const owner = await connect(net, { account: 0 })
    ;({ netuid } = await owner.registerSubnet({
      name: 'live',
      description: '',
      tokenName: 'L',
      tokenSymbol: 'L',
    }))
    await owner.activateSubnet({ netuid })
    miner = await connect(net, { account: 1 })
    await miner.registerNeuron({ netuid, isValidatorRole: false, axonEndpoint: '127.0.0.1', axonPort: 8091 })
  })
  afterAll(() => net?.stop())

  it('getNeuronInfo, getSubnetNeurons and Metagraph.sync after a withdrawal below the threshold', async () => {
    const metagraph = await Metagraph.sync({ client: miner.client, netuid })
    expect(metagraph.S).toEqual([parseHetu('200')])
    await miner.deallocateFromSubnet({ netuid, amount: parseHetu('150') })
    expect(await recordedStake()).toBe(parseHetu('200')) // the stale field
    expect((await miner.getNeuronInfo(netuid, hotkey()))?.stake).toBe(parseHetu('50'))
    expect((await miner.getSubnetNeurons(netuid)).map((n) => n.stake)).toEqual([parseHetu('50')])
    expect((await Metagraph.sync({ client: miner.client, netuid })).S).toEqual([parseHetu('50')])
    // An incremental resync sees the allocation events (GlobalStaking), not only NeuronManager's.
    expect(await metagraph.resync()).toMatchObject({ mode: 'incremental' })
    expect(metagraph.S).toEqual([parseHetu('50')])
    await miner.allocateToSubnet({ netuid, amount: parseHetu('120') })
    await metagraph.resync()
    expect(metagraph.S).toEqual([parseHetu('120')])
    expect(await recordedStake()).toBe(parseHetu('200'))
  })

  it('deregisterNeuron keeps the allocation (deallocating afterwards works); release takes it back', async () => {
    const left = await miner.deregisterNeuron({ netuid })
    expect(left).toMatchObject({ remainingAllocation: parseHetu('120'), released: 0n })
    await miner.deallocateFromSubnet({ netuid, amount: parseHetu('120') })
    expect((await miner.getSubnetAllocation(netuid)).allocated).toBe(0n)

    const other = await connect(net, { account: 2 })
    await other.registerNeuron({ netuid, isValidatorRole: false, axonEndpoint: '127.0.0.1', axonPort: 8092 })
    const released = await other.deregisterNeuron({ netuid, release: true })
    expect(released).toMatchObject({ remainingAllocation: 0n, released: parseHetu('200') })
    expect((await other.getSubnetAllocation(netuid)).allocated).toBe(0n)
  })
})
