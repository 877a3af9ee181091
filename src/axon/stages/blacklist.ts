import type { AxonCore, Exchange } from '../core.js'
import { AxonRejection } from '../rejection.js'

/** Stage 3: the synapse's blacklist, from headers alone (403). The body has not been read. */
export function checkBlacklist(_core: AxonCore, exchange: Exchange): void | Promise<void> {
  if (exchange.route!.blacklist) return askBlacklist(exchange)
}

async function askBlacklist(exchange: Exchange): Promise<void> {
  const route = exchange.route!
  const dendrite = exchange.headers!.dendrite
  let verdict: Awaited<ReturnType<NonNullable<typeof route.blacklist>>>
  try {
    verdict = await route.blacklist!({
      synapse: route.definition.name,
      hotkey: dendrite.hotkey,
      ip: exchange.req.socket.remoteAddress,
      dendrite,
    })
  } catch {
    // A failing blacklist must fail closed.
    throw new AxonRejection(403, 'blacklisted', 'Forbidden: blacklist check failed')
  }
  const [blacklisted, reason] = typeof verdict === 'boolean' ? [verdict, undefined] : verdict
  if (blacklisted)
    throw new AxonRejection(
      403,
      'blacklisted',
      `Forbidden. Key is blacklisted: ${reason ?? 'no reason given'}.`,
    )
}
