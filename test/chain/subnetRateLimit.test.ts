import { describe, expect, it } from 'vitest'
import { SubnetRateLimitedError } from '../../src/index.js'
import { startLocalnet } from '../../src/localnet/localnet.js'
import { connect } from '../fixtures/localnet.js'

const subnet = (name: string) => ({ name, description: '', tokenName: name, tokenSymbol: name.toUpperCase() })

describe('waitForSubnetRateLimit', () => {
  it('waits for the block from which the next registration is accepted', async () => {
    // Blocks every 50 ms and 10 blocks between registrations: a registration right after another one
    // is a few blocks early, as on a fresh chain whose SubnetManager deployment counts as the last lock.
    await using net = await startLocalnet({ networkRateLimit: 10n, emission: { blockTime: 0.05 } })
    const hetu = await connect(net, { account: 0 })
    const first = await hetu.registerSubnet(subnet('first'))
    const early = await hetu.registerSubnet(subnet('early')).catch((err: unknown) => err)
    expect(early).toBeInstanceOf(SubnetRateLimitedError)
    const lastLock = first.blockNumber
    expect((early as SubnetRateLimitedError).availableAtBlock).toBe(lastLock + 11n)

    const waited = await hetu.waitForSubnetRateLimit()
    expect(waited.availableAtBlock).toBe(lastLock + 11n)
    expect(waited.blockNumber + 1n).toBeGreaterThanOrEqual(waited.availableAtBlock)
    const second = await hetu.registerSubnet(subnet('second'))
    expect(second.blockNumber).toBeGreaterThan(lastLock + 10n)
  })

  it('answers at once past the limit, and gives up with SubnetRateLimitedError when no block comes', async () => {
    // Automine: no block comes unless a transaction does.
    await using net = await startLocalnet()
    const hetu = await connect(net, { account: 0 })
    // A fresh localnet starts past its deployment's lock.
    const ready = await hetu.waitForSubnetRateLimit({ timeoutMs: 200 })
    expect(ready.blockNumber + 1n).toBeGreaterThanOrEqual(ready.availableAtBlock)
    const first = await hetu.registerSubnet(subnet('only'))
    const err = await hetu.waitForSubnetRateLimit({ timeoutMs: 200 }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(SubnetRateLimitedError)
    expect(err).toMatchObject({
      code: 'SUBNET_REGISTRATION_RATE_LIMITED',
      availableAtBlock: first.blockNumber + 2n,
    })
  })
})
