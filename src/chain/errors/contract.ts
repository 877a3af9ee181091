import type { Hex } from 'viem'
import { errorDocsPath, HetuError, type HetuErrorCode } from '../../errors.js'
import type { SubnetParamProblem } from '../actions/subnet/checkSubnetParams.js'
import { formatHetu } from '../amounts.js'
import type { SwapBlocker } from '../types/amm.js'

/** What a revert said, decoded from its data (revert string, custom error or panic). */
export interface RevertInfo {
  /** Revert string ("AMM: INSUFFICIENT_LIQUIDITY"), custom error name, or panic description. */
  reason: string
  /** `Error` for revert strings, `Panic` for panics, else the custom error's name. */
  errorName?: string | undefined
  /** Decoded custom-error arguments. */
  args?: readonly unknown[] | undefined
  /** SDK action that was running ("registerNeuron"). */
  action?: string | undefined
  /** Contract function that reverted ("registerNeuronWithStakeAllocation"). */
  functionName?: string | undefined
  /** Raw revert data, when the node returned it. */
  data?: Hex | undefined
}

interface RevertErrorOptions {
  shortMessage?: string
  details?: string
  hint?: string
  meta?: Record<string, unknown>
}

/** A contract call reverted. Subclasses name the reverts a user can act on. */
export class ContractRevertError extends HetuError {
  override name = 'ContractRevertError'
  readonly reason: string
  readonly errorName: string | undefined
  readonly args: readonly unknown[] | undefined
  readonly functionName: string | undefined
  /** Everything decoded from the revert, to re-create the error with more context. */
  readonly revert: RevertInfo

  constructor(
    revert: RevertInfo,
    options: RevertErrorOptions = {},
    code: HetuErrorCode = 'CONTRACT_REVERTED',
  ) {
    const where = revert.action ?? revert.functionName ?? 'The contract call'
    super(code, options.shortMessage ?? `${where} reverted: ${revert.reason}.`, {
      details: options.details ?? `revert reason: ${revert.reason}`,
      hint:
        options.hint ?? 'Read the relevant state (stake, subnet, neuron) and check the call’s preconditions.',
      docsPath: errorDocsPath(code),
      meta: {
        reason: revert.reason,
        errorName: revert.errorName,
        functionName: revert.functionName,
        ...options.meta,
      },
    })
    this.reason = revert.reason
    this.errorName = revert.errorName
    this.args = revert.args
    this.functionName = revert.functionName
    this.revert = revert
  }
}

const hetu = (wei: bigint) => `${formatHetu(wei)} HETU`

/** Global stake that is neither allocated nor spent on fees is too small for the call. */
export class InsufficientAvailableStakeError extends ContractRevertError {
  override name = 'InsufficientAvailableStakeError'
  readonly available: bigint | undefined
  readonly required: bigint | undefined
  constructor(revert: RevertInfo, amounts: { available?: bigint; required?: bigint } = {}) {
    const { available, required } = amounts
    super(
      revert,
      {
        shortMessage:
          available !== undefined && required !== undefined
            ? `Not enough available stake: ${hetu(available)} available, ${hetu(required)} needed.`
            : 'Not enough available (unallocated) global stake.',
        details:
          'available = totalStaked − totalAllocated − totalCost (registration fees are never refunded).',
        hint: 'Add global stake (addGlobalStake) or deallocate from another subnet (deallocateFromSubnet).',
        meta: { available, required },
      },
      'INSUFFICIENT_AVAILABLE_STAKE',
    )
    this.available = available
    this.required = required
  }
}

/** More global stake was asked back than was ever staked. */
export class InsufficientStakeError extends ContractRevertError {
  override name = 'InsufficientStakeError'
  constructor(revert: RevertInfo, amounts: { staked?: bigint; requested?: bigint } = {}) {
    super(
      revert,
      {
        shortMessage:
          amounts.staked !== undefined && amounts.requested !== undefined
            ? `Cannot remove ${hetu(amounts.requested)}: only ${hetu(amounts.staked)} staked.`
            : 'Cannot remove more global stake than is staked.',
        hint: 'Read getStakeInfo and remove at most its `available` amount.',
        meta: amounts,
      },
      'INSUFFICIENT_STAKE',
    )
  }
}

/** Deallocation larger than the current allocation to that subnet. */
export class InsufficientAllocationError extends ContractRevertError {
  override name = 'InsufficientAllocationError'
  constructor(revert: RevertInfo, amounts: { allocated?: bigint; requested?: bigint; netuid?: number } = {}) {
    super(
      revert,
      {
        shortMessage:
          amounts.allocated !== undefined && amounts.requested !== undefined
            ? `Cannot deallocate ${hetu(amounts.requested)} from subnet ${amounts.netuid}: only ${hetu(amounts.allocated)} allocated.`
            : 'Cannot deallocate more than is allocated to the subnet.',
        hint: 'Read getSubnetAllocation(address, netuid) for the current allocation.',
        meta: amounts,
      },
      'INSUFFICIENT_ALLOCATION',
    )
  }
}

/** The stake is below the subnet's neuron or validator threshold. */
export class StakeBelowThresholdError extends ContractRevertError {
  override name = 'StakeBelowThresholdError'
  constructor(revert: RevertInfo, amounts: { stake?: bigint; threshold?: bigint; role?: string } = {}) {
    super(
      revert,
      {
        shortMessage:
          amounts.stake !== undefined && amounts.threshold !== undefined
            ? `Stake ${hetu(amounts.stake)} is below the ${amounts.role ?? 'neuron'} threshold of ${hetu(amounts.threshold)}.`
            : `Stake is below the subnet's threshold (${revert.reason}).`,
        hint: 'Read getSubnetParams(netuid): neuronThreshold (miners) and validatorThreshold (validators).',
        meta: amounts,
      },
      'STAKE_BELOW_THRESHOLD',
    )
  }
}

export class SubnetNotFoundError extends ContractRevertError {
  override name = 'SubnetNotFoundError'
  constructor(revert: RevertInfo, netuid?: number) {
    super(
      revert,
      {
        shortMessage:
          netuid !== undefined ? `Subnet ${netuid} does not exist.` : 'The subnet does not exist.',
        hint: 'List existing netuids with getSubnets().',
        meta: { netuid },
      },
      'SUBNET_NOT_FOUND',
    )
  }
}

export class SubnetNotActiveError extends ContractRevertError {
  override name = 'SubnetNotActiveError'
  constructor(revert: RevertInfo, netuid?: number) {
    super(
      revert,
      {
        shortMessage: `Subnet ${netuid ?? ''} is not active yet.`.replace('  ', ' '),
        hint: 'The subnet owner must call activateSubnet(netuid) before neurons can register.',
        meta: { netuid },
      },
      'SUBNET_NOT_ACTIVE',
    )
  }
}

export class SubnetAlreadyActiveError extends ContractRevertError {
  override name = 'SubnetAlreadyActiveError'
  constructor(revert: RevertInfo, netuid?: number) {
    super(
      revert,
      {
        shortMessage: `Subnet ${netuid ?? ''} is already active.`.replace('  ', ' '),
        hint: 'Nothing to do.',
      },
      'SUBNET_ALREADY_ACTIVE',
    )
  }
}

/** Only the subnet owner (or the contract owner) may do this. */
export class NotOwnerError extends ContractRevertError {
  override name = 'NotOwnerError'
  constructor(revert: RevertInfo) {
    super(
      revert,
      {
        shortMessage: `Only the owner may call this (${revert.reason}).`,
        hint: 'Send the transaction from the subnet owner (registrant) or the contract owner (deployer).',
      },
      'NOT_OWNER',
    )
  }
}

/** A caller that is not allowed at all (deployment wiring, system-only functions). */
export class UnauthorizedCallerError extends ContractRevertError {
  override name = 'UnauthorizedCallerError'
  constructor(revert: RevertInfo) {
    super(
      revert,
      {
        shortMessage: `The caller is not authorized (${revert.reason}).`,
        hint: 'UNAUTHORIZED_CALLER on registration means the deployment did not authorize NeuronManager in GlobalStaking; system-only functions cannot be called by users.',
      },
      'UNAUTHORIZED_CALLER',
    )
  }
}

export class NeuronAlreadyRegisteredError extends ContractRevertError {
  override name = 'NeuronAlreadyRegisteredError'
  constructor(revert: RevertInfo, args: { netuid?: number; account?: string } = {}) {
    super(
      revert,
      {
        shortMessage: `${args.account ?? 'The account'} is already registered in subnet ${args.netuid ?? '?'}.`,
        hint: 'Use updateNeuronService to change endpoints, or deregisterNeuron first.',
        meta: args,
      },
      'NEURON_ALREADY_REGISTERED',
    )
  }
}

export class NeuronNotRegisteredError extends ContractRevertError {
  override name = 'NeuronNotRegisteredError'
  constructor(revert: RevertInfo, args: { netuid?: number; account?: string } = {}) {
    super(
      revert,
      {
        shortMessage: `${args.account ?? 'The account'} is not a registered neuron of subnet ${args.netuid ?? '?'}.`,
        hint: 'Register first with registerNeuron({ netuid, … }).',
        meta: args,
      },
      'NEURON_NOT_REGISTERED',
    )
  }
}

/** The caller must be a validator of the subnet (weights). */
export class NotValidatorError extends ContractRevertError {
  override name = 'NotValidatorError'
  constructor(revert: RevertInfo, args: { netuid?: number; account?: string } = {}) {
    super(
      revert,
      {
        shortMessage: `${args.account ?? 'The account'} is not a validator of subnet ${args.netuid ?? '?'}.`,
        hint: 'Only neurons registered with isValidatorRole: true may set weights.',
        meta: args,
      },
      'NOT_VALIDATOR',
    )
  }
}

export class SubnetFullError extends ContractRevertError {
  override name = 'SubnetFullError'
  constructor(revert: RevertInfo) {
    const validators = revert.reason.includes('VALIDATOR')
    super(
      revert,
      {
        shortMessage: `The subnet has no free ${validators ? 'validator' : 'neuron'} slot.`,
        hint: `See maxAllowed${validators ? 'Validators' : 'Uids'} in getSubnetParams(netuid).`,
      },
      'SUBNET_FULL',
    )
  }
}

/** Subnet registration is rate limited network-wide (one per `networkRateLimit` blocks). */
export class SubnetRateLimitedError extends ContractRevertError {
  override name = 'SubnetRateLimitedError'
  readonly availableAtBlock: bigint | undefined
  constructor(revert: RevertInfo, args: { currentBlock?: bigint; availableAtBlock?: bigint } = {}) {
    const { currentBlock, availableAtBlock } = args
    super(
      revert,
      {
        shortMessage:
          currentBlock !== undefined && availableAtBlock !== undefined
            ? `Subnet registration is rate limited until block ${availableAtBlock} (now ${currentBlock}, ${availableAtBlock - currentBlock} blocks to go).`
            : 'Subnet registration is rate limited network-wide.',
        hint: 'Wait for the block shown, then retry (getNetworkParams shows lastLockBlock and rateLimit).',
        meta: args,
      },
      'SUBNET_REGISTRATION_RATE_LIMITED',
    )
    this.availableAtBlock = availableAtBlock
  }
}

/** The pool cannot serve the trade (fresh pools hold less than the minimum liquidity). */
export class InsufficientLiquidityError extends ContractRevertError {
  override name = 'InsufficientLiquidityError'
  readonly blocked: SwapBlocker | undefined
  constructor(revert: RevertInfo, args: { netuid?: number; amountIn?: bigint; blocked?: SwapBlocker } = {}) {
    super(
      revert,
      {
        shortMessage:
          args.blocked?.message ??
          `The subnet pool has not enough liquidity for this trade (${revert.reason}).`,
        hint: 'Quote first (quoteSwap); a trade whose quote is 0 always reverts. Fresh pools are untradeable until emissions grow the reserves past minimumPoolLiquidity.',
        meta: args,
      },
      'INSUFFICIENT_LIQUIDITY',
    )
    this.blocked = args.blocked
  }
}

/** The trade would return less than the minimum accepted output. */
export class SlippageExceededError extends ContractRevertError {
  override name = 'SlippageExceededError'
  constructor(revert: RevertInfo, args: { minAmountOut?: bigint; quotedOut?: bigint } = {}) {
    super(
      revert,
      {
        shortMessage:
          args.minAmountOut !== undefined && args.quotedOut !== undefined
            ? `The trade would return ${formatHetu(args.quotedOut)}, below the minimum ${formatHetu(args.minAmountOut)}.`
            : 'The trade output is below the minimum accepted amount.',
        hint: 'Quote again and lower minAmountOut (or raise slippageBps).',
        meta: args,
      },
      'SLIPPAGE_EXCEEDED',
    )
  }
}

/** An ERC20 (WHETU or Alpha) balance is too small. */
export class InsufficientTokenBalanceError extends ContractRevertError {
  override name = 'InsufficientTokenBalanceError'
  constructor(revert: RevertInfo, args: { token?: string; balance?: bigint; required?: bigint } = {}) {
    const [, balance, required] =
      (revert.errorName === 'ERC20InsufficientBalance' ? revert.args : undefined) ?? []
    const have = args.balance ?? (balance as bigint | undefined)
    const need = args.required ?? (required as bigint | undefined)
    super(
      revert,
      {
        shortMessage:
          have !== undefined && need !== undefined
            ? `${args.token ?? 'Token'} balance ${formatHetu(have)} is below the ${formatHetu(need)} needed.`
            : `${args.token ?? 'Token'} balance is too small.`,
        hint: 'Wrap native HETU (wrapHetu) or acquire the token first.',
        meta: { token: args.token, balance: have, required: need },
      },
      'INSUFFICIENT_TOKEN_BALANCE',
    )
  }
}

/** An ERC20 allowance is too small (the SDK approves itself; this means the approval raced). */
export class InsufficientAllowanceError extends ContractRevertError {
  override name = 'InsufficientAllowanceError'
  constructor(revert: RevertInfo) {
    const [spender, allowance, needed] = revert.args ?? []
    super(
      revert,
      {
        shortMessage: 'The token allowance is too small for this transfer.',
        hint: 'Approve the exact contract that pulls the tokens (the pool for swaps, SubnetManager for subnet locks, GlobalStaking for stake).',
        meta: { spender, allowance, needed },
      },
      'INSUFFICIENT_ALLOWANCE',
    )
  }
}

/** The contract rejected an argument (empty name, zero amount, out-of-range parameter…). */
export class InvalidContractArgumentError extends ContractRevertError {
  override name = 'InvalidContractArgumentError'
  constructor(revert: RevertInfo, options: RevertErrorOptions = {}) {
    super(
      revert,
      {
        shortMessage: `The contract rejected an argument: ${revert.reason}.`,
        hint: 'Check the value against the contract limits (see the docs of the action).',
        ...options,
      },
      'INVALID_CONTRACT_ARGUMENT',
    )
  }
}

/**
 * A whole hyperparameter set failed the SubnetManager's validation (INVALID_HYPERPARAMS /
 * INVALID_MERGED_HYPERPARAMS), with each failing field. `inherited` are fields the caller did not pass:
 * values kept from the subnet's current set (or the contract defaults), e.g. the public default
 * weightsRateLimit 15000, which fails the contract's own rule.
 */
export class InvalidHyperparamsError extends InvalidContractArgumentError {
  override name = 'InvalidHyperparamsError'
  readonly problems: readonly SubnetParamProblem[]
  readonly inherited: readonly SubnetParamProblem[]
  constructor(revert: RevertInfo, problems: readonly SubnetParamProblem[], passed: readonly string[]) {
    const inherited = problems.filter((p) => !passed.includes(p.field))
    const describe = (p: SubnetParamProblem) => `${p.field} ${String(p.value)} ${p.rule}`
    const fix = (inherited.length > 0 ? inherited : problems).map((p) => p.field)
    super(revert, {
      shortMessage:
        problems.length === 0
          ? `The contract rejected the hyperparameters (${revert.reason}).`
          : inherited.length > 0
            ? `The subnet's current ${inherited.map(describe).join('; ')}: every update carries it, so it must be fixed too.`
            : `Invalid hyperparameters: ${problems.map(describe).join('; ')}.`,
      hint:
        fix.length > 0
          ? `Pass ${fix.join(', ')} with a valid value (SDK: params: { ${fix.map((f) => `${f}: …`).join(', ')} }; CLI: ${fix.map((f) => `--set ${f}=…`).join(' ')}). checkSubnetParams(params) lists every rule a set breaks.`
          : 'The contract defaults fill every field you did not pass, and on the public contracts the default weightsRateLimit (15000) fails their own rule (> immunityPeriod and ≤ 10000): pass weightsRateLimit too (e.g. 8000). checkSubnetParams(params) lists the rules.',
      meta: { problems, inherited: inherited.map((p) => p.field) },
    })
    this.problems = problems
    this.inherited = inherited
  }
}

/** The allocation a registered neuron keeps locked (its role threshold) cannot be withdrawn. */
export class StakeLockedError extends ContractRevertError {
  override name = 'StakeLockedError'
  constructor(revert: RevertInfo, args: { netuid?: number; locked?: bigint; requested?: bigint } = {}) {
    super(
      revert,
      {
        shortMessage:
          args.locked !== undefined
            ? `${formatHetu(args.locked)} HETU stays locked in subnet ${args.netuid ?? '?'} while the neuron is registered.`
            : 'Part of this allocation is locked while the neuron is registered.',
        hint: 'Keep at least the role threshold allocated, or deregisterNeuron first (it releases the allocation).',
        meta: args,
      },
      'STAKE_LOCKED',
    )
  }
}
