import type { Address } from 'viem'
import type { HetuClient } from '../chain/client/createHetuClient.js'
import type { MetagraphNeuron } from '../metagraph/types.js'

/**
 * A connected chain client, or what holds one: the Python-style `HetuSubnet` facade (its `client` is used).
 * Structural, so this layer does not import the facade built on top of it.
 */
export type NeuronClient = HetuClient | { readonly client: HetuClient }

export function clientOf(client: NeuronClient): HetuClient {
  return isHetuClient(client) ? client : client.client
}

/** Every client `createHetuClient` makes carries its Hetu context in `hetu`; the facade does not. */
function isHetuClient(client: NeuronClient): client is HetuClient {
  return 'hetu' in client
}

/**
 * What a Validator needs to know about its subnet: the part of a {@link Metagraph} it reads. A
 * Metagraph fits as is, so one can be shared with other code (axon blacklists, dashboards).
 */
export interface SubnetView {
  readonly netuid: number
  /** Block the miners were read at. */
  readonly block: bigint
  /** Registered miners at `block`. */
  readonly miners: readonly MetagraphNeuron[]
  /** Brings `block` and `miners` up to the chain's head. */
  resync(): Promise<unknown>
}

/**
 * The miners the Python SDK README's discovery keeps: active, with stake and an endpoint to call, other than
 * `exclude`.
 */
export function activeMiners(miners: readonly MetagraphNeuron[], exclude?: Address): MetagraphNeuron[] {
  const self = exclude?.toLowerCase()
  return miners.filter(
    (n) => n.active && !n.isValidator && n.stake > 0n && n.axon.isServing && n.hotkey.toLowerCase() !== self,
  )
}
