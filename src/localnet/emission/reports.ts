import type { Address } from 'viem'

/** One emitting subnet in one block (docs/emission.md#coinbase). Amounts in wei. */
export interface SubnetBlockReport {
  netuid: number
  /** HETU injected into the pool (wrapped as WHETU by the system address). */
  taoIn: bigint
  /** Alpha minted into the pool. */
  alphaIn: bigint
  /** e_i: Alpha emitted to the subnet this block (owner cut included). */
  alphaOut: bigint
  /** The owner's 18 % of alphaOut, paid at the subnet's next epoch. */
  ownerCut: bigint
  /** The subnet's pending Alpha after this block (0 right after an epoch paid it out). */
  pendingAlpha: bigint
  /** Moving Alpha price p̄ after this block (WAD). */
  movingPrice: bigint
  /** Undefined until the block is mined; then whether the injection landed (false: failed or nothing to inject). */
  injected?: boolean
}

/** An active subnet left out of this block's emission, and why. */
export interface SkippedSubnet {
  netuid: number
  /** `no-minter`: its owner has not called addSubnetMinter(netuid, systemAddress); `pool-unreadable`: its pool did not answer. */
  reason: 'no-minter' | 'pool-unreadable'
}

/** One neuron's epoch outcome (the consensus maths rounded to what was minted). */
export interface EpochParticipantReport {
  address: Address
  stake: bigint
  isValidator: boolean
  /** Share of the validators' stake (its weight row's weight). */
  stakeShare: number
  /** Stake-weighted kappa quantile of the weights it received. */
  consensus: number
  rank: number
  incentive: number
  dividends: number
  incentiveAlpha: bigint
  dividendAlpha: bigint
  /** incentiveAlpha + dividendAlpha, minted to it. */
  payout: bigint
}

/** One subnet's epoch (docs/emission.md#epoch-consensus and #epoch-payout). */
export interface EpochReport {
  netuid: number
  block: bigint
  tempo: number
  owner: Address
  /** P: pending Alpha this epoch paid out. */
  pendingAlpha: bigint
  /** Owner cut minted to the owner. */
  ownerCut: bigint
  /** Every registered neuron, sorted by address. */
  participants: EpochParticipantReport[]
  /** The weight vectors used, per validator (sorted by validator), as stored in the Weights contract. */
  weights: { validator: Address; weights: { dest: Address; weight: bigint }[] }[]
  /** Alpha minted by this epoch: participants + owner. */
  minted: bigint
  /** Part of P nobody could claim (no weights, no stake): not minted, as on the chain. */
  discarded: bigint
  /** Undefined until the block is mined; then whether every payout mint landed. */
  paid?: boolean
  /** Set when the epoch maths refused the subnet's data; nothing was paid and P stays pending. */
  error?: string
}

/** Everything the module did for one block. */
export interface BlockReport {
  block: bigint
  /** The block was mined by someone else (evm_mine, anvil_mine): its system transactions landed in a later block. */
  late: boolean
  /** E: HETU emitted this block. */
  blockEmission: bigint
  /** Subnet share ratio (WAD) and S_sub = ⌊E·ratio⌋. */
  subnetShareRatio: bigint
  subnetReward: bigint
  /** R after this block. */
  totalIssued: bigint
  /** N: subnets registered, active or not. */
  registeredSubnets: number
  /** Emitting subnets, sorted by netuid. */
  subnets: SubnetBlockReport[]
  skipped: SkippedSubnet[]
  epochs: EpochReport[]
}

/** Cumulative amounts of one subnet since the module started (only what actually landed counts as paid). */
export interface SubnetTotals {
  netuid: number
  blocks: number
  epochs: number
  taoInjected: bigint
  alphaInjected: bigint
  /** Σ e_i: Alpha emitted outside the pool (owner cut included). */
  alphaEmitted: bigint
  ownerPaid: bigint
  incentivePaid: bigint
  dividendsPaid: bigint
  discarded: bigint
  /** Alpha whose mint transaction failed. */
  failed: bigint
  /** Still waiting for the next epoch. */
  pendingAlpha: bigint
  pendingOwnerCut: bigint
  /** alphaInjected + ownerPaid + incentivePaid + dividendsPaid: the Alpha supply the module added. */
  alphaMinted: bigint
  /** Alpha each address received from epochs (owner cut included for the owner). */
  earned: Record<Address, bigint>
}

/** Cumulative amounts since the module started. */
export interface EmissionTotals {
  blocks: number
  /** Last block processed. */
  lastBlock: bigint
  issued: bigint
  subnetReward: bigint
  subnets: SubnetTotals[]
}
