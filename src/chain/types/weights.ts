import type { Address } from 'viem'

/** Weights are integers in [0, 1_000_000] meaning 0…1 (the Hetu CLI's scale). */
export const MAX_WEIGHT = 1_000_000n

export interface WeightEntry {
  dest: Address
  weight: bigint
}
