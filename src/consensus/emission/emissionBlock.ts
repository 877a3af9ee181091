import { ConsensusInputError } from '../errors.js'
import { mulWadFloor } from '../fixedPoint.js'
import { blockEmission } from './blockEmission.js'
import { applyCoinbase, type SubnetCoinbase, sortedSubnets, subnetCoinbase } from './coinbase.js'
import { DEFAULT_EMISSION_PARAMS, type EmissionParams } from './params.js'
import { updateMovingPrice } from './price.js'
import { subnetShareRatio } from './subnetShare.js'
import type { SubnetEmissionState } from './subnetState.js'

/** Input of {@link emissionForBlock}. */
export interface EmissionBlockInput {
  block: bigint
  /** R: HETU issued by the schedule so far (wei). */
  totalIssued: bigint
  /** N: subnets registered (active or not). */
  registeredSubnets: number
  /** Every registered subnet's state; those with 0 < firstEmissionBlock ≤ block emit. */
  subnets: readonly SubnetEmissionState[]
  params?: EmissionParams
}

/** Result of {@link emissionForBlock}. All amounts wei. */
export interface EmissionBlockResult {
  /** E: HETU minted this block. */
  blockEmission: bigint
  /** The subnet share ratio as a WAD. */
  subnetShareRatio: bigint
  /** S_sub = ⌊E · ratio⌋. */
  subnetReward: bigint
  /** E − S_sub, to the fee collector (ordinary validator rewards). */
  feeCollector: bigint
  /** R after this block. */
  totalIssued: bigint
  /**
   * Whether the coinbase ran. On the chain it runs only when S_sub > 0 and some subnet emits, and epoch
   * payouts are processed inside it — so no epoch pays out in a block where this is false.
   */
  coinbaseRan: boolean
  /** Per emitting subnet, sorted by netuid. */
  coinbase: SubnetCoinbase[]
  /** Every subnet's state after the block (sorted by netuid): bookkeeping and moving price updated. */
  subnets: SubnetEmissionState[]
}

/**
 * Steps 1–3 of docs/emission.md (block emission to coinbase) for one block, pure: block emission, subnet
 * share, coinbase per emitting subnet (tao_in by moving price, alpha_in, alpha_out, owner cut) and the
 * moving-price update. The caller then injects `taoIn`/`alphaIn` into each pool, adds `pending`/`ownerCut` to
 * the subnet's pending amounts and, where {@link isEpochBlock}, runs the epoch payout.
 */
export function emissionForBlock(input: EmissionBlockInput): EmissionBlockResult {
  const params = input.params ?? DEFAULT_EMISSION_PARAMS
  if (input.block < 0n)
    throw new ConsensusInputError('Block cannot be negative.', { details: `block = ${input.block}` })
  const subnets = sortedSubnets(input.subnets)
  const emission = blockEmission(input.totalIssued, params.totalSupply, params.defaultBlockEmission)
  const ratio = subnetShareRatio(input.registeredSubnets, params)
  const subnetReward = mulWadFloor(emission, ratio)
  const emitting = subnets.filter((s) => s.firstEmissionBlock > 0n && s.firstEmissionBlock <= input.block)
  const coinbaseRan = emission > 0n && subnetReward > 0n && emitting.length > 0
  const coinbase = coinbaseRan ? subnetCoinbase(subnetReward, emitting, params) : []
  const byNetuid = new Map(coinbase.map((c) => [c.netuid, c]))
  const next = subnets.map((subnet) => {
    const c = byNetuid.get(subnet.netuid)
    if (!c) return { ...subnet }
    const applied = applyCoinbase(subnet, c)
    return { ...applied, movingPrice: updateMovingPrice(applied, input.block, params) }
  })
  return {
    blockEmission: emission,
    subnetShareRatio: ratio,
    subnetReward,
    feeCollector: emission - subnetReward,
    totalIssued: input.totalIssued + emission,
    coinbaseRan,
    coinbase,
    subnets: next,
  }
}
