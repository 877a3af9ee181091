/**
 * The chain's per-subnet emission bookkeeping (x/event copies, not the pool itself). The chain
 * overwrites `taoIn`/`alphaIn` with the pool's reserves at each AMM sync; `alphaOut` stays chain-side.
 */
export interface SubnetEmissionState {
  netuid: number
  /** Block of `SubnetActivated`; 0 while the subnet is not active (it does not emit). */
  firstEmissionBlock: bigint
  /** Moving Alpha price p̄ as a WAD (starts at 1.0 = `WAD`). */
  movingPrice: bigint
  /** HETU in the pool (chain copy), wei. */
  taoIn: bigint
  /** Alpha in the pool (chain copy), wei. */
  alphaIn: bigint
  /** Alpha emitted outside the pool so far (net of owner cuts), wei. */
  alphaOut: bigint
}
