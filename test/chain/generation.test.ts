import { type Address, type Hex, toFunctionSelector } from 'viem'
import { readContract } from 'viem/actions'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AlphaTokenAbi } from '../../src/chain/abi/index.js'
import { contractFeatures } from '../../src/chain/actions/index.js'
import { HETU_BLOCKINFLATION_ADDRESS } from '../../src/chain/constants.js'
import { hasFunction } from '../../src/chain/internal/generation.js'
import { parseHetu, UnsupportedByContractsError } from '../../src/index.js'
import { type Localnet, startLocalnet } from '../../src/localnet/localnet.js'
import { connect, hetuClient } from '../fixtures/localnet.js'
import { dev, rpc } from './helpers/localnet.js'

// The c4a14b7 generation of the public contracts (the addresses in hetu-chain's contracts-*.json)
// lacks SubnetManager.add/removeSubnetMinter and AlphaToken.authorized_minters/addMinter/removeMinter.
// We make our own contracts into that generation by taking those functions out of their dispatchers:
// each PUSH4 of the selector becomes an unused selector, so the function is gone from the code and a
// call to it reverts without data, as on those contracts.
const REMOVED = {
  SubnetManager: ['addSubnetMinter(uint16,address)', 'removeSubnetMinter(uint16,address)'],
  AlphaToken: ['authorized_minters(address)', 'addMinter(address)', 'removeMinter(address)'],
}

async function removeFunctions(net: Localnet, address: Address, signatures: readonly string[]) {
  let code = (await rpc(net.rpcUrl, 'eth_getCode', [address, 'latest'])) as Hex
  for (const signature of signatures) {
    const selector = toFunctionSelector(signature).slice(2)
    const unused = `${selector.slice(0, 6)}${((Number.parseInt(selector.slice(6), 16) + 1) & 0xff).toString(16).padStart(2, '0')}`
    expect(hasFunction(code, `0x${selector}`)).toBe(true)
    code = code.replaceAll(`63${selector}`, `63${unused}`) as Hex
    expect(hasFunction(code, `0x${selector}`)).toBe(false)
  }
  await rpc(net.rpcUrl, 'anvil_setCode', [address, code])
}

describe('contract generations', () => {
  let net: Localnet
  let netuid: number
  let alphaToken: Address
  beforeAll(async () => {
    net = await startLocalnet()
    const owner = await connect(net, { account: 0 })
    ;({ netuid, alphaToken } = await owner.registerSubnet({
      name: 'legacy',
      description: '',
      tokenName: 'L',
      tokenSymbol: 'L',
    }))
    await owner.activateSubnet({ netuid })
  })
  afterAll(() => net?.stop())

  it('finds the current generation from SubnetManager’s code, once per client', async () => {
    const client = await hetuClient(net)
    const first = contractFeatures(client)
    expect(contractFeatures(client)).toBe(first)
    expect(await first).toEqual({ generation: 'current', subnetMinters: true })
    const health = await client.getSubnetHealth({ netuid })
    expect(health).toMatchObject({ generation: 'current', emissionMinter: false, otherMinters: [] })
    expect(health.issues.map((i) => i.code)).toContain('NO_EMISSION_MINTER')
  })

  it('getSubnetHealth names every minter besides the chain (public rules: the owner can add itself)', async () => {
    const owner = await connect(net, { account: 0 })
    await owner.addSubnetMinter({ netuid })
    await owner.addSubnetMinter({ netuid, minter: dev(net, 0).address })
    await owner.addSubnetMinter({ netuid, minter: dev(net, 5).address })
    await owner.removeSubnetMinter({ netuid, minter: dev(net, 5).address })
    const health = await owner.getSubnetHealth(netuid)
    expect(health).toMatchObject({ emissionMinter: true, otherMinters: [dev(net, 0).address] })
    const issue = health.issues.find((i) => i.code === 'UNEXPECTED_MINTER')
    expect(issue?.message).toMatch(new RegExp(`${dev(net, 0).address} may mint`))
    await owner.removeSubnetMinter({ netuid, minter: dev(net, 0).address })
    await owner.removeSubnetMinter({ netuid, minter: HETU_BLOCKINFLATION_ADDRESS })
    expect((await owner.getSubnetHealth(netuid)).otherMinters).toEqual([])
  })

  describe('on legacy (c4a14b7) contracts', () => {
    beforeAll(async () => {
      await removeFunctions(net, net.contracts.SubnetManager, REMOVED.SubnetManager)
      await removeFunctions(net, alphaToken, REMOVED.AlphaToken)
    })

    it('the AlphaToken really lacks authorized_minters (the read getSubnetHealth used to make)', async () => {
      const client = await hetuClient(net)
      await expect(
        readContract(client, {
          address: alphaToken,
          abi: AlphaTokenAbi,
          functionName: 'authorized_minters',
          args: [HETU_BLOCKINFLATION_ADDRESS],
        }),
      ).rejects.toThrow()
    })

    it('getSubnetHealth, getSubnetInfo, registerSubnet, registerNeuron and setWeights work', async () => {
      const owner = await connect(net, { account: 0 })
      const health = await owner.getSubnetHealth(netuid)
      expect(health).toMatchObject({ generation: 'legacy', emissionMinter: false })
      const noMinter = health.issues.find((i) => i.code === 'NO_EMISSION_MINTER')
      expect(noMinter?.message).toMatch(/one fixed minter/)
      expect((await owner.getSubnetInfo(netuid)).alphaToken).toBe(alphaToken)
      const second = await owner.registerSubnet({
        name: 'legacy 2',
        description: '',
        tokenName: 'L2',
        tokenSymbol: 'L2',
      })
      expect(second.netuid).toBe(netuid + 1)

      const validator = await connect(net, { account: 1 })
      const miner = await connect(net, { account: 2 })
      await validator.registerNeuron({
        netuid,
        isValidatorRole: true,
        axonEndpoint: '127.0.0.1',
        axonPort: 8091,
        stake: parseHetu('500'),
      })
      await miner.registerNeuron({
        netuid,
        isValidatorRole: false,
        axonEndpoint: '127.0.0.1',
        axonPort: 8092,
      })
      const set = await validator.setWeights({
        netuid,
        weights: [{ dest: dev(net, 2).address, weight: 1_000_000 }],
      })
      expect(set.weights).toEqual([{ dest: dev(net, 2).address, weight: 1_000_000n }])
    })

    it('a Weights contract with only the `weights` mapping (the public one): getWeights reads the mapping', async () => {
      const client = await hetuClient(net)
      const validator = dev(net, 1).address
      const vector = await client.getWeights({ netuid, validator })
      expect(vector).toEqual([{ dest: dev(net, 2).address, weight: 1_000_000n }])
      await removeFunctions(net, net.contracts.Weights!, ['getWeights(uint16,address)'])
      expect(await client.getWeights({ netuid, validator })).toEqual(vector)
    })

    it('addSubnetMinter and removeSubnetMinter throw UnsupportedByContractsError before sending anything', async () => {
      const owner = await connect(net, { account: 0 })
      const before = await rpc(net.rpcUrl, 'eth_getTransactionCount', [dev(net, 0).address, 'latest'])
      const error = await owner.addSubnetMinter({ netuid }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(UnsupportedByContractsError)
      expect(error).toMatchObject({
        code: 'UNSUPPORTED_BY_CONTRACTS',
        functionName: 'addSubnetMinter',
        contract: 'SubnetManager',
        address: net.contracts.SubnetManager,
      })
      expect((error as Error).message).toMatch(/Hint: /)
      await expect(owner.removeSubnetMinter({ netuid, minter: dev(net, 3).address })).rejects.toBeInstanceOf(
        UnsupportedByContractsError,
      )
      expect(await rpc(net.rpcUrl, 'eth_getTransactionCount', [dev(net, 0).address, 'latest'])).toBe(before)
    })
  })
})
