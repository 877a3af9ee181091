import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadHetuConfig } from '../../src/chain/networks/config.js'
import { contractEnvName } from '../../src/chain/networks/contracts.js'
import { ADDRESS_SETS } from '../../src/chain/networks/data.js'
import { finalizeNetwork, resolveNetworkRequest } from '../../src/chain/networks/resolve.js'
import {
  AmbiguousNetworkError,
  ConfigFileError,
  hetuNetworks,
  InvalidArgumentError,
  MissingContractAddressError,
  MissingRpcUrlError,
  testnetNetwork,
  UnknownNetworkError,
  WrongNetworkError,
} from '../../src/index.js'
import { localnetInfoPath } from '../../src/localnet/index.js'

const A = {
  WHETU: '0x1000000000000000000000000000000000000001',
  GlobalStaking: '0x1000000000000000000000000000000000000002',
  SubnetManager: '0x1000000000000000000000000000000000000003',
  NeuronManager: '0x1000000000000000000000000000000000000004',
} as const

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hetu-net-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const noConfig = { configPath: false as const, env: {} }

function catchError(run: () => unknown): unknown {
  try {
    run()
  } catch (err) {
    return err
  }
  return undefined
}

describe('network resolution', () => {
  it('defaults to the local preset and accepts whatever chain id a localnet reports', () => {
    const request = resolveNetworkRequest({ ...noConfig, contracts: A })
    expect(request.rpcUrl).toBe('http://127.0.0.1:8545')
    const anvil = finalizeNetwork(request, 31337)
    expect(anvil).toMatchObject({ name: 'local', chainId: 31337, local: true })
    expect(finalizeNetwork(request, 560002).chainId).toBe(560002)
  })

  it('recognises a network from the chain id and RPC URL when no name is given', () => {
    const testnet = finalizeNetwork(
      resolveNetworkRequest({ ...noConfig, rpcUrl: 'https://rpc.testchainv1.hetuscan.com' }),
      560000,
    )
    expect(testnet.name).toBe('testnet')
    expect(testnet.contracts.SubnetManager).toBe('0x2f0021635d03d107c4FA82FA2fAB6d5dCb6e53e7')
    expect(testnet.generation).toBe('legacy')
    // Same chain id behind another URL: testnet and mainnet share 560000, so nothing is guessed.
    const other = resolveNetworkRequest({ ...noConfig, rpcUrl: 'https://node.example.org' })
    const ambiguous = catchError(() => finalizeNetwork(other, 560000))
    expect(ambiguous).toBeInstanceOf(AmbiguousNetworkError)
    expect(ambiguous).toMatchObject({ code: 'AMBIGUOUS_NETWORK', candidates: ['testnet', 'mainnet'] })
    expect((ambiguous as AmbiguousNetworkError).hint).toMatch(/--network <name>/)
    // With its own addresses it is used, named by its chain id (not "mainnet"), without preset addresses.
    const own = finalizeNetwork({ ...other, options: { ...other.options, contracts: A } }, 560000)
    expect(own).toMatchObject({ name: 'chain-560000', contracts: A, generation: undefined })
    // Named, it is that preset.
    const named = resolveNetworkRequest({
      ...noConfig,
      network: 'mainnet',
      rpcUrl: 'https://node.example.org',
    })
    expect(finalizeNetwork({ ...named, options: { ...named.options, contracts: A } }, 560000).name).toBe(
      'mainnet',
    )
  })

  it('never picks one of two presets for the same endpoint; a name picks', () => {
    // hetucli and the Python SDK publish different addresses for the same dev node.
    const dev = resolveNetworkRequest({ ...noConfig, rpcUrl: 'http://161.97.161.133:18545' })
    const err = catchError(() => finalizeNetwork(dev, 560000))
    expect(err).toMatchObject({ candidates: ['hetucli-dev', 'pysdk-dev'] })
    const pysdk = finalizeNetwork(resolveNetworkRequest({ ...noConfig, network: 'pysdk-dev' }), 560000)
    expect(pysdk).toMatchObject({ name: 'pysdk-dev', chainId: 560000, generation: 'unknown' })
    expect(pysdk.contracts.Weights).toBe(ADDRESS_SETS['pysdk-hb-dev'].contracts.Weights)
    // Its chain id is not published: whatever the node answers is accepted once it is named.
    expect(
      finalizeNetwork(resolveNetworkRequest({ ...noConfig, network: 'hetucli-dev' }), 777).contracts.WHETU,
    ).toBe(ADDRESS_SETS['hetucli-hb-dev'].contracts.WHETU)
  })

  it('keeps every preset value with its source and date', () => {
    for (const preset of hetuNetworks) {
      expect(preset.sources.chainId?.source, preset.name).toBeTruthy()
      expect(preset.sources.blockTimeMs?.date, preset.name).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      if (preset.rpcUrl) expect(preset.sources.rpcUrl?.date, preset.name).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      if (preset.addressSet) {
        expect(preset.sources.contracts?.source, preset.name).toMatch(/json|config|_init_contract/)
        expect(['legacy', 'current', 'unknown']).toContain(preset.generation)
      }
    }
    expect(testnetNetwork.sources.contracts).toEqual({
      source: 'hetu-chain x/event/abi/contracts-customchain.json',
      date: '2025-08-08',
    })
  })

  it('refuses an RPC that serves another chain than the named network', () => {
    const request = resolveNetworkRequest({ ...noConfig, network: 'testnet', rpcUrl: 'http://127.0.0.1:9' })
    const err = (() => {
      try {
        finalizeNetwork(request, 560002)
      } catch (e) {
        return e as WrongNetworkError
      }
    })()
    expect(err).toBeInstanceOf(WrongNetworkError)
    expect(err).toMatchObject({ code: 'WRONG_NETWORK', expectedChainId: 560000, actualChainId: 560002 })
  })

  it('says what to pass for unknown chains, names and missing RPC URLs', () => {
    const request = resolveNetworkRequest({ ...noConfig, rpcUrl: 'http://127.0.0.1:9' })
    const unknown = (() => {
      try {
        finalizeNetwork(request, 1)
      } catch (e) {
        return e as UnknownNetworkError
      }
    })()
    expect(unknown).toBeInstanceOf(UnknownNetworkError)
    expect(unknown?.hint).toMatch(/HETU_CONTRACT_SUBNET_MANAGER/)
    expect(finalizeNetwork({ ...request, options: { ...request.options, contracts: A } }, 1).name).toBe(
      'chain-1',
    )
    expect(() => resolveNetworkRequest({ ...noConfig, network: 'devnet' })).toThrow(UnknownNetworkError)
    expect(() => resolveNetworkRequest({ ...noConfig, network: 'mainnet' })).toThrow(MissingRpcUrlError)
    expect(() => resolveNetworkRequest({ ...noConfig, rpcUrl: 'not a url' })).toThrow(InvalidArgumentError)
    // Parsable, but not a scheme the transport speaks: said at once, not later as "not reachable".
    for (const rpcUrl of ['ws://127.0.0.1:8546', 'wss://rpc.example.org', 'ftp://x', 'file:///tmp/rpc'])
      expect(() => resolveNetworkRequest({ ...noConfig, rpcUrl })).toThrow(
        /Invalid rpcUrl: \w+:\/\/ is not supported \(JSON-RPC over http:\/\/ or https:\/\/ only/,
      )
    expect(resolveNetworkRequest({ ...noConfig, rpcUrl: 'HTTPS://rpc.example.org' }).rpcUrl).toBe(
      'HTTPS://rpc.example.org',
    )
  })

  it('names exactly the missing core contracts', () => {
    const request = resolveNetworkRequest({
      ...noConfig,
      contracts: { WHETU: A.WHETU, GlobalStaking: A.GlobalStaking },
    })
    try {
      finalizeNetwork(request, 560002)
      expect.unreachable()
    } catch (err) {
      expect(err).toBeInstanceOf(MissingContractAddressError)
      expect((err as MissingContractAddressError).contracts).toEqual(['SubnetManager', 'NeuronManager'])
    }
  })

  it('takes addresses from option over env over config file', () => {
    const path = join(dir, 'precedence.json')
    writeFileSync(
      path,
      JSON.stringify({
        networks: {
          local: { contracts: { ...A, Weights: '0x2000000000000000000000000000000000000005' } },
        },
      }),
    )
    const env = {
      [contractEnvName('Weights')]: '0x3000000000000000000000000000000000000005',
      HETU_CONTRACT_MULTICALL3: '0xcA11bde05977b3631167028862bE2a173976CA11',
    }
    const fromEnv = finalizeNetwork(resolveNetworkRequest({ configPath: path, env }), 560002)
    expect(fromEnv.contracts.Weights).toBe('0x3000000000000000000000000000000000000005')
    expect(fromEnv.contracts.Multicall3).toBe('0xcA11bde05977b3631167028862bE2a173976CA11')
    expect(fromEnv.contracts.SubnetManager).toBe(A.SubnetManager)
    const fromOption = finalizeNetwork(
      resolveNetworkRequest({
        configPath: path,
        env,
        contracts: { Weights: '0x4000000000000000000000000000000000000005' },
      }),
      560002,
    )
    expect(fromOption.contracts.Weights).toBe('0x4000000000000000000000000000000000000005')
  })

  /** A config file whose default network is `lab`. */
  const labConfig = (file: string, networks: Record<string, object>) => {
    const path = join(dir, file)
    writeFileSync(path, JSON.stringify({ network: 'lab', networks }))
    return path
  }

  it('uses custom networks and the default network from the config file', () => {
    const path = labConfig('custom.json', {
      lab: { chainId: 565000, rpcUrl: 'http://10.0.0.7:8545', contracts: A },
    })
    const request = resolveNetworkRequest({ configPath: path, env: {} })
    expect(request).toMatchObject({ name: 'lab', rpcUrl: 'http://10.0.0.7:8545' })
    expect(finalizeNetwork(request, 565000)).toMatchObject({ name: 'lab', chainId: 565000, local: false })
    expect(() => finalizeNetwork(request, 560002)).toThrow(WrongNetworkError)
    // Found by chain id and URL when only the URL is given.
    const byUrl = resolveNetworkRequest({ configPath: path, env: {}, rpcUrl: 'http://10.0.0.7:8545' })
    expect(finalizeNetwork(byUrl, 565000).name).toBe('lab')
  })

  it('a config entry with an RPC URL the SDK cannot use fails only when that network is used', () => {
    const path = labConfig('one-bad.json', {
      lab: { rpcUrl: 'ws://10.0.0.7:8546' },
      good: { rpcUrl: 'http://10.0.0.8:8545' },
    })
    expect(() => resolveNetworkRequest({ configPath: path, env: {} })).toThrow(/ws:\/\/ is not supported/)
    expect(resolveNetworkRequest({ configPath: path, env: {}, network: 'good' }).rpcUrl).toBe(
      'http://10.0.0.8:8545',
    )
    expect(resolveNetworkRequest({ configPath: path, env: {}, rpcUrl: 'http://127.0.0.1:8545' }).rpcUrl).toBe(
      'http://127.0.0.1:8545',
    )
  })

  it('reads env: HETU_NETWORK, HETU_RPC_URL, HETU_CONFIG', () => {
    const path = join(dir, 'env.json')
    writeFileSync(path, JSON.stringify({ networks: { local: { contracts: A } } }))
    const request = resolveNetworkRequest({
      env: { HETU_CONFIG: path, HETU_RPC_URL: 'http://127.0.0.1:7545' },
    })
    expect(request.rpcUrl).toBe('http://127.0.0.1:7545')
    expect(finalizeNetwork(request, 560002).contracts.WHETU).toBe(A.WHETU)
    expect(resolveNetworkRequest({ ...noConfig, env: { HETU_NETWORK: 'testnet' } }).rpcUrl).toBe(
      'https://rpc.testchainv1.hetuscan.com',
    )
  })

  it('rejects bad addresses from option and env with the offending name', () => {
    expect(() =>
      finalizeNetwork(resolveNetworkRequest({ ...noConfig, contracts: { ...A, WHETU: '0x12' } }), 560002),
    ).toThrow(/contracts\.WHETU/)
    expect(() =>
      finalizeNetwork(
        resolveNetworkRequest({ configPath: false, env: { HETU_CONTRACT_WHETU: 'nope' } }),
        560002,
      ),
    ).toThrow(/HETU_CONTRACT_\*\.WHETU/)
    expect(() =>
      finalizeNetwork(
        resolveNetworkRequest({ ...noConfig, contracts: { ...A, Bogus: A.WHETU } as unknown as typeof A }),
        560002,
      ),
    ).toThrow(/unknown contract/)
  })
})

describe('a running `hetu localnet` on this machine', () => {
  // Info files go to this test's own dir (HETU_LOCALNET_DIR), never next to a user's running localnet.
  const port = 40_000 + (process.pid % 20_000)
  const env = () => ({ HETU_LOCALNET_DIR: dir })
  const announce = (extra: object = {}) =>
    writeFileSync(
      localnetInfoPath(port, env()),
      JSON.stringify({ rpcUrl: `http://127.0.0.1:${port}`, chainId: 560002, contracts: A, ...extra }),
    )

  it('is found through the info file it writes for its port, when the chain matches', () => {
    expect(localnetInfoPath(port, env())).toBe(join(dir, `hetu-localnet-${port}.json`))
    announce()
    const request = resolveNetworkRequest({
      configPath: false,
      env: env(),
      rpcUrl: `http://127.0.0.1:${port}`,
    })
    expect(finalizeNetwork(request, 560002).contracts).toMatchObject(A)
    // Another chain behind that port (a restarted node): the file is stale, addresses are asked for.
    expect(() => finalizeNetwork(request, 31337)).toThrow(UnknownNetworkError)
    const named = resolveNetworkRequest({
      configPath: false,
      env: env(),
      network: 'local',
      rpcUrl: `http://127.0.0.1:${port}`,
    })
    expect(() => finalizeNetwork(named, 31337)).toThrow(MissingContractAddressError)
    // Options still win over the file.
    const option = resolveNetworkRequest({
      configPath: false,
      env: env(),
      rpcUrl: `http://localhost:${port}`,
      contracts: { WHETU: '0x9000000000000000000000000000000000000009' },
    })
    expect(finalizeNetwork(option, 560002).contracts.WHETU).toBe('0x9000000000000000000000000000000000000009')
    // Elsewhere (the default temp dir) there is no such file.
    expect(() =>
      finalizeNetwork(resolveNetworkRequest({ ...noConfig, rpcUrl: `http://127.0.0.1:${port}` }), 560002),
    ).toThrow(MissingContractAddressError)
  })

  it('is not used when the process it names is gone, whatever answers at the port', async () => {
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' })
    await new Promise((resolve) => child.once('exit', resolve))
    announce({ pid: child.pid })
    const request = resolveNetworkRequest({
      configPath: false,
      env: env(),
      rpcUrl: `http://127.0.0.1:${port}`,
    })
    expect(() => finalizeNetwork(request, 560002)).toThrow(MissingContractAddressError)
    announce({ pid: process.pid })
    expect(finalizeNetwork(request, 560002).contracts).toMatchObject(A)
  })
})

describe('loadHetuConfig', () => {
  it('treats a missing default file as empty but a missing explicit file as an error', () => {
    expect(loadHetuConfig(undefined, { HOME: dir })).toEqual({ networks: {} })
    expect(() => loadHetuConfig(join(dir, 'absent.json'), {})).toThrow(ConfigFileError)
  })

  it('reports invalid JSON and wrong shapes with the path of the problem', () => {
    const broken = join(dir, 'broken.json')
    writeFileSync(broken, '{ "networks": ')
    expect(() => loadHetuConfig(broken, {})).toThrow(/not valid JSON/)
    const wrong = join(dir, 'wrong.json')
    writeFileSync(wrong, JSON.stringify({ networks: { local: { contracts: { WHETU: 'xyz' } } } }))
    expect(() => loadHetuConfig(wrong, {})).toThrow(/networks\.local\.contracts\.WHETU/)
    writeFileSync(wrong, JSON.stringify({ networks: { local: { rpc: 'http://x' } } }))
    expect(() => loadHetuConfig(wrong, {})).toThrow(ConfigFileError)
  })

  it('checksums addresses', () => {
    const path = join(dir, 'lower.json')
    writeFileSync(
      path,
      JSON.stringify({
        networks: { local: { contracts: { Multicall3: '0xca11bde05977b3631167028862be2a173976ca11' } } },
      }),
    )
    expect(loadHetuConfig(path, {}).networks.local?.contracts?.Multicall3).toBe(
      '0xcA11bde05977b3631167028862bE2a173976CA11',
    )
  })
})
