import { HetuError } from '../errors.js'

/**
 * Which behaviour the localnet's contracts (and, with emission on, its chain part) follow:
 * - `'public'` (default): as the public Hetu chain, quirks included (anyone may squat a pool or set a
 *   neuron's stake, stake can leave a registered neuron, registration allocates for tx.origin, …), so a
 *   rehearsal on the localnet meets what the real chain does. Emission pays by the chain's rules.
 * - `'fixed'`: our fixes of those quirks (contracts/README.md lists each difference), plus
 *   stake-proportional validator dividends and a payout that follows the emission schedule.
 */
export type LocalnetRules = 'public' | 'fixed'

/** The rule set a localnet gets when none is given: the public chain's. */
export const DEFAULT_LOCALNET_RULES: LocalnetRules = 'public'

/** A rule set name other than `public` or `fixed` (raised before anything starts). */
export class LocalnetRulesError extends HetuError {
  override name = 'LocalnetRulesError'
  constructor(value: unknown) {
    super('LOCALNET_RULES_INVALID', `Unknown localnet rule set ${JSON.stringify(value) ?? String(value)}.`, {
      details: `rules = ${String(value)}`,
      hint: 'Use "public" (the default: behaves like the public Hetu chain, quirks included) or "fixed" (our fixes of those quirks; see contracts/README.md).',
      meta: { rules: value },
    })
  }
}

/** `value`, checked; the default when undefined. */
export function resolveLocalnetRules(value: unknown): LocalnetRules {
  if (value === undefined) return DEFAULT_LOCALNET_RULES
  if (value === 'public' || value === 'fixed') return value
  throw new LocalnetRulesError(value)
}
