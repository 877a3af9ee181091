import { isAddressLike, toChecksumAddress } from '../../protocol/address.js'
import { computeBodyHash } from '../../protocol/bodyHash.js'
import type { NonceRejection, NonceReservation } from '../../protocol/nonce.js'
import type { SchemaLike } from '../../protocol/pythonRepr.js'
import { checkMessageSignature, requestMessage } from '../../protocol/signature.js'
import { instantiateSynapse, parseRequestFields, type SynapseDefinition } from '../../protocol/synapse.js'
import { type AxonCore, callerContext, type Exchange, type Parsed, type Routed } from '../core.js'
import { AxonRejection, ForwardError } from '../rejection.js'

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
 * checksummed hotkey (401). Unsigned and empty-signature requests are refused unless allowed
 * (then: undefined, and no nonce is taken).
 */
export function verifySignature(core: AxonCore, exchange: Routed): boolean | Promise<boolean> | undefined {
  const { hotkey, nonce, uuid, signature } = exchange.headers.dendrite
  if (!signature) {
    if (exchange.route.allowUnsigned) return undefined
    throw unauthorized('unsigned', 'request is not signed')
  }
  if (!isAddressLike(hotkey)) throw unauthorized('bad_signature', 'missing or malformed dendrite hotkey')
  if (nonce === undefined) throw unauthorized('bad_nonce', 'Missing Nonce')
  if (uuid === undefined || !UUID.test(uuid)) throw unauthorized('bad_signature', 'missing or malformed uuid')
  const bodyHash = exchange.headers.computedBodyHash
  if (bodyHash === undefined || !BODY_HASH.test(bodyHash))
    throw unauthorized('bad_signature', 'missing or malformed computed_body_hash')

  const key = `${hotkey.toLowerCase()}:${uuid}`
  const early = core.nonces.check(key, nonce)
  if (early) throw unauthorized('bad_nonce', nonceMessages[early])
  exchange.nonceKey = key
  const message = requestMessage({
    nonce,
    dendriteHotkey: hotkey,
    axonHotkey: core.signer.address,
    uuid,
    bodyHash,
  })
  // Synchronous on the native backend; a promise with the pure-JS one.
  return checkMessageSignature(message, signature, hotkey)
}

export function acceptSignature(valid: boolean | undefined): void {
  if (valid === false) throw unauthorized('bad_signature', 'signature does not match the dendrite hotkey')
}

/**
 * After the signature checked out (so strangers cannot burn nonces): take the nonce, checked again
 * (another request, or another axon sharing the store, may have used it).
 */
export function reserveNonce(
  core: AxonCore,
  exchange: Routed,
): NonceReservation | NonceRejection | Promise<NonceReservation | NonceRejection> | undefined {
  const key = exchange.nonceKey
  return key === undefined ? undefined : core.nonces.reserve(key, exchange.headers.dendrite.nonce!)
}

export function takeNonce(
  exchange: Routed,
  reservation: NonceReservation | NonceRejection | undefined,
): void {
  if (reservation === undefined) return
  if (typeof reservation === 'string') throw unauthorized('bad_nonce', nonceMessages[reservation])
  exchange.reservation = reservation
  exchange.caller = toChecksumAddress(exchange.headers.dendrite.hotkey!)
  exchange.verified = true
}

/** A store that cannot answer refuses the request (503). */
export function nonceStoreFailure(core: AxonCore, error: unknown): AxonRejection {
  if (error instanceof AxonRejection) return error
  core.logger.warn({ error: String(error) }, 'axon nonce store failed')
  return new AxonRejection(503, 'nonce_store', 'Service unavailable: replay protection store unreachable')
}

/**
 * Stage 4b, once the body is read (size limit, slow-body timeout): parses and validates the request
 * fields (400) and recomputes the body hash the signature covers (401).
 */
export function acceptBody(exchange: Routed, raw: Buffer): void {
  const { route, headers } = exchange
  const definition = route.definition
  const values = parseRequestBody(definition, raw)
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
}

/** The request fields of a JSON body, validated against the request schema (400). */
export function parseRequestBody(
  definition: SynapseDefinition,
  raw: Buffer | string,
): Record<string, unknown> {
  let parsed: unknown
  try {
    parsed = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'))
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
  try {
    return parseRequestFields(definition, fields) as Record<string, unknown>
  } catch (error) {
    const details = (error as { details?: string }).details ?? ''
    throw new AxonRejection(
      400,
      'bad_body',
      `Bad request: fields do not match ${definition.name}: ${details}`,
    )
  }
}

/** Stage 4c: the synapse's own `verify` hook (401), when it has one. */
export function runVerifyHook(exchange: Parsed): void | Promise<void> {
  return exchange.route.verify?.(exchange.synapse, callerContext(exchange))
}

/** A failed verify hook: 401, or the status a ForwardError chose (e.g. 429 for a caller over its rate). */
export function verifyFailure(core: AxonCore, exchange: Exchange, error: unknown): unknown {
  exchange.synapse = undefined
  let rejection: AxonRejection
  if (error instanceof ForwardError)
    rejection = new AxonRejection(
      error.status,
      error.status === 429 ? 'rate_limited' : 'verify_failed',
      error.message,
    )
  else {
    const message = error instanceof Error ? error.message : 'rejected'
    rejection = new AxonRejection(401, 'verify_failed', `Not Verified with error: ${message}`)
  }
  return releaseNonce(core, exchange, rejection)
}

/**
 * A request that fails after its signature gives its nonce back (unlike the Python axon), except
 * when its verify hook refused it.
 */
export function releaseNonce(core: AxonCore, exchange: Exchange, error: unknown): unknown {
  if (exchange.reservation && (error as AxonRejection).reason !== 'verify_failed')
    core.nonces.release(exchange.reservation)
  return error
}
