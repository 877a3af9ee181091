import type { Address } from 'viem'

/**
 * `NeuronManager.getNeuronInfo` (docs/contracts.md#struct-layouts). There is no uid: a neuron is its address.
 */
export interface NeuronInfo {
  account: Address
  netuid: number
  isActive: boolean
  isValidator: boolean
  /** Stake recorded at registration (wei). */
  stake: bigint
  registrationBlock: bigint
  /** Unix timestamp (seconds) of the last registration/service update. */
  lastUpdate: bigint
  axonEndpoint: string
  axonPort: number
  prometheusEndpoint: string
  prometheusPort: number
}
