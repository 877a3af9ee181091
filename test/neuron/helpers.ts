import { createServer } from 'node:net'
import type { Address } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import {
  type LocalnetOptions,
  type SubnetHyperparams,
  Synapse,
  type ValidatorOptions,
} from '../../src/index.js'
import { type LocalSubnet, startSubnet } from '../fixtures/localnet.js'

/** A localnet with one active subnet, and a client (signing as the owner, dev account 0). */
export type SubnetFixture = LocalSubnet

/** Hyperparameters of the test subnets: a short weights rate limit (which needs immunityPeriod below it). */
export const TEST_HYPERPARAMS: Partial<SubnetHyperparams> = {
  immunityPeriod: 1,
  weightsRateLimit: 5n,
  tempo: 9,
}

/** The neuron tests' subnet: 12 dev accounts, {@link TEST_HYPERPARAMS} unless `hyperparams` says otherwise. */
export function subnetFixture(
  options: { localnet?: LocalnetOptions; hyperparams?: Partial<SubnetHyperparams> } = {},
): Promise<SubnetFixture> {
  return startSubnet({
    localnet: { accounts: 12, ...options.localnet },
    subnet: {
      name: 'neuron tests',
      description: 'Miner and Validator loops',
      tokenName: 'Test Alpha',
      tokenSymbol: 'TA',
      hyperparams: options.hyperparams ?? TEST_HYPERPARAMS,
    },
  })
}

/** A Validator on the fixture's subnet: dev key 1, the task "add 15 25"; `extra` overrides any of it. */
export function validatorOptions(
  fx: SubnetFixture,
  extra: Partial<ValidatorOptions<Synapse>> = {},
): ValidatorOptions<Synapse> {
  return {
    client: fx.client,
    netuid: fx.netuid,
    hotkey: fx.key(1),
    task: () => new Synapse({ completion: 'add 15 25' }),
    ...extra,
  }
}

/** Resolves after `ms`, or when `signal` aborts (handlers should not outlive their request). */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer)
        resolve()
      },
      { once: true },
    )
  })
}

/** A port nothing listens on (for a registered miner that is down). */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/** A deterministic random source in [0, 1) (mulberry32), so weighted draws are the same every run. */
export function seeded(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Registers dev account `key` as a miner whose endpoint nothing listens on (a miner that is down). */
export async function registerAbsentMiner(fx: SubnetFixture, key: number): Promise<Address> {
  const account = privateKeyToAccount(fx.key(key))
  await fx.client.registerNeuron({
    netuid: fx.netuid,
    account,
    isValidatorRole: false,
    axonEndpoint: '127.0.0.1',
    axonPort: await freePort(),
  })
  return account.address
}
