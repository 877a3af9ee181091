import type { Routed } from '../core.js'
import { AxonRejection } from '../rejection.js'
import type { BlacklistFn, BlacklistResult } from '../types.js'

/**
 * Stage 3, from headers alone (403); the body has not been read. The axon's own blacklist (who may
 * call at all, e.g. a Miner's registered validators) runs first, then the synapse's.
 */
export function askBlacklist(
  blacklist: BlacklistFn | undefined,
  exchange: Routed,
): BlacklistResult | Promise<BlacklistResult> {
  if (!blacklist) return false
  const dendrite = exchange.headers.dendrite
  return blacklist({
    synapse: exchange.route.definition.name,
    hotkey: dendrite.hotkey,
    ip: exchange.req.socket.remoteAddress,
    dendrite,
  })
}

/** A blacklist's verdict: true (or [true, reason]) refuses with 403. */
export function judge(verdict: BlacklistResult): void {
  if (verdict === false || (verdict !== true && !verdict[0])) return
  const reason = verdict === true ? undefined : verdict[1]
  throw new AxonRejection(
    403,
    'blacklisted',
    `Forbidden. Key is blacklisted: ${reason ?? 'no reason given'}.`,
  )
}

/** A failing blacklist fails closed (its own verdict's refusal stays as it is). */
export function failedClosed(error: unknown): AxonRejection {
  if (error instanceof AxonRejection) return error
  return new AxonRejection(403, 'blacklisted', 'Forbidden: blacklist check failed')
}
