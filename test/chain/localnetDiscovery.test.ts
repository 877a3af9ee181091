import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HetuSubnet, parseHetu } from '../../src/index.js'
import { localnetInfoPath } from '../../src/localnet/index.js'
import { CliSandbox, ensureCliBuilt } from '../cli/helpers.js'

// `hetu localnet` (not startLocalnet) writes $HETU_LOCALNET_DIR/hetu-localnet-<port>.json; the SDK finds
// the contract addresses there by port, so `network: 'local'` needs no `contracts`. Both sides look in
// the sandbox's dir, never in the temp dir a user's localnet writes to.
describe('HetuSubnet.connect({ network: "local" }) against a running `hetu localnet`', () => {
  let cli: CliSandbox
  let localnet: ReturnType<CliSandbox['spawn']>
  let info: { rpcUrl: string; contracts: Record<string, string> }
  let env: NodeJS.ProcessEnv

  beforeAll(async () => {
    ensureCliBuilt()
    cli = new CliSandbox()
    env = { HETU_LOCALNET_DIR: cli.dir }
    localnet = cli.spawn(['localnet', '--port', '0', '--no-emission'], env)
    info = JSON.parse(await localnet.firstLine)
  })
  afterAll(async () => {
    if (localnet?.child.exitCode === null) {
      localnet.child.kill('SIGINT')
      await localnet.exited
    }
    cli?.cleanup()
  })

  it('finds the contract addresses in the info file for the port', async () => {
    const port = new URL(info.rpcUrl).port
    expect(existsSync(localnetInfoPath(port, env))).toBe(true)
    const hetu = await HetuSubnet.connect({ network: 'local', rpcUrl: info.rpcUrl, configPath: false, env })
    expect(hetu.network).toMatchObject({ name: 'local', chainId: 560002, local: true })
    for (const name of ['WHETU', 'GlobalStaking', 'SubnetManager', 'NeuronManager', 'SubnetAMMFactory'])
      expect(hetu.network.contracts[name as 'WHETU']).toBe(info.contracts[name])
    expect(await hetu.getNetworkLockCost()).toBe(parseHetu('100'))
    expect(await hetu.getSubnets()).toEqual([])
  })

  it('also when the URL comes from HETU_RPC_URL, and with no network named at all', async () => {
    const viaEnv = await HetuSubnet.connect({
      network: 'local',
      configPath: false,
      env: { ...env, HETU_RPC_URL: info.rpcUrl },
    })
    expect(viaEnv.network.contracts.SubnetManager).toBe(info.contracts.SubnetManager)
    const unnamed = await HetuSubnet.connect({ rpcUrl: info.rpcUrl, configPath: false, env })
    expect(unnamed.network.name).toBe('local')
    expect(await unnamed.getNetworkLockCost()).toBe(parseHetu('100'))
  })
})
