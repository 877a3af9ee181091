import { HetuError } from '../../errors.js'

/** An emission option of the localnet is out of range (raised before anything starts). */
export class EmissionOptionsError extends HetuError {
  override name = 'EmissionOptionsError'
  constructor(shortMessage: string, details?: string) {
    super('EMISSION_OPTIONS_INVALID', shortMessage, {
      ...(details !== undefined && { details }),
      hint: 'See EmissionOptions: tempo is a uint16, blockTime a positive number of seconds, payout "conserving" | "chain", dividends "bondHolder" | "receiver".',
    })
  }
}

/** The emission module was stopped while something waited for one of its results. */
export class EmissionStoppedError extends HetuError {
  override name = 'EmissionStoppedError'
  constructor() {
    super('EMISSION_STOPPED', 'The localnet emission module has stopped.', {
      hint: 'Wait for results before calling stop(), or catch this error in code that outlives the localnet.',
    })
  }
}

/** One block could not be processed; logged and emitted as an `error` event, never thrown to the loop. */
export class EmissionBlockError extends HetuError {
  override name = 'EmissionBlockError'
  constructor(block: bigint, step: string, cause: unknown, hint?: string) {
    super('EMISSION_BLOCK_FAILED', `Emission of block ${block} failed while ${step}.`, {
      details: cause instanceof Error ? cause.message : String(cause),
      cause,
      hint:
        hint ??
        'The module retries the block on its next tick and, if that keeps failing, mines it without emission; the localnet keeps running.',
      meta: { block, step },
    })
  }
}
