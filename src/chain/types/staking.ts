/** `GlobalStaking.getStakeInfo` plus the derived available amount. */
export interface StakeInfo {
  totalStaked: bigint
  totalAllocated: bigint
  /** Registration fees paid (never refunded). */
  totalCost: bigint
  lastUpdateBlock: bigint
  /** totalStaked − totalAllocated − totalCost. */
  available: bigint
}

/** `GlobalStaking.getSubnetAllocation`. */
export interface SubnetAllocation {
  allocated: bigint
  cost: bigint
  lastUpdateBlock: bigint
}
