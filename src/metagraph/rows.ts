import type { Address } from 'viem'
import type { Metagraph } from './Metagraph.js'

/** One neuron as a table shows it: the chain's record and the metagraph's local epoch results. */
export interface MetagraphRow {
  uid: number
  hotkey: Address
  isValidator: boolean
  active: boolean
  /** Stake allocated to the subnet (wei). */
  stake: bigint
  /** Alpha held (wei). */
  alphaBalance: bigint
  incentive: number
  dividends: number
  consensus: number
  /** Alpha the next epoch would pay it (wei). */
  emission: bigint
  /** `http://ip:port`, '' when not serving. */
  axon: string
}

/** Every neuron of a metagraph, in uid order (`hetu metagraph` and the dashboard). */
export function metagraphRows(graph: Metagraph): MetagraphRow[] {
  const [I, D, C, E] = [graph.I, graph.D, graph.C, graph.E]
  return graph.neurons.map((n) => ({
    uid: n.uid,
    hotkey: n.hotkey,
    isValidator: n.isValidator,
    active: n.active,
    stake: n.stake,
    alphaBalance: n.alphaBalance,
    incentive: I[n.uid]!,
    dividends: D[n.uid]!,
    consensus: C[n.uid]!,
    emission: E[n.uid]!,
    axon: n.axon.endpoint,
  }))
}
