import type { AxonCore, Exchange } from '../core.js'
import { AxonRejection } from '../rejection.js'
import type { BlacklistFn, BlacklistResult } from '../types.js'

/**
 * Stage 3, from headers alone (403); the body has not been read. The axon's own blacklist (who may
 * call at all, e.g. a Miner's registered validators) runs first, then the synapse's. Synchronous
 * verdicts stay synchronous: an admitted caller costs no promise.
 */
export function checkBlacklist(core: AxonCore, exchange: Exchange): void | Promise<void> {
  const route = exchange.route!
  if (core.blacklist) {
    const first = ask(core.blacklist, exchange)
    if (first instanceof Promise)
      return first.then(() => {
        if (route.blacklist) return ask(route.blacklist, exchange)
      })
  }
  if (route.blacklist) return ask(route.blacklist, exchange)
}

function ask(blacklist: BlacklistFn, exchange: Exchange): void | Promise<void> {
  const dendrite = exchange.headers!.dendrite
  let verdict: BlacklistResult | Promise<BlacklistResult>
  try {
    verdict = blacklist({
      synapse: exchange.route!.definition.name,
      hotkey: dendrite.hotkey,
      ip: exchange.req.socket.remoteAddress,
      dendrite,
    })
  } catch {
    throw failedClosed()
  }
  if (verdict instanceof Promise) return verdict.then(judge, () => Promise.reject(failedClosed()))
  judge(verdict)
}

// A failing blacklist must fail closed.
function failedClosed(): AxonRejection {
  return new AxonRejection(403, 'blacklisted', 'Forbidden: blacklist check failed')
}

function judge(verdict: BlacklistResult): void {
  const [blacklisted, reason] = typeof verdict === 'boolean' ? [verdict, undefined] : verdict
  if (blacklisted)
    throw new AxonRejection(
      403,
      'blacklisted',
      `Forbidden. Key is blacklisted: ${reason ?? 'no reason given'}.`,
    )
}
