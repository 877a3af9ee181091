import type { LocalAccount } from 'viem'
import type { HetuClient } from '../chain/client/createHetuClient.js'
import type { NeuronInfo } from '../chain/types/neuron.js'
import type { ServiceEndpoint } from './endpoint.js'
import { NeuronNotRegisteredYetError, NeuronRoleMismatchError } from './errors.js'

/** How a neuron came to be registered when it started. */
export interface NeuronRegistration {
  /** `'existing'`: it was registered already; `'registered'`: it registered now. */
  outcome: 'existing' | 'registered'
  /** The neuron as the chain holds it after start-up. */
  neuron: NeuronInfo
  /** Transaction hashes sent to register (prerequisites first), empty when it was registered already. */
  transactions: `0x${string}`[]
}

/**
 * Reads the neuron and registers it when missing (with `stake`, default the role's threshold). A neuron
 * registered in the other role is an error: the role is fixed for the life of a registration.
 */
export async function ensureRegistered(
  client: HetuClient,
  parameters: {
    netuid: number
    account: LocalAccount
    role: 'miner' | 'validator'
    register: boolean
    stake: bigint | undefined
    endpoint: ServiceEndpoint
  },
): Promise<NeuronRegistration> {
  const { netuid, account, role } = parameters
  const existing = await client.getNeuronInfo({ netuid, account: account.address })
  if (existing) {
    if (existing.isValidator !== (role === 'validator'))
      throw new NeuronRoleMismatchError({ netuid, account: account.address, expected: role })
    return { outcome: 'existing', neuron: existing, transactions: [] }
  }
  if (!parameters.register) throw new NeuronNotRegisteredYetError({ netuid, account: account.address, role })
  const result = await client.registerNeuron({
    netuid,
    account,
    isValidatorRole: role === 'validator',
    axonEndpoint: parameters.endpoint.ip,
    axonPort: parameters.endpoint.port,
    prometheusEndpoint: parameters.endpoint.prometheusIp,
    prometheusPort: parameters.endpoint.prometheusPort,
    ...(parameters.stake !== undefined && { stake: parameters.stake }),
  })
  const neuron = await client.getNeuronInfo({
    netuid,
    account: account.address,
    blockNumber: result.blockNumber,
  })
  return {
    outcome: 'registered',
    // The registration receipt proves it exists at that block; the fallback only covers a pruned state.
    neuron: neuron ?? {
      account: account.address,
      netuid,
      isActive: true,
      isValidator: result.isValidator,
      stake: result.stake,
      registrationBlock: result.blockNumber,
      lastUpdate: 0n,
      axonEndpoint: parameters.endpoint.ip,
      axonPort: parameters.endpoint.port,
      prometheusEndpoint: parameters.endpoint.prometheusIp,
      prometheusPort: parameters.endpoint.prometheusPort,
    },
    transactions: [...result.prerequisites.map((p) => p.hash), result.hash],
  }
}
