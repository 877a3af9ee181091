// The set-up the neuron benches share: a localnet with one active subnet, and compute axons
// (the Python SDK README's "add a b") registered on it as miners.
import { generatePrivateKey } from 'viem/accounts'
import {
  Axon,
  createHetuClient,
  createLogger,
  type HetuClient,
  type Localnet,
  startLocalnet,
} from '../src/index.js'
import { registerMinersAt } from '../test/neuron/populate.js'

export interface BenchSubnet extends AsyncDisposable {
  net: Localnet
  /** createHetuClient options for this localnet (no config file, no environment). */
  options: { rpcUrl: string; contracts: Localnet['contracts']; configPath: false; env: Record<string, never> }
  /** Signs as dev account 0, which deployed the contracts and owns the subnet. */
  owner: HetuClient
  netuid: number
}

export async function benchSubnet(): Promise<BenchSubnet> {
  const net = await startLocalnet()
  const options = { rpcUrl: net.rpcUrl, contracts: net.contracts, configPath: false as const, env: {} }
  const owner = await createHetuClient({ ...options, account: net.accounts[0]!.privateKey })
  const { netuid } = await owner.registerSubnet({
    name: 'bench',
    description: '',
    tokenName: 'B',
    tokenSymbol: 'B',
  })
  await owner.activateSubnet({ netuid })
  return { net, options, owner, netuid, [Symbol.asyncDispose]: () => net.stop() }
}

/** `count` compute axons (one silent logger), registered as miners of the subnet. */
export async function computeMiners(subnet: BenchSubnet, count: number): Promise<Axon[]> {
  const logger = createLogger({ level: 'silent' })
  const axons = await Promise.all(
    Array.from({ length: count }, () =>
      new Axon({ hotkey: generatePrivateKey(), ip: '127.0.0.1', port: 0, prometheus: false, logger })
        .attach((synapse) => {
          const [, a, b] = synapse.completion.split(' ')
          return { completion: `Result: ${a} + ${b} = ${Number(a) + Number(b)}` }
        })
        .start(),
    ),
  )
  await registerMinersAt(
    subnet.net.rpcUrl,
    subnet.net.contracts,
    subnet.netuid,
    axons.map((axon) => ({ address: axon.hotkey as `0x${string}`, ip: '127.0.0.1', port: axon.port })),
  )
  return axons
}
