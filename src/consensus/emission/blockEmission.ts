import { ConsensusInputError } from '../errors.js'
import { DEFAULT_EMISSION_PARAMS } from './params.js'

/**
 * Number of halvings after `issued` of a supply `cap`: ⌊log2(cap / (cap − issued))⌋, or `undefined`
 * once `issued ≥ cap`. Computed exactly in integers (the largest k with 2^k·(cap − issued) ≤ cap);
 * the chain goes through an 18-decimal ratio and a float64 log2, so within ~1e-18·cap of a halving
 * boundary it may halve a few wei early.
 */
export function halvingCount(issued: bigint, cap: bigint): number | undefined {
  if (cap <= 0n) throw new ConsensusInputError('Supply cap must be positive.', { details: `cap = ${cap}` })
  if (issued < 0n)
    throw new ConsensusInputError('Issued amount cannot be negative.', { details: `issued = ${issued}` })
  if (issued >= cap) return undefined
  const left = cap - issued
  let k = 0
  while (left << BigInt(k + 1) <= cap) k++
  return k
}

/**
 * HETU minted in one block (docs/emission.md#block-emission): `E0 / 2^⌊log2(1/(1 − R/S))⌋`, 0 once R ≥ S. So
 * 1 HETU until half the supply is issued, then 0.5, then 0.25 after three quarters, …
 *
 * @param issued R, total issued so far (wei)
 * @param totalSupply S (default 21 000 000 HETU)
 * @param defaultBlockEmission E0 (default 1 HETU)
 */
export function blockEmission(
  issued: bigint,
  totalSupply: bigint = DEFAULT_EMISSION_PARAMS.totalSupply,
  defaultBlockEmission: bigint = DEFAULT_EMISSION_PARAMS.defaultBlockEmission,
): bigint {
  if (defaultBlockEmission < 0n)
    throw new ConsensusInputError('Default block emission cannot be negative.', {
      details: `defaultBlockEmission = ${defaultBlockEmission}`,
    })
  const k = halvingCount(issued, totalSupply)
  return k === undefined ? 0n : defaultBlockEmission >> BigInt(k)
}

/**
 * Alpha emitted per block by one subnet (`e_i`, docs/emission.md#coinbase): the same halving schedule as
 * {@link blockEmission}, driven by the subnet's Alpha issuance (AlphaIn + AlphaOut) against a cap of
 * 2·S. About 1 Alpha per block. (The chain returns 0 while the issuance is exactly 0; that cannot happen
 * there because AlphaIn starts at the locked amount, and we follow the formula.)
 */
export function alphaEmission(
  alphaIssued: bigint,
  totalSupply: bigint = DEFAULT_EMISSION_PARAMS.totalSupply,
  defaultBlockEmission: bigint = DEFAULT_EMISSION_PARAMS.defaultBlockEmission,
): bigint {
  return blockEmission(alphaIssued, 2n * totalSupply, defaultBlockEmission)
}
