// The set-up the neuron and chain benches share: a localnet with one active subnet (the test fixture,
// test/fixtures/localnet.ts), and compute axons (the Python SDK README's "add a b") registered on it as
// miners.
import { generatePrivateKey } from 'viem/accounts'
import { Axon, createLogger } from '../src/index.js'
import { compute, type LocalSubnet, registerMiners, startSubnet } from '../test/fixtures/localnet.js'

/** `client` signs as dev account 0, which deployed the contracts and owns the subnet. */
export type BenchSubnet = LocalSubnet

export function benchSubnet(): Promise<BenchSubnet> {
  return startSubnet({ subnet: { name: 'bench', tokenName: 'B' } })
}

/** `count` compute axons (one silent logger), registered as miners of the subnet. */
export async function computeMiners(subnet: BenchSubnet, count: number): Promise<Axon[]> {
  const logger = createLogger({ level: 'silent' })
  const axons = await Promise.all(
    Array.from({ length: count }, () =>
      new Axon({ hotkey: generatePrivateKey(), ip: '127.0.0.1', port: 0, prometheus: false, logger })
        .attach((synapse) => ({ completion: compute(synapse.completion) }))
        .start(),
    ),
  )
  await registerMiners(
    subnet.net,
    subnet.netuid,
    axons.map((axon) => ({ address: axon.hotkey as `0x${string}`, ip: '127.0.0.1', port: axon.port })),
  )
  return axons
}
