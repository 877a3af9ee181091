import { WAD } from '../fixedPoint.js'

/**
 * Parameters of the chain's blockinflation module (docs/emission.md#parameters). Ratios are WADs (18-decimal
 * fixed point, `WAD` = 1.0); amounts are wei.
 */
export interface EmissionParams {
  /** Supply cap S used by the halving schedule (21 000 000 HETU). */
  totalSupply: bigint
  /** E0: emission per block before any halving (1 HETU); also the Alpha emission base per subnet. */
  defaultBlockEmission: bigint
  /** Subnet share base (0.10). */
  subnetRewardBase: bigint
  /** Subnet share growth per ln(1 + N) (0.10). */
  subnetRewardK: bigint
  /** Subnet share cap (0.90; a code comment on the chain says 0.5, the value is 0.9). */
  subnetRewardMaxRatio: bigint
  /** Base EMA factor of the moving Alpha price (3e-6). */
  subnetMovingAlpha: bigint
  /** Owner cut of each block's Alpha emission (0.18). */
  subnetOwnerCut: bigint
  /** Blocks over which the moving-price EMA factor ramps up (201 600; per subnet on the chain). */
  emaPriceHalvingBlocks: bigint
}

/** Genesis defaults of the chain (docs/emission.md#parameters). */
export const DEFAULT_EMISSION_PARAMS: Readonly<EmissionParams> = Object.freeze({
  totalSupply: 21_000_000n * WAD,
  defaultBlockEmission: WAD,
  subnetRewardBase: WAD / 10n,
  subnetRewardK: WAD / 10n,
  subnetRewardMaxRatio: (9n * WAD) / 10n,
  subnetMovingAlpha: 3_000_000_000_000n, // 0.000003
  subnetOwnerCut: (18n * WAD) / 100n,
  emaPriceHalvingBlocks: 201_600n,
})
