import { type Abi, decodeErrorResult, type Hex, isHex } from 'viem'
import { HetuError } from '../../errors.js'
import {
  AlphaTokenAbi,
  GlobalStakingAbi,
  NeuronManagerAbi,
  SubnetAMMAbi,
  SubnetAMMFactoryAbi,
  SubnetManagerAbi,
  WeightsAbi,
  WHETUAbi,
} from '../abi/index.js'
import { InsufficientFundsError, TransactionRevertedError, TransactionTimeoutError } from './account.js'
import {
  ContractRevertError,
  InsufficientAllocationError,
  InsufficientAllowanceError,
  InsufficientAvailableStakeError,
  InsufficientLiquidityError,
  InsufficientStakeError,
  InsufficientTokenBalanceError,
  InvalidContractArgumentError,
  NeuronAlreadyRegisteredError,
  NeuronNotRegisteredError,
  NotOwnerError,
  NotValidatorError,
  type RevertInfo,
  SlippageExceededError,
  StakeBelowThresholdError,
  StakeLockedError,
  SubnetAlreadyActiveError,
  SubnetFullError,
  SubnetNotActiveError,
  SubnetNotFoundError,
  SubnetRateLimitedError,
  UnauthorizedCallerError,
} from './contract.js'
import { RpcRequestFailedError, RpcUnavailableError, redactRpcUrl } from './network.js'

type AbiError = Extract<Abi[number], { type: 'error' }>

/**
 * Every custom error declared by our contracts (and the OpenZeppelin errors they inherit), deduplicated
 * by signature (the same signature is the same selector; hashing each one here cost every CLI command
 * ~30 ms of start-up with the pure-JS keccak).
 */
export const hetuErrorsAbi: readonly AbiError[] = (() => {
  const seen = new Map<string, AbiError>()
  const abis: readonly Abi[] = [
    WHETUAbi,
    GlobalStakingAbi,
    SubnetManagerAbi,
    NeuronManagerAbi,
    SubnetAMMAbi,
    SubnetAMMFactoryAbi,
    AlphaTokenAbi,
    WeightsAbi,
  ]
  for (const abi of abis)
    for (const item of abi)
      if (item.type === 'error') seen.set(`${item.name}(${item.inputs.map((i) => i.type)})`, item)
  return [...seen.values()]
})()

/**
 * Normalized code of a revert: the revert string without its "AMM: " style prefix, or a custom error
 * name in UPPER_SNAKE_CASE ("InsufficientAvailableStake" → "INSUFFICIENT_AVAILABLE_STAKE").
 */
export function revertCode(revert: Pick<RevertInfo, 'reason' | 'errorName'>): string {
  if (revert.errorName && revert.errorName !== 'Error' && revert.errorName !== 'Panic')
    return revert.errorName
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
      .toUpperCase()
  const text = revert.reason.includes(': ')
    ? revert.reason.slice(revert.reason.lastIndexOf(': ') + 2)
    : revert.reason
  return text.trim().toUpperCase().replace(/\s+/g, '_')
}

/** Decodes raw revert data (Error(string), Panic(uint256) or one of our custom errors). */
export function decodeRevertData(data: Hex): RevertInfo {
  try {
    const decoded = decodeErrorResult({ abi: hetuErrorsAbi, data })
    const args = (decoded.args ?? []) as readonly unknown[]
    if (decoded.errorName === 'Error') return { reason: String(args[0]), errorName: 'Error', args, data }
    if (decoded.errorName === 'Panic')
      return {
        reason: `panic 0x${(args[0] as bigint).toString(16)} (${panicText(args[0] as bigint)})`,
        errorName: 'Panic',
        args,
        data,
      }
    return { reason: decoded.errorName, errorName: decoded.errorName, args, data }
  } catch {
    return {
      reason: data === '0x' ? 'execution reverted without a reason' : `unknown error ${data.slice(0, 10)}`,
      data,
    }
  }
}

type RevertFactory = (revert: RevertInfo) => ContractRevertError

const named = (revert: RevertInfo, key: string): bigint | undefined => {
  const item = hetuErrorsAbi.find((e) => e.name === revert.errorName)
  const index = item?.inputs.findIndex((input) => input.name === key) ?? -1
  const value = index >= 0 ? revert.args?.[index] : undefined
  return typeof value === 'bigint' ? value : undefined
}

const REVERTS: Record<string, RevertFactory> = {}
const on = (codes: string[], factory: RevertFactory) => {
  for (const code of codes) REVERTS[code] = factory
}
on(['INSUFFICIENT_AVAILABLE_STAKE', 'AMOUNT_NOT_AVAILABLE'], (r) => {
  return new InsufficientAvailableStakeError(r, {
    available: named(r, 'available'),
    required: named(r, 'required'),
  })
})
on(['INSUFFICIENT_STAKE'], (r) => new InsufficientStakeError(r))
on(['INSUFFICIENT_ALLOCATION'], (r) => new InsufficientAllocationError(r))
on(['STAKE_LOCKED_BY_NEURON'], (r) => new StakeLockedError(r))
on(
  [
    'INSUFFICIENT_NEURON_STAKE',
    'INSUFFICIENT_VALIDATOR_STAKE',
    'BELOW_MIN_THRESHOLD',
    'NEURON_STAKE_BELOW_THRESHOLD',
    'VALIDATOR_STAKE_BELOW_THRESHOLD',
  ],
  (r) => new StakeBelowThresholdError(r, { stake: named(r, 'stake'), threshold: named(r, 'threshold') }),
)
on(['SUBNET_NOT_EXISTS', 'SUBNET_NOT_FOUND'], (r) => new SubnetNotFoundError(r))
on(['SUBNET_NOT_ACTIVE'], (r) => new SubnetNotActiveError(r))
on(['SUBNET_ALREADY_ACTIVE'], (r) => new SubnetAlreadyActiveError(r))
on(['NOT_OWNER', 'NOT_SUBNET_OWNER', 'OWNABLE_UNAUTHORIZED_ACCOUNT'], (r) => new NotOwnerError(r))
on(
  ['UNAUTHORIZED_CALLER', 'ONLY_SYSTEM', 'ONLY_SUBNET_MANAGER', 'NOT_AUTHORIZED_MINTER', 'UNAUTHORIZED'],
  (r) => new UnauthorizedCallerError(r),
)
on(['ALREADY_REGISTERED', 'NEURON_ALREADY_REGISTERED'], (r) => new NeuronAlreadyRegisteredError(r))
on(
  ['NOT_REGISTERED', 'NEURON_NOT_ACTIVE', 'NOT_NEURON', 'NEURON_NOT_REGISTERED'],
  (r) => new NeuronNotRegisteredError(r),
)
on(['NOT_VALIDATOR'], (r) => new NotValidatorError(r))
on(['SUBNET_NEURONS_FULL', 'SUBNET_VALIDATORS_FULL'], (r) => new SubnetFullError(r))
on(['RATE_LIMIT_EXCEEDED'], (r) => new SubnetRateLimitedError(r))
on(
  [
    'INSUFFICIENT_LIQUIDITY',
    'BELOW_MIN_LIQUIDITY',
    'INSUFFICIENT_HETU_RESERVE',
    'INSUFFICIENT_ALPHA_RESERVE',
    'INSUFFICIENT_ALPHA_OUT',
  ],
  (r) => new InsufficientLiquidityError(r),
)
on(['INSUFFICIENT_OUTPUT_AMOUNT'], (r) => new SlippageExceededError(r))
on(
  ['INVALID_MINTER'],
  (r) =>
    new InvalidContractArgumentError(r, {
      shortMessage:
        "These contracts let only the chain's system address mint a subnet's Alpha (the fixed rule set).",
      hint: 'Call addSubnetMinter without `minter`: it defaults to the blockinflation address the chain mints rewards from.',
    }),
)
on(['INSUFFICIENT_BALANCE', 'ERC20_INSUFFICIENT_BALANCE'], (r) => new InsufficientTokenBalanceError(r))
on(['ERC20_INSUFFICIENT_ALLOWANCE'], (r) => new InsufficientAllowanceError(r))

const INVALID_ARGUMENT =
  /^(ZERO_|EMPTY_|INVALID_|STAKE_AMOUNT_ZERO$|CANNOT_|ALREADY_MINTER$|INSUFFICIENT_INPUT_AMOUNT$|IDENTICAL_ADDRESSES$|DUPLICATE_DEST$|WEIGHT_OUT_OF_RANGE$|TOO_MANY_WEIGHTS$|STAKE_MISMATCH$)/

/** Maps a decoded revert to its named error class (or the generic {@link ContractRevertError}). */
export function revertToError(revert: RevertInfo): ContractRevertError {
  const code = revertCode(revert)
  const factory = REVERTS[code]
  if (factory) return factory(revert)
  if (INVALID_ARGUMENT.test(code)) return new InvalidContractArgumentError(revert)
  if (code.startsWith('ONLY_')) return new UnauthorizedCallerError(revert)
  if (revert.errorName === 'Panic' && revert.args?.[0] === 0x11n)
    return new ContractRevertError(revert, {
      hint: 'An arithmetic underflow: for swapAlphaForHetu this means selling more Alpha than was ever bought through the pool.',
    })
  return new ContractRevertError(revert)
}

/** Context that makes a decoded error more useful. */
export interface ErrorContext {
  /** SDK action name ("registerNeuron"). */
  action: string
  /** Sender, for insufficient-funds messages. */
  account?: string | undefined
  rpcUrl?: string | undefined
  /** HTTP attempts the transport makes (1 + retries), for RPC-down messages. */
  attempts?: number | undefined
}

/**
 * Turns anything a viem call throws into a {@link HetuError}: contract reverts into named errors,
 * transport failures into {@link RpcUnavailableError}, missing gas money into {@link InsufficientFundsError}.
 * HetuErrors pass through unchanged.
 */
export function toHetuError(error: unknown, context: ErrorContext): HetuError {
  if (error instanceof HetuError) return error
  const chain = causeChain(error)
  const byName = (...names: string[]) => chain.find((e) => names.includes(e.name))

  const reverted = byName('ContractFunctionRevertedError') as
    | (Error & { raw?: Hex; reason?: string; data?: { errorName?: string; args?: readonly unknown[] } })
    | undefined
  const rawData = reverted?.raw ?? findRevertData(chain)
  // A raw eth_call (no ABI: `call`, readRaw) that reverted: viem says ExecutionRevertedError, data or not.
  if (reverted || rawData || byName('ExecutionRevertedError')) {
    const info: RevertInfo =
      rawData && rawData !== '0x'
        ? decodeRevertData(rawData)
        : { reason: reverted?.reason ?? 'execution reverted without a reason' }
    const functionName = (byName('ContractFunctionExecutionError') as { functionName?: string } | undefined)
      ?.functionName
    const mapped = revertToError({ ...info, action: context.action, functionName })
    Object.defineProperty(mapped, 'cause', { value: error, enumerable: false })
    return mapped
  }
  const funds = insufficientFunds(chain)
  if (funds)
    return new InsufficientFundsError({ address: context.account ?? 'The account', ...funds, cause: error })
  if (byName('WaitForTransactionReceiptTimeoutError'))
    return new TransactionTimeoutError({ action: context.action, cause: error })
  const receiptReverted = byName('TransactionReceiptRevertedError') as
    | { receipt?: { transactionHash: string; blockNumber: bigint } }
    | undefined
  if (receiptReverted?.receipt)
    return new TransactionRevertedError({
      action: context.action,
      hash: receiptReverted.receipt.transactionHash,
      blockNumber: receiptReverted.receipt.blockNumber,
    })
  const zeroData = byName('ContractFunctionZeroDataError')
  if (zeroData)
    return new HetuError('CONTRACT_NOT_DEPLOYED', `${context.action}: the contract returned no data.`, {
      details: 'The configured address has no contract code on this chain (or at this block).',
      hint: 'Check the contract addresses for this network (contracts option, HETU_CONTRACT_* env, ~/.hetu/config.json) and that blockNumber is after the deployment.',
      docsPath: 'docs/errors.md#contract_not_deployed',
      cause: error,
    })
  const transport = byName('HttpRequestError', 'TimeoutError', 'SocketClosedError', 'WebSocketRequestError')
  if (transport) {
    const url = (transport as { url?: string }).url ?? context.rpcUrl ?? 'the RPC endpoint'
    const status = (transport as { status?: number }).status
    if (status === undefined || status >= 500 || status === 429 || transport.name !== 'HttpRequestError')
      return new RpcUnavailableError({
        rpcUrl: redactRpcUrl(url),
        // A timeout the transport gave up on says how many attempts it made.
        attempts: (transport as { attempts?: number }).attempts ?? context.attempts ?? 1 + RPC_RETRY_COUNT,
        reason: transportReason(transport),
        cause: error,
      })
    // Any other HTTP status (404, 401, 405…): a server answered, but not as a JSON-RPC node does.
    return new RpcRequestFailedError({
      reason: `${redactRpcUrl(url)} answered HTTP ${status}, not JSON-RPC`,
      cause: error,
    })
  }
  const rpc = byName('RpcRequestError', 'RpcError') as { code?: number; shortMessage?: string } | undefined
  if (rpc)
    return new RpcRequestFailedError({
      reason: rpc.shortMessage ?? 'unknown error',
      rpcCode: rpc.code,
      cause: error,
    })
  const message =
    error instanceof Error
      ? ((error as { shortMessage?: string }).shortMessage ?? error.message)
      : String(error)
  return new HetuError('UNEXPECTED', `${context.action} failed: ${message.split('\n')[0]}`, {
    hint: 'This error is not one the SDK recognizes; see `cause`.',
    cause: error,
  })
}

/** What failed on the way to the node: viem's short message and, when it says more, its details. */
function transportReason(error: Error): string {
  const { shortMessage, details } = error as { shortMessage?: string; details?: string }
  const short = shortMessage ?? error.message.split('\n')[0]!
  return details && details !== short && details.length <= 200 && !details.includes('\n')
    ? `${short.replace(/\.$/, '')}: ${details}`
    : short
}

/** Retries the HTTP transport makes before an RPC failure is reported (bounded, with backoff). */
export const RPC_RETRY_COUNT = 3

/**
 * The node refused a transaction for lack of native funds: viem's InsufficientFundsError, or the node's
 * own message on paths viem does not interpret (raw eth_sendRawTransaction[Sync]: anvil answers -32003
 * "Insufficient funds for gas * price + value", geth -32000 "insufficient funds for gas * price + value:
 * address 0x… have 1 want 2"). Returns the amounts when the message carries them.
 */
export function insufficientFunds(
  chain: readonly Error[],
): { balance?: bigint | undefined; required?: bigint | undefined } | undefined {
  let found = false
  for (const e of chain) {
    if (e.name === 'InsufficientFundsError') found = true
    const text = `${e.message} ${(e as { details?: unknown }).details ?? ''}`
    if (!/insufficient funds/i.test(text)) continue
    found = true
    const amounts = /have (\d+) want (\d+)/.exec(text)
    // geth's "want" is value + gas limit × fee cap: all of it is what the transaction needs.
    if (amounts) return { balance: BigInt(amounts[1]!), required: BigInt(amounts[2]!) }
  }
  return found ? {} : undefined
}

/** Whether anything in the error's cause chain says the sender lacks native funds. */
export function isInsufficientFunds(error: unknown): boolean {
  return insufficientFunds(causeChain(error)) !== undefined
}

function causeChain(error: unknown): Error[] {
  const chain: Error[] = []
  let current: unknown = error
  while (current instanceof Error && chain.length < 20) {
    chain.push(current)
    current = (current as { cause?: unknown }).cause
  }
  return chain
}

/** Revert data anywhere in an error's cause chain (viem keeps the node's `error.data`). */
export function revertDataOf(error: unknown): Hex | undefined {
  return findRevertData(causeChain(error))
}

/** Some nodes put revert data on the JSON-RPC error (`error.data`), not where viem decodes it. */
function findRevertData(chain: Error[]): Hex | undefined {
  for (const e of chain) {
    const data = (e as { data?: unknown }).data
    if (typeof data === 'string' && isHex(data) && data.length >= 10) return data
    if (data && typeof data === 'object' && typeof (data as { data?: unknown }).data === 'string') {
      const inner = (data as { data: string }).data
      if (isHex(inner) && inner.length >= 10) return inner
    }
  }
  return undefined
}

function panicText(code: bigint): string {
  const texts: Record<string, string> = {
    '1': 'assertion failed',
    '17': 'arithmetic underflow or overflow',
    '18': 'division by zero',
    '33': 'invalid enum value',
    '50': 'array index out of bounds',
    '65': 'out of memory',
  }
  return texts[code.toString()] ?? 'panic'
}
