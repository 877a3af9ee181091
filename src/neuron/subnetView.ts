import type { Address } from 'viem'
import { getBlockNumber } from 'viem/actions'
import type { HetuClient } from '../chain/client/createHetuClient.js'
import { toHetuError } from '../chain/errors/decode.js'
import { HetuSubnet } from '../chain/HetuSubnet.js'
import type { NeuronInfo } from '../chain/types/neuron.js'

/** A connected chain client, or the seed-style facade (its `client` is used). */
export type NeuronClient = HetuClient | HetuSubnet

export function clientOf(client: NeuronClient): HetuClient {
  return client instanceof HetuSubnet ? client.client : client
}

/**
 * What the loops need to know about their subnet: its neurons as of one block. The Metagraph
 * (src/metagraph) provides it incrementally; {@link syncSubnetView} reads it straight from the chain.
 */
export interface SubnetView {
  readonly netuid: number
  /** Block the neurons were read at. */
  readonly block: bigint
  /** Registered neurons at `block`. */
  readonly neurons: readonly NeuronInfo[]
  /** Brings `block` and `neurons` up to the chain's head. */
  resync(): Promise<void>
}

/** How a Validator gets its view: an existing one, or a function that builds it. */
export type SubnetViewSource =
  | SubnetView
  | ((parameters: { client: HetuClient; netuid: number }) => Promise<SubnetView>)

/**
 * A subnet view read from the chain: the head block, then every neuron at that block (getSubnetNeurons:
 * two round trips whatever the count). Each `resync()` reads it all again.
 */
export async function syncSubnetView(parameters: {
  client: HetuClient
  netuid: number
}): Promise<SubnetView> {
  const view = new ChainSubnetView(parameters.client, parameters.netuid)
  await view.resync()
  return view
}

class ChainSubnetView implements SubnetView {
  block = 0n
  neurons: readonly NeuronInfo[] = []
  constructor(
    readonly client: HetuClient,
    readonly netuid: number,
  ) {}

  async resync(): Promise<void> {
    const block = await getBlockNumber(this.client, { cacheTime: 0 }).catch((err) => {
      throw toHetuError(err, { action: 'resync' })
    })
    this.neurons = await this.client.getSubnetNeurons({ netuid: this.netuid, blockNumber: block })
    this.block = block
  }
}

/** The active miners of a view with stake and a usable endpoint, as the seed's discovery keeps them. */
export function activeMiners(neurons: readonly NeuronInfo[], exclude?: Address): NeuronInfo[] {
  const self = exclude?.toLowerCase()
  return neurons.filter(
    (n) =>
      n.isActive &&
      !n.isValidator &&
      n.stake > 0n &&
      n.axonPort > 0 &&
      n.axonEndpoint.length > 0 &&
      n.account.toLowerCase() !== self,
  )
}
