import { HetuError } from '../errors.js'

/**
 * Bad input to one of the pure consensus functions (epoch maths, emission schedule, aggregation,
 * scoring). Raised before any computation, so nothing is half-done.
 */
export class ConsensusInputError extends HetuError {
  override name = 'ConsensusInputError'

  constructor(
    shortMessage: string,
    options: { details?: string; hint?: string; meta?: Record<string, unknown> } = {},
  ) {
    super('CONSENSUS_INPUT_INVALID', shortMessage, {
      ...options,
      hint:
        options.hint ??
        'Check the argument named in the message; the functions in src/consensus are pure and never fix input up.',
    })
  }
}
