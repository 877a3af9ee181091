import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rpc } from '../../src/chain/reads.js'
import { HetuSubnet, MissingContractAddressError } from '../../src/index.js'
import { type Localnet, startLocalnet } from '../../src/localnet/localnet.js'
import { CliSandbox, ensureCliBuilt, errorLines, type Json } from './helpers.js'

// `hetu network …` against a real localnet, with the config file in the sandbox (HETU_CONFIG_DIR).
describe('hetu network list|add|use|show', () => {
  let net: Localnet
  let cli: CliSandbox
  let configDir: string
  let contractsFile: string
  const NOWHERE = '0x000000000000000000000000000000000000dEaD'

  const fails = async (args: string[], message: RegExp) => {
    const result = await cli.run(args)
    expect(result.code, result.stderr).toBe(1)
    const { errors, stackFrames } = errorLines(result.stderr)
    expect(errors, result.stderr).toHaveLength(1)
    expect(errors[0]).toMatch(message)
    expect(stackFrames).toEqual([])
    expect(result.stderr).toMatch(/^hint: /m)
    return result.stderr
  }

  beforeAll(async () => {
    ensureCliBuilt()
    net = await startLocalnet()
    cli = new CliSandbox()
    configDir = join(cli.dir, 'config')
    cli.env.HETU_CONFIG_DIR = configDir
    contractsFile = join(cli.dir, 'localnet.json')
    writeFileSync(contractsFile, JSON.stringify(net.toJSON()))
  })
  afterAll(async () => {
    await net?.stop()
    cli?.cleanup()
  })

  it('lists the presets, each published value with its source', async () => {
    const list = await cli.json(['network', 'list'])
    expect(list.default).toBe('local')
    const names = list.networks.map((n: Json) => n.name)
    expect(names).toEqual(expect.arrayContaining(['local', 'testnet', 'mainnet', 'hetucli-dev', 'pysdk-dev']))
    expect(list.networks.find((n: Json) => n.name === 'testnet')).toMatchObject({
      chainId: 560000,
      generation: 'legacy',
      origin: 'preset',
    })
    const testnet = await cli.json(['network', 'show', 'testnet'])
    expect(testnet.contracts.find((c: Json) => c.contract === 'SubnetManager')).toEqual({
      contract: 'SubnetManager',
      address: '0x2f0021635d03d107c4FA82FA2fAB6d5dCb6e53e7',
      from: 'hetu-chain x/event/abi/contracts-customchain.json (2025-08-08)',
    })
    expect(testnet.chainId.from).toMatch(/hetu-docs .*\(2025-08-15\)/)
  })

  it('adds a network after checking chain id, code and generation; uses it by default', async () => {
    const added = await cli.json([
      'network',
      'add',
      'lab',
      '--rpc-url',
      net.rpcUrl,
      '--contracts-file',
      contractsFile,
    ])
    expect(added).toMatchObject({
      name: 'lab',
      chainId: { value: net.chainId },
      generation: { value: 'current' },
    })
    const saved = JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8'))
    expect(saved.networks.lab).toMatchObject({
      rpcUrl: net.rpcUrl,
      chainId: net.chainId,
      generation: 'current',
    })
    expect(saved.networks.lab.contracts.SubnetManager).toBe(net.contracts.SubnetManager)
    await cli.json(['network', 'use', 'lab'])
    expect((await cli.json(['network', 'show'])).name).toBe('lab')
    // Every command now runs against it: no --network, no --rpc-url, no localnet info file.
    expect((await cli.json(['subnet', 'list'])).network).toBe('lab')
    // And the SDK resolves it by name, or as the default.
    const env = { HETU_CONFIG_DIR: configDir }
    const byName = await HetuSubnet.connect({ network: 'lab', env })
    expect(byName.network).toMatchObject({ name: 'lab', chainId: net.chainId, generation: 'current' })
    expect((await HetuSubnet.connect({ env })).network.name).toBe('lab')
    // HETU_RPC_URL outranks the config's default: that endpoint is recognised by itself.
    expect((await HetuSubnet.connect({ env: { ...env, HETU_RPC_URL: net.rpcUrl } })).network.name).toBe('lab')
    await cli.json(['network', 'use', 'local'])
  })

  it('adds a Weights address to a saved network with --update; --update keeps the rest', async () => {
    const contracts = { ...net.contracts }
    delete (contracts as Partial<typeof contracts>).Weights
    writeFileSync(join(cli.dir, 'no-weights.json'), JSON.stringify(contracts))
    await cli.json([
      'network',
      'add',
      'lab2',
      '--rpc-url',
      net.rpcUrl,
      '--contracts-file',
      join(cli.dir, 'no-weights.json'),
    ])
    const lab2 = await HetuSubnet.connect({ network: 'lab2', env: { HETU_CONFIG_DIR: configDir } })
    const err = await lab2.getWeights(1, NOWHERE).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(MissingContractAddressError)
    expect((err as MissingContractAddressError).hint).toContain(
      'hetu network add lab2 --weights <address> --update',
    )
    const updated = await cli.json(['network', 'add', 'lab2', '--weights', net.contracts.Weights, '--update'])
    expect(updated.contracts.map((c: Json) => c.contract)).toContain('Weights')
    expect(updated.rpcUrl.value).toBe(net.rpcUrl)
  })

  it('tells legacy contracts apart from the SubnetManager bytecode', async () => {
    // Code without addSubnetMinter's selector, as in the c4a14b7 SubnetManager.
    const legacy = '0x00000000000000000000000000000000000c4a14'
    await rpc(net.rpcUrl, 'anvil_setCode', [legacy, '0x608060405260006000fd'])
    const result = await cli.run([
      'network',
      'add',
      'old',
      '--rpc-url',
      net.rpcUrl,
      '--contracts-file',
      contractsFile,
      '--subnet-manager',
      legacy,
      '--json',
    ])
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout).generation.value).toBe('legacy')
    expect(result.stderr).toMatch(/warning: .*legacy c4a14b7/)
  })

  it('refuses bad input with a typed error and a hint', async () => {
    const add = (...rest: string[]) => ['network', 'add', 'bad', '--contracts-file', contractsFile, ...rest]
    await fails(
      [...add('--rpc-url', net.rpcUrl, '--chain-id', '1')],
      /Wrong network: "bad" is chain 1 but the RPC serves chain 560002/,
    )
    await fails([...add('--rpc-url', 'http://127.0.0.1:1')], /not reachable/)
    await fails([...add('--rpc-url', net.rpcUrl, '--weights', '0x12')], /Invalid --weights "0x12"/)
    const noCode = await fails(
      [...add('--rpc-url', net.rpcUrl, '--weights', NOWHERE)],
      /No contract code on chain 560002/,
    )
    expect(noCode).toMatch(/Weights 0x000000000000000000000000000000000000dEaD/)
    await fails(['network', 'add', 'bad'], /"bad" has no default RPC URL/)
    await fails(
      ['network', 'add', 'lab', '--rpc-url', net.rpcUrl, '--contracts-file', contractsFile],
      /"lab" is already saved/,
    )
    await fails(
      ['network', 'add', 'bad', '--rpc-url', net.rpcUrl, '--whetu', net.contracts.WHETU],
      /No address for GlobalStaking, SubnetManager, NeuronManager on bad/,
    )
    await fails(['network', 'add', '../x', '--rpc-url', net.rpcUrl], /Invalid network name/)
    await fails(['network', 'use', 'nowhere'], /Unknown Hetu network "nowhere"/)
    writeFileSync(join(cli.dir, 'odd.json'), JSON.stringify({ WHETU: net.contracts.WHETU, Bogus: NOWHERE }))
    await fails(
      ['network', 'add', 'bad', '--rpc-url', net.rpcUrl, '--contracts-file', join(cli.dir, 'odd.json')],
      /Invalid --contracts-file key "Bogus"/,
    )
    // Nothing of these was saved.
    const saved = JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8'))
    expect(Object.keys(saved.networks).sort()).toEqual(['lab', 'lab2', 'old'])
  })
})
