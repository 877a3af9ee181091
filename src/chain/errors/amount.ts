import { HetuError } from '../../errors.js'

/** A HETU amount string/number that cannot be converted to wei exactly. */
export class InvalidAmountError extends HetuError {
  override name = 'InvalidAmountError'
  constructor(value: string, reason: string) {
    super('INVALID_AMOUNT', `Invalid HETU amount "${value.slice(0, 64)}": ${reason}.`, {
      hint: 'Pass a decimal string like "1.5" to parseHetu, or a bigint amount in wei.',
      docsPath: 'docs/errors.md#invalid_amount',
      meta: { value: value.slice(0, 64) },
    })
  }
}

/** A parameter the SDK checks before touching the chain (netuid range, port range, weights…). */
export class InvalidArgumentError extends HetuError {
  override name = 'InvalidArgumentError'
  constructor(argument: string, reason: string, options: { hint?: string; cause?: unknown } = {}) {
    super('INVALID_ARGUMENT', `Invalid ${argument}: ${reason}.`, {
      hint: options.hint ?? `Check the value passed as ${argument}.`,
      docsPath: 'docs/errors.md#invalid_argument',
      cause: options.cause,
      meta: { argument },
    })
  }
}
