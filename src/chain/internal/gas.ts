import type { Account, Address, Hex } from 'viem'
import { estimateGas } from 'viem/actions'
import type { GasHeadroom, HetuBaseClient } from '../client/types.js'
import { InvalidArgumentError } from '../errors/amount.js'

/**
 * Default headroom. An estimate is exact for the state and block it ran against; in the next block the
 * same call can cost more (a storage write of `block.timestamp`/`block.number` that was a no-op in the
 * estimate becomes a fresh write, other transactions land first), and a bare estimate then runs out of gas.
 * Unused gas is not paid, so a margin only raises the limit, not the cost.
 */
export const DEFAULT_GAS_HEADROOM: GasHeadroom = { multiplier: 1.2, buffer: 10_000n }

/** Validates the client options into a {@link GasHeadroom}. */
export function resolveGasHeadroom(multiplier?: number, buffer?: bigint): GasHeadroom {
  if (multiplier !== undefined && !(Number.isFinite(multiplier) && multiplier >= 1 && multiplier <= 10))
    throw new InvalidArgumentError('gasMultiplier', `${multiplier} is not a number from 1 to 10`, {
      hint: 'Use 1.2 (the default) or more for chains where state moves between estimate and inclusion.',
    })
  if (buffer !== undefined && (typeof buffer !== 'bigint' || buffer < 0n))
    throw new InvalidArgumentError('gasBuffer', `${String(buffer)} is not a non-negative bigint`)
  return {
    multiplier: multiplier ?? DEFAULT_GAS_HEADROOM.multiplier,
    buffer: buffer ?? DEFAULT_GAS_HEADROOM.buffer,
  }
}

/** The gas limit to send: the estimate with headroom, never above the block gas limit (else unminable). */
export function withHeadroom(estimate: bigint, headroom: GasHeadroom, blockGasLimit?: bigint): bigint {
  // Multiplier in basis points keeps the arithmetic in bigint.
  const padded = (estimate * BigInt(Math.round(headroom.multiplier * 10_000))) / 10_000n + headroom.buffer
  if (blockGasLimit !== undefined && blockGasLimit > 0n && padded > blockGasLimit)
    return estimate > blockGasLimit ? estimate : blockGasLimit
  return padded
}

/** A transaction to estimate: who sends what to whom. */
export interface GasRequest {
  account: Account
  to: Address
  data?: Hex | undefined
  value?: bigint | undefined
}

/**
 * eth_estimateGas for the request (a revert surfaces here, before anything is sent), with the client's
 * headroom, capped at the block gas limit. `blockGasLimit` comes from a block the caller fetches anyway.
 */
export async function estimateWithHeadroom(
  client: HetuBaseClient,
  request: GasRequest,
  blockGasLimit: Promise<bigint | undefined>,
): Promise<bigint> {
  const [estimate, limit] = await Promise.all([
    estimateGas(client, {
      account: request.account,
      to: request.to,
      ...(request.data !== undefined && { data: request.data }),
      ...(request.value !== undefined && { value: request.value }),
      // Nothing to prepare: the estimate needs no nonce or fees (and must not try eth_fillTransaction).
      prepare: false,
    }),
    blockGasLimit,
  ])
  return withHeadroom(estimate, client.hetu.gasHeadroom, limit)
}
