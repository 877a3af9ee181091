/**
 * Whether a validator may set weights at `block` when it last did at `lastSetBlock` (undefined: never
 * seen), with at most one setWeights per `rateLimit` blocks. Also the first block it may again.
 */
export function weightsRateLimit(
  block: bigint,
  lastSetBlock: bigint | undefined,
  rateLimit: bigint,
): { allowed: boolean; nextBlock: bigint } {
  if (lastSetBlock === undefined) return { allowed: true, nextBlock: block }
  const nextBlock = lastSetBlock + rateLimit
  return { allowed: block >= nextBlock, nextBlock }
}
