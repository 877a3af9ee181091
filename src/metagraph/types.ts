import type { Address } from 'viem'
import type { NeuronInfo } from '../chain/types/neuron.js'
import type { SubnetHyperparams, SubnetInfo } from '../chain/types/subnet.js'
import type { WeightEntry } from '../chain/types/weights.js'

/** Where a neuron serves: what a dendrite needs to call it (also an `AxonAddress`). */
export interface MetagraphAxon {
  /** Host announced on chain (an IP or a name; the host part when the endpoint is a URL). */
  ip: string
  port: number
  hotkey: Address
  /** `http://ip:port` (the URL's scheme when the endpoint was a URL); '' when not serving. */
  endpoint: string
  /** A host and a non-zero port are announced. */
  isServing: boolean
}

/** One neuron of a metagraph, at its uid (its position in the chain's neuron list). */
export interface MetagraphNeuron {
  uid: number
  /** The neuron's address (the key that registered and signs its axon/dendrite requests). */
  hotkey: Address
  isValidator: boolean
  active: boolean
  /** Stake allocated to the subnet (wei). */
  stake: bigint
  registrationBlock: bigint
  /** Unix time (seconds) of the last registration, service or stake update. */
  lastUpdate: bigint
  axon: MetagraphAxon
  prometheus: { endpoint: string; port: number }
  /** Balance of the subnet's Alpha token (wei). */
  alphaBalance: bigint
}

/** A neuron as stored: the chain's record plus its Alpha balance. */
export interface NeuronState extends NeuronInfo {
  alphaBalance: bigint
}

/** Everything a metagraph knows, as read from the chain at `block` (what `save()` writes). */
export interface MetagraphState {
  netuid: number
  block: bigint
  chainId: number
  contracts: {
    NeuronManager: Address
    /** null when the network has no Weights contract configured (no weights read). */
    Weights: Address | null
    alphaToken: Address
  }
  subnet: SubnetInfo
  params: SubnetHyperparams
  /** Total supply of the subnet's Alpha: the issuance the emission schedule counts. */
  alphaSupply: bigint
  /** In uid order. */
  neurons: NeuronState[]
  /** Each current validator's weight vector as set on chain, keyed by lowercase validator address. */
  weights: Map<string, WeightEntry[]>
}
