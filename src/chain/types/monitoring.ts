import type { Address } from 'viem'
import type { ContractFeatures } from '../internal/generation.js'
import type { StakeInfo, SubnetAllocation } from './staking.js'
import type { SubnetHyperparams, SubnetInfo } from './subnet.js'

/**
 * A subnet's Alpha emission from the schedule of docs/emission.md#coinbase: what the chain mints for it per
 * block and per epoch. The Python SDK's reward split (`splitRewards`) starts from these amounts. All amounts
 * wei.
 */
export interface SubnetRewardRate {
  netuid: number
  /** Block the figures were read at. */
  block: bigint
  /** Only active subnets emit; for an inactive one every amount is 0. */
  emitting: boolean
  /** e_i: Alpha emitted for the subnet per block (≈ 1 Alpha, halving with the subnet's issuance). */
  alphaPerBlock: bigint
  /** The subnet owner's 18 % of it. */
  ownerCutPerBlock: bigint
  /** alphaPerBlock − ownerCutPerBlock: what incentives and dividends share at the next epoch. */
  participantsPerBlock: bigint
  /** The subnet's tempo; an epoch runs every tempo + 1 blocks. */
  tempo: number
  blocksPerEpoch: bigint
  /** participantsPerBlock × blocksPerEpoch: the pending Alpha one epoch pays out. */
  alphaPerEpoch: bigint
  /**
   * Alpha issued so far as the schedule counts it (AlphaIn + AlphaOut on the chain), read as the Alpha
   * token's total supply; the two differ by owner cuts only, which moves the halving by a few blocks.
   */
  alphaIssued: bigint
}

/** Something worth a look in {@link SubnetHealth}; `critical` means the subnet cannot pay rewards. */
export interface SubnetHealthIssue {
  code:
    | 'SUBNET_INACTIVE'
    | 'NO_VALIDATORS'
    | 'NO_MINERS'
    | 'NO_EMISSION_MINTER'
    | 'SUBNET_FULL'
    | 'VALIDATORS_FULL'
    | 'POOL_BELOW_MINIMUM_LIQUIDITY'
    | 'UNEXPECTED_MINTER'
  severity: 'critical' | 'warning'
  message: string
}

/** The Python SDK's `monitor_subnet_health`: parameters, neuron counts, pool and emission of a subnet. */
export interface SubnetHealth {
  netuid: number
  block: bigint
  info: SubnetInfo
  params: SubnetHyperparams
  neurons: {
    total: number
    validators: number
    miners: number
    /** maxAllowedUids. */
    maxNeurons: number
    /** maxAllowedValidators. */
    maxValidators: number
  }
  pool: {
    address: Address
    hetuReserve: bigint
    alphaReserve: bigint
    /** HETU per Alpha from the reserves, 1e18 fixed point. */
    spotPrice: bigint
    minimumLiquidity: bigint
    /** Both reserves above the minimum liquidity, so swaps can go through. */
    tradeable: boolean
  }
  rewardRate: SubnetRewardRate
  /** The chain's blockinflation account may mint this subnet's Alpha (needed for any reward). */
  emissionMinter: boolean
  /**
   * Minters other than the chain's blockinflation account and the SubnetManager (from the token's
   * MinterAdded/MinterRemoved events). Each can mint Alpha and sell it into the pool: on the public
   * contracts a subnet owner can add itself and drain the HETU buyers put in.
   */
  otherMinters: Address[]
  /** The contracts' generation (`legacy`: AlphaTokens with one fixed minter, see ContractGeneration). */
  generation: ContractFeatures['generation']
  issues: SubnetHealthIssue[]
  /** No critical issue. */
  healthy: boolean
}

/** One subnet where an address has stake allocated, fees paid, or a neuron. */
export interface SubnetStakeStatus extends SubnetAllocation {
  netuid: number
  /** The address is a neuron of the subnet. */
  registered: boolean
  isValidator: boolean
}

/** The Python SDK's `check_stake_status`: global stake and where it is allocated. */
export interface StakeStatus {
  address: Address
  block: bigint
  stake: StakeInfo
  /** Subnets with an allocation, a paid fee or a neuron of the address, by netuid. */
  subnets: SubnetStakeStatus[]
}
