import type { Agreement } from '../aggregate/aggregateResults.js'
import { ConsensusInputError } from '../errors.js'

/** Input of {@link splitRewards}. */
export interface RewardSplitInput {
  /** The amount to share (wei), e.g. {@link subnetRewardRate} × blocks. */
  total: bigint
  /** Validators sharing their part: by stake if every one has a stake, else equally. */
  validators: readonly { address: string; stake?: bigint }[]
  /** One entry per miner response, with its agreement from {@link aggregateResults}. */
  miners: readonly { address: string; agreement: Agreement }[]
  /** Validators' part in basis points (default 3000 = 30 %; miners get the rest). */
  validatorShareBps?: number
  /** What a wrong (or undecided) answer earns of a full share, in basis points (default 5000 = half). */
  wrongAnswerBps?: number
}

/** Amounts of {@link splitRewards}, sorted by address. */
export interface RewardSplit {
  validatorPot: bigint
  minerPot: bigint
  /** A full miner share: ⌊minerPot / responses⌋. */
  fullShare: bigint
  validators: { address: string; amount: bigint }[]
  miners: { address: string; amount: bigint }[]
  /** What nobody receives (wrong-answer penalties, failures, rounding, no validators): total − paid. */
  undistributed: bigint
}

function bps(name: string, v: number): bigint {
  if (!Number.isInteger(v) || v < 0 || v > 10_000)
    throw new ConsensusInputError(`${name} must be an integer number of basis points (0..10000).`, {
      details: `${v}`,
    })
  return BigInt(v)
}

/**
 * The Python SDK's `distribute_rewards` as a pure function (docs/python-sdk.md#reward-split): 30 % to
 * validators, 70 % to miners split per response — a full share for agreeing with the consensus, half a share
 * for a wrong answer (and when there was no consensus, where the Python version finds every answer wrong),
 * nothing for a failed request. Floors throughout; the validators' rounding remainder goes one wei at a time
 * in address order.
 */
export function splitRewards(input: RewardSplitInput): RewardSplit {
  if (typeof input.total !== 'bigint' || input.total < 0n)
    throw new ConsensusInputError('total must be a non-negative bigint (wei).', {
      details: String(input.total),
    })
  const validatorBps = bps('validatorShareBps', input.validatorShareBps ?? 3000)
  const wrongBps = bps('wrongAnswerBps', input.wrongAnswerBps ?? 5000)
  const validatorPot = (input.total * validatorBps) / 10_000n
  const minerPot = input.total - validatorPot

  const validators = [...input.validators].sort((a, b) => compare(a.address, b.address))
  for (let i = 1; i < validators.length; i++)
    if (validators[i]!.address === validators[i - 1]!.address)
      throw new ConsensusInputError('The same validator appears twice.', { details: validators[i]!.address })
  const byStake = validators.length > 0 && validators.every((v) => v.stake !== undefined)
  const stakes = validators.map((v) => {
    if (v.stake !== undefined && (typeof v.stake !== 'bigint' || v.stake < 0n))
      throw new ConsensusInputError('Validator stake must be a non-negative bigint.', { details: v.address })
    return byStake ? v.stake! : 1n
  })
  const stakeTotal = stakes.reduce((a, b) => a + b, 0n)
  const validatorAmounts = stakes.map((s) => (stakeTotal === 0n ? 0n : (s * validatorPot) / stakeTotal))
  let remainder = stakeTotal === 0n ? 0n : validatorPot - validatorAmounts.reduce((a, b) => a + b, 0n)
  for (let i = 0; i < validatorAmounts.length && remainder > 0n; i++) {
    validatorAmounts[i]! += 1n
    remainder -= 1n
  }

  const fullShare = input.miners.length === 0 ? 0n : minerPot / BigInt(input.miners.length)
  const minerTotals = new Map<string, bigint>()
  for (const m of input.miners) {
    const amount =
      m.agreement === 'agree'
        ? fullShare
        : m.agreement === 'failed'
          ? 0n
          : m.agreement === 'disagree' || m.agreement === 'undecided'
            ? (fullShare * wrongBps) / 10_000n
            : invalidAgreement(m.agreement)
    minerTotals.set(m.address, (minerTotals.get(m.address) ?? 0n) + amount)
  }
  const miners = [...minerTotals.keys()]
    .sort(compare)
    .map((address) => ({ address, amount: minerTotals.get(address)! }))
  const paid = validatorAmounts.reduce((a, b) => a + b, 0n) + miners.reduce((a, m) => a + m.amount, 0n)
  return {
    validatorPot,
    minerPot,
    fullShare,
    validators: validators.map((v, i) => ({ address: v.address, amount: validatorAmounts[i]! })),
    miners,
    undistributed: input.total - paid,
  }
}

function invalidAgreement(value: unknown): never {
  throw new ConsensusInputError("Miner agreement must be 'agree', 'disagree', 'undecided' or 'failed'.", {
    details: String(value),
  })
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
