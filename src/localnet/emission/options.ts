import {
  ConsensusInputError,
  DEFAULT_EMISSION_PARAMS,
  type DividendsMode,
  type EmissionParams,
  type PayoutMode,
  resolveEpochParams,
  type YumaEpochParams,
} from '../../consensus/index.js'
import type { Logger } from '../../logging/index.js'
import type { LocalnetRules } from '../rules.js'
import { EmissionOptionsError } from './errors.js'

/**
 * How the localnet plays the chain's part (docs/emission.md): emission, pool injection, epochs and payouts.
 */
export interface EmissionOptions {
  /** Overrides every subnet's tempo (epoch every tempo + 1 blocks), e.g. 9 for quick local epochs. */
  tempo?: number
  /** Seconds between blocks (fractions allowed); default 1. The module mines the blocks itself. */
  blockTime?: number
  /** No timer: blocks are mined only by `emission.mine()` (tests, step-by-step demos). */
  manual?: boolean
  /**
   * `'conserving'`: each epoch pays exactly the pending Alpha, so total minted Alpha follows the
   * schedule. `'chain'`: the chain's rule, which can mint up to 1.5 × pending. Default: the localnet's
   * rule set decides ({@link emissionRuleDefaults}: `'chain'` under `public`), else `'conserving'`.
   */
  payout?: PayoutMode
  /**
   * `'bondHolder'` (Yuma): validators earn dividends through stake-weighted bonds on the neurons they
   * rated well, so in proportion to their stake. `'receiver'`: the chain's rule, which credits
   * dividends to the weighted neurons. Default: the localnet's rule set decides
   * ({@link emissionRuleDefaults}: `'receiver'` under `public`), else `'bondHolder'`.
   */
  dividends?: DividendsMode
  /** The chain's blockinflation parameters (genesis defaults otherwise). */
  params?: Partial<EmissionParams>
  /**
   * Epoch parameters forced on every subnet, over those the chain derives from its hyperparameters
   * (`epochParamsFromHyperparams`). E.g. `{ rho: 0.5 }`: the contract's rho (1..1000, read as
   * rho/10000) makes incentives nearly flat.
   */
  epoch?: Partial<YumaEpochParams>
  /** Where warnings and errors go (default: `createLogger({ name: 'hetu:emission' })`, stderr). */
  logger?: Logger
}

/** {@link EmissionOptions} with defaults filled in and checked. */
export interface ResolvedEmissionOptions {
  tempo: number | undefined
  blockTimeMs: number
  manual: boolean
  payout: PayoutMode
  dividends: DividendsMode
  params: EmissionParams
  epoch: Partial<YumaEpochParams>
}

/** What a running localnet reports about its emission (part of `LocalnetInfo`). */
export interface EmissionInfo {
  /** Seconds between blocks, or null when blocks are mined only on request. */
  blockTime: number | null
  tempo: number | null
  payout: PayoutMode
  dividends: DividendsMode
}

/**
 * The payout and dividends a localnet with `rules` uses unless told otherwise: the chain's own under
 * `public` (what the public chain pays), conserving payouts and stake-proportional dividends under
 * `fixed`.
 */
export function emissionRuleDefaults(rules: LocalnetRules): { payout: PayoutMode; dividends: DividendsMode } {
  return rules === 'public'
    ? { payout: 'chain', dividends: 'receiver' }
    : { payout: 'conserving', dividends: 'bondHolder' }
}

export function resolveEmissionOptions(options: EmissionOptions = {}): ResolvedEmissionOptions {
  const { tempo, blockTime = 1, manual = false, payout = 'conserving', dividends = 'bondHolder' } = options
  if (tempo !== undefined && (!Number.isInteger(tempo) || tempo < 0 || tempo > 0xffff))
    throw new EmissionOptionsError('tempo must be an integer in 0..65535.', `tempo = ${tempo}`)
  if (typeof blockTime !== 'number' || !Number.isFinite(blockTime) || blockTime <= 0 || blockTime > 3600)
    throw new EmissionOptionsError(
      'blockTime must be a number of seconds in (0, 3600].',
      `blockTime = ${blockTime}`,
    )
  if (payout !== 'conserving' && payout !== 'chain')
    throw new EmissionOptionsError('payout must be "conserving" or "chain".', `payout = ${String(payout)}`)
  if (dividends !== 'bondHolder' && dividends !== 'receiver')
    throw new EmissionOptionsError(
      'dividends must be "bondHolder" or "receiver".',
      `dividends = ${String(dividends)}`,
    )
  const epoch = { ...options.epoch }
  try {
    resolveEpochParams(epoch)
  } catch (err) {
    if (err instanceof ConsensusInputError)
      throw new EmissionOptionsError(`epoch: ${err.shortMessage}`, err.details)
    throw err
  }
  return {
    tempo,
    blockTimeMs: Math.round(blockTime * 1000),
    manual,
    payout,
    dividends,
    params: { ...DEFAULT_EMISSION_PARAMS, ...options.params },
    epoch,
  }
}

export function emissionInfo(resolved: ResolvedEmissionOptions): EmissionInfo {
  return {
    blockTime: resolved.manual ? null : resolved.blockTimeMs / 1000,
    tempo: resolved.tempo ?? null,
    payout: resolved.payout,
    dividends: resolved.dividends,
  }
}
