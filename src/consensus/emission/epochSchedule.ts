import { ConsensusInputError } from '../errors.js'

/**
 * Whether `netuid` runs its epoch in `block` (docs/emission.md#epoch-schedule):
 * `(block + netuid + 1) mod (tempo + 1) == 0`. Default tempo 99 → every 100 blocks, staggered by netuid.
 */
export function isEpochBlock(block: bigint | number, netuid: number, tempo: bigint | number): boolean {
  const b = BigInt(block)
  const t = BigInt(tempo)
  if (b < 0n || t < 0n || !Number.isInteger(netuid) || netuid < 0)
    throw new ConsensusInputError('Block, netuid and tempo must be non-negative integers.', {
      details: `block ${block}, netuid ${netuid}, tempo ${tempo}`,
    })
  return (b + BigInt(netuid) + 1n) % (t + 1n) === 0n
}

/** The first block ≥ `fromBlock` in which `netuid` runs its epoch. */
export function nextEpochBlock(fromBlock: bigint | number, netuid: number, tempo: bigint | number): bigint {
  const b = BigInt(fromBlock)
  const period = BigInt(tempo) + 1n
  isEpochBlock(b, netuid, tempo) // validates
  const offset = (b + BigInt(netuid) + 1n) % period
  return offset === 0n ? b : b + (period - offset)
}
