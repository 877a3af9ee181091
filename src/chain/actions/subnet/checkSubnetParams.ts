import type { SubnetHyperparams } from '../../types/subnet.js'

/** One hyperparameter that fails the SubnetManager's validation, and the rule it breaks. */
export interface SubnetParamProblem {
  field: keyof SubnetHyperparams
  value: bigint | number | boolean
  /** The rule, in words (e.g. "must be > immunityPeriod (7200) and ≤ 10000"). */
  rule: string
}

type Params = SubnetHyperparams
type Rule = [field: keyof Params, ok: (p: Params) => boolean, rule: (p: Params) => string]

const within = (lo: number, hi: number) => `must be in ${lo}..${hi}`

// The SubnetManager's validation of a whole hyperparameter set (`updateSubnetHyperparams` reverts
// INVALID_HYPERPARAMS, `registerNetworkWithPartialCustom` INVALID_MERGED_HYPERPARAMS), the same on the
// public contracts and ours. The public defaults fail it: weightsRateLimit 15000 > 10000.
const RULES: readonly Rule[] = [
  ['rho', (p) => p.rho >= 1 && p.rho <= 1000, () => within(1, 1000)],
  ['kappa', (p) => p.kappa !== 0, () => 'must not be 0'],
  ['immunityPeriod', (p) => p.immunityPeriod >= 1 && p.immunityPeriod <= 100_000, () => within(1, 100_000)],
  ['tempo', (p) => p.tempo >= 1 && p.tempo <= 10_000, () => within(1, 10_000)],
  [
    'maxValidators',
    (p) => p.maxValidators >= 1 && p.maxValidators <= p.maxAllowedValidators,
    (p) => `must be in 1..maxAllowedValidators (${p.maxAllowedValidators})`,
  ],
  ['activityCutoff', (p) => p.activityCutoff >= 1 && p.activityCutoff <= 50_000, () => within(1, 50_000)],
  ['maxAllowedUids', (p) => p.maxAllowedUids >= 1, () => 'must be ≥ 1'],
  [
    'maxAllowedValidators',
    (p) => p.maxAllowedValidators >= 1 && p.maxAllowedValidators <= 1000,
    () => within(1, 1000),
  ],
  [
    'minAllowedWeights',
    (p) => p.minAllowedWeights >= 1 && p.minAllowedWeights <= p.maxWeightsLimit,
    (p) => `must be in 1..maxWeightsLimit (${p.maxWeightsLimit})`,
  ],
  ['maxWeightsLimit', (p) => p.maxWeightsLimit >= 1 && p.maxWeightsLimit <= 10_000, () => within(1, 10_000)],
  ['baseNeuronCost', (p) => p.baseNeuronCost !== 0n, () => 'must not be 0'],
  ['currentDifficulty', (p) => p.currentDifficulty !== 0n, () => 'must not be 0'],
  [
    'targetRegsPerInterval',
    (p) => p.targetRegsPerInterval >= 1 && p.targetRegsPerInterval <= 100,
    () => within(1, 100),
  ],
  ['maxRegsPerBlock', (p) => p.maxRegsPerBlock >= 1 && p.maxRegsPerBlock <= 10, () => within(1, 10)],
  [
    'weightsRateLimit',
    (p) => p.weightsRateLimit > BigInt(p.immunityPeriod) && p.weightsRateLimit <= 10_000n,
    (p) => `must be > immunityPeriod (${p.immunityPeriod}) and ≤ 10000`,
  ],
  [
    'commitRevealPeriod',
    (p) => p.commitRevealPeriod >= 1n && p.commitRevealPeriod <= 10_000n,
    () => within(1, 10_000),
  ],
  ['servingRateLimit', (p) => p.servingRateLimit >= 1n && p.servingRateLimit <= 1000n, () => within(1, 1000)],
  [
    'validatorThreshold',
    (p) => p.validatorThreshold >= p.neuronThreshold,
    (p) => `must be ≥ neuronThreshold (${p.neuronThreshold} wei)`,
  ],
  ['neuronThreshold', (p) => p.neuronThreshold !== 0n, () => 'must not be 0'],
]

/**
 * Which fields of a whole hyperparameter set the SubnetManager would refuse, and why (empty when it
 * passes). Check a subnet's current set with it before an update: on the public contracts a subnet
 * registered with the defaults has an invalid `weightsRateLimit`, and every update must fix it.
 */
export function checkSubnetParams(params: SubnetHyperparams): SubnetParamProblem[] {
  return RULES.filter(([, ok]) => !ok(params)).map(([field, , rule]) => ({
    field,
    value: params[field],
    rule: rule(params),
  }))
}
