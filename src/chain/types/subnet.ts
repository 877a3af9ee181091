import type { Address } from 'viem'

/** `SubnetManager.getSubnetInfo` (docs/contracts.md#struct-layouts). */
export interface SubnetInfo {
  netuid: number
  owner: Address
  alphaToken: Address
  ammPool: Address
  /** WHETU locked at registration (wei). */
  lockedAmount: bigint
  /** WHETU seeded into the pool (wei). */
  poolInitialTao: bigint
  /** Lock above the minimum, sent to 0x…dEaD (wei). */
  burnedAmount: bigint
  /** Unix timestamp (seconds). */
  createdAt: bigint
  isActive: boolean
  name: string
  description: string
}

/** The 21 per-subnet hyperparameters, in ABI order (docs/contracts.md#hyperparameters). */
export interface SubnetHyperparams {
  rho: number
  kappa: number
  immunityPeriod: number
  tempo: number
  maxValidators: number
  activityCutoff: number
  maxAllowedUids: number
  maxAllowedValidators: number
  minAllowedWeights: number
  maxWeightsLimit: number
  /** Registration fee (wei), paid from available stake to the treasury. */
  baseNeuronCost: bigint
  currentDifficulty: bigint
  targetRegsPerInterval: number
  maxRegsPerBlock: number
  weightsRateLimit: bigint
  registrationAllowed: boolean
  commitRevealEnabled: boolean
  commitRevealPeriod: bigint
  servingRateLimit: bigint
  /** Minimum stake of a validator (wei). */
  validatorThreshold: bigint
  /** Minimum stake of any neuron (wei). */
  neuronThreshold: bigint
}

/** Field order of the on-chain SubnetHyperparams tuple (index i = flag i of `useCustomFlags`). */
export const SUBNET_HYPERPARAM_KEYS = [
  'rho',
  'kappa',
  'immunityPeriod',
  'tempo',
  'maxValidators',
  'activityCutoff',
  'maxAllowedUids',
  'maxAllowedValidators',
  'minAllowedWeights',
  'maxWeightsLimit',
  'baseNeuronCost',
  'currentDifficulty',
  'targetRegsPerInterval',
  'maxRegsPerBlock',
  'weightsRateLimit',
  'registrationAllowed',
  'commitRevealEnabled',
  'commitRevealPeriod',
  'servingRateLimit',
  'validatorThreshold',
  'neuronThreshold',
] as const satisfies readonly (keyof SubnetHyperparams)[]

/** `SubnetManager.getSubnetDetails` plus a spot price computed from the reserves. */
export interface SubnetDetails {
  info: SubnetInfo
  /** The pool's cached price (0 until refreshed in a later block; docs/contracts.md#pool-price). */
  currentPrice: bigint
  totalVolume: bigint
  hetuReserve: bigint
  alphaReserve: bigint
  /** HETU per Alpha from the reserves, 1e18 fixed point (what the cached price lags behind). */
  spotPrice: bigint
}

/** `SubnetManager.getNetworkParams`. */
export interface NetworkParams {
  minLock: bigint
  lastLock: bigint
  lastLockBlock: bigint
  /** Blocks between two subnet registrations, network-wide. */
  rateLimit: bigint
  reductionInterval: bigint
  totalNetworks: number
  /** The netuid the next registration gets (`getNextNetuid()`; the public contract's own field is stale). */
  nextNetuid: number
}
