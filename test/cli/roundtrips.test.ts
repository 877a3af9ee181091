// Round trips of a read command, counted by a proxy in front of the localnet: `hetu subnet list` makes
// three (the chain id, the next netuid, the existence multicall with every subnet's details), with an
// explicit --rpc-url (not probed: the client's chain-id check is the one before the reads) as without
// (the probe that finds the localnet stands for that check).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Localnet, startLocalnet } from '../../src/localnet/localnet.js'
import { startCountingProxy } from '../chain/helpers/countingProxy.js'
import { createSubnet, hetuClient } from '../fixtures/localnet.js'
import { CliSandbox, ensureCliBuilt } from './helpers.js'

describe('hetu subnet list round trips', () => {
  let net: Localnet
  let proxy: Awaited<ReturnType<typeof startCountingProxy>>
  let cli: CliSandbox

  beforeAll(async () => {
    ensureCliBuilt()
    net = await startLocalnet()
    const owner = await hetuClient(net, { account: 0 })
    for (const name of ['one', 'two']) {
      await owner.waitForSubnetRateLimit()
      await createSubnet(owner, { name })
    }
    proxy = await startCountingProxy(net.rpcUrl)
    cli = new CliSandbox()
    // The localnet as the CLI finds it, behind the proxy.
    writeFileSync(
      join(cli.dir, `hetu-localnet-${new URL(proxy.url).port}.json`),
      JSON.stringify({ ...net.toJSON(), rpcUrl: proxy.url, pid: process.pid }),
    )
  })
  afterAll(async () => {
    cli?.cleanup()
    await proxy?.close()
    await net?.stop()
  })

  for (const [label, flags] of [
    ['an explicit --rpc-url', () => ['--rpc-url', proxy.url]],
    ['the localnet found through its info file', () => []],
  ] as const)
    it(`takes three round trips with ${label}`, async () => {
      proxy.reset()
      const listed = await cli.json([...flags(), 'subnet', 'list'])
      expect(listed.subnets.map((s: { name: string }) => s.name)).toEqual(['one', 'two'])
      expect(proxy.stats.httpRequests).toBe(3)
    })
})
