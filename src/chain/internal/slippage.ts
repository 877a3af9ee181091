import { InvalidArgumentError } from '../errors/amount.js'

/** `quoted` minus `slippageBps` basis points (default 50 = 0.5 %), rounded down. */
export function minimumOut(quoted: bigint, slippageBps = 50): bigint {
  if (!Number.isInteger(slippageBps) || slippageBps < 0 || slippageBps > 10_000)
    throw new InvalidArgumentError('slippageBps', `${slippageBps} is not an integer in 0…10000`)
  return (quoted * BigInt(10_000 - slippageBps)) / 10_000n
}
