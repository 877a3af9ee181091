import { isAddressLike, toChecksumAddress } from '../../protocol/address.js'
import { computeBodyHash } from '../../protocol/bodyHash.js'
import type { NonceRejection, NonceReservation } from '../../protocol/nonce.js'
import type { SchemaLike } from '../../protocol/pythonRepr.js'
import { checkMessageSignature, requestMessage } from '../../protocol/signature.js'
import { instantiateSynapse, parseRequestFields, type SynapseBase } from '../../protocol/synapse.js'
import type { AxonCore, Exchange } from '../core.js'
import { AxonRejection, ForwardError } from '../rejection.js'
import type { CallerContext } from '../types.js'

const UUID = /^[A-Za-z0-9-]{1,64}$/
const BODY_HASH = /^[0-9a-f]{64}$/

const nonceMessages: Record<NonceRejection, string> = {
  stale: 'Nonce is too old',
  future: 'Nonce is in the future',
  replayed: 'Nonce is too old, a newer one was last processed',
}

function unauthorized(reason: 'unsigned' | 'bad_signature' | 'bad_nonce', message: string) {
  return new AxonRejection(401, reason, `Not Verified with error: ${message}`)
}

/**
 * Stage 4a, headers only: the dendrite's hotkey, uuid, nonce (fresh, above the last one of this
 * hotkey+uuid) and EIP-191 signature over `nonce.dendrite.axon.uuid.bodyHash` with our own
 * checksummed hotkey (401). Unsigned and empty-signature requests are refused unless allowed.
 * Takes the nonce only after the signature checked out, so strangers cannot burn nonces.
 */
export function verifySignature(core: AxonCore, exchange: Exchange): void | Promise<void> {
  const route = exchange.route!
  const headers = exchange.headers!
  const { hotkey, nonce, uuid, signature } = headers.dendrite
  if (!signature) {
    if (route.allowUnsigned) return
    throw unauthorized('unsigned', 'request is not signed')
  }
  if (!isAddressLike(hotkey)) throw unauthorized('bad_signature', 'missing or malformed dendrite hotkey')
  if (nonce === undefined) throw unauthorized('bad_nonce', 'Missing Nonce')
  if (uuid === undefined || !UUID.test(uuid)) throw unauthorized('bad_signature', 'missing or malformed uuid')
  const bodyHash = headers.computedBodyHash
  if (bodyHash === undefined || !BODY_HASH.test(bodyHash))
    throw unauthorized('bad_signature', 'missing or malformed computed_body_hash')

  const key = `${hotkey.toLowerCase()}:${uuid}`
  const early = core.nonces.check(key, nonce)
  if (early) throw unauthorized('bad_nonce', nonceMessages[early])

  const message = requestMessage({
    nonce,
    dendriteHotkey: hotkey,
    axonHotkey: core.signer.address,
    uuid,
    bodyHash,
  })
  // Synchronous on the native backend; a promise with the pure-JS one.
  const valid = checkMessageSignature(message, signature, hotkey)
  if (valid instanceof Promise)
    return valid.then((holds) => acceptSignature(core, exchange, holds, key, nonce, hotkey))
  return acceptSignature(core, exchange, valid, key, nonce, hotkey)
}

/**
 * After the signature check: take the nonce (checked again: another request, or another axon
 * sharing the store, may have used it). A store that cannot answer refuses the request (503).
 */
function acceptSignature(
  core: AxonCore,
  exchange: Exchange,
  valid: boolean,
  key: string,
  nonce: bigint,
  hotkey: string,
): void | Promise<void> {
  if (!valid) throw unauthorized('bad_signature', 'signature does not match the dendrite hotkey')
  const reservation = core.nonces.reserve(key, nonce)
  if (!(reservation instanceof Promise)) return takeNonce(exchange, reservation, hotkey)
  return reservation.then(
    (taken) => takeNonce(exchange, taken, hotkey),
    (error: unknown) => {
      core.logger.warn({ error: String(error) }, 'axon nonce store failed')
      throw new AxonRejection(503, 'nonce_store', 'Service unavailable: replay protection store unreachable')
    },
  )
}

function takeNonce(exchange: Exchange, reservation: NonceReservation | NonceRejection, hotkey: string): void {
  if (typeof reservation === 'string') throw unauthorized('bad_nonce', nonceMessages[reservation])
  exchange.reservation = reservation
  exchange.caller = toChecksumAddress(hotkey)
  exchange.verified = true
}

/**
 * Stage 4b: reads the body (size limit, slow-body timeout), parses and validates the request
 * fields (400), recomputes the body hash the signature covers (401) and runs the synapse's own
 * `verify` (401). A failure here gives the nonce back, unlike the Python axon.
 */
export function readVerifiedBody(core: AxonCore, exchange: Exchange): void | Promise<void> {
  let pending: void | Promise<void>
  try {
    const raw = core.bodies.read(exchange.req)
    pending =
      raw instanceof Promise ? raw.then((body) => acceptBody(exchange, body)) : acceptBody(exchange, raw)
  } catch (error) {
    return releaseNonce(core, exchange, error)
  }
  if (pending) return pending.catch((error: unknown) => releaseNonce(core, exchange, error))
}

/** Gives the nonce back when the request fails after the signature (except a failed verify hook). */
function releaseNonce(core: AxonCore, exchange: Exchange, error: unknown): never {
  if (exchange.reservation && (error as AxonRejection).reason !== 'verify_failed')
    core.nonces.release(exchange.reservation)
  throw error
}

function acceptBody(exchange: Exchange, raw: Buffer): void | Promise<void> {
  const route = exchange.route!
  const definition = route.definition
  let parsed: unknown
  try {
    parsed = JSON.parse(raw.toString('utf8'))
  } catch {
    throw new AxonRejection(400, 'bad_body', 'Bad request: body is not valid JSON')
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new AxonRejection(400, 'bad_body', 'Bad request: body is not a JSON object')
  const fields: Record<string, unknown> = {}
  for (const field of definition.requestFields) {
    const value = (parsed as Record<string, unknown>)[field]
    if (value !== undefined) fields[field] = value
  }
  let values: Record<string, unknown>
  try {
    values = parseRequestFields(definition, fields) as Record<string, unknown>
  } catch (error) {
    const details = (error as { details?: string }).details ?? ''
    throw new AxonRejection(
      400,
      'bad_body',
      `Bad request: fields do not match ${definition.name}: ${details}`,
    )
  }
  const headers = exchange.headers!
  const sentHash = headers.computedBodyHash
  if (exchange.verified || sentHash !== undefined) {
    const bodyHash = computeBodyHash(
      values,
      definition.hashFields,
      definition.request.shape as Record<string, SchemaLike>,
    )
    if (bodyHash !== sentHash)
      throw new AxonRejection(401, 'body_hash_mismatch', 'Not Verified with error: body hash mismatch')
  }
  const synapse = instantiateSynapse(route.synapseClass, values)
  synapse.timeoutMs = headers.timeout === undefined ? undefined : headers.timeout * 1000
  synapse.dendrite = { ...headers.dendrite }
  synapse.computedBodyHash = sentHash
  exchange.synapse = synapse
  exchange.requestValues = values
  if (route.verify) return runVerifyHook(exchange, synapse)
}

async function runVerifyHook(exchange: Exchange, synapse: SynapseBase): Promise<void> {
  try {
    await exchange.route!.verify!(synapse, callerContext(exchange))
  } catch (error) {
    exchange.synapse = undefined
    // A hook that chose its answer (e.g. 429 for a caller over its rate) gets it.
    if (error instanceof ForwardError)
      throw new AxonRejection(
        error.status,
        error.status === 429 ? 'rate_limited' : 'verify_failed',
        error.message,
      )
    const message = error instanceof Error ? error.message : 'rejected'
    throw new AxonRejection(401, 'verify_failed', `Not Verified with error: ${message}`)
  }
}

/** The verified caller, as priority/verify/forward functions see it. */
export function callerContext(exchange: Exchange): CallerContext {
  return {
    // Lazy: most handlers never look at the signal, so most requests never make one.
    get signal() {
      return exchange.signal
    },
    hotkey: exchange.caller,
    ip: exchange.req.socket.remoteAddress,
  }
}
