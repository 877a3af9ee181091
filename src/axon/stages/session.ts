import { toChecksumAddress } from '../../protocol/address.js'
import { headerNames, parseFloatHeader } from '../../protocol/headers.js'
import {
  acceptHash,
  acceptMessage,
  answerMac,
  deriveSessionKeys,
  ephemeralKey,
  initHash,
  initMessage,
  macEquals,
  parseInit,
  parseSessionRequestHeader,
  randomHex,
  refusalMessage,
  requestMac,
  SESSION_VERSION,
  type SessionAccept,
  type SessionRefusal,
  sessionHeaderNames,
} from '../../protocol/session.js'
import { checkMessageSignature } from '../../protocol/signature.js'
import { signMessageNow } from '../../protocol/signer.js'
import { instantiateSynapse } from '../../protocol/synapse.js'
import { processTime } from '../answer.js'
import type { Answered, AxonCore, Exchange, Routed } from '../core.js'
import { AxonRejection } from '../rejection.js'
import { addressBucket, type ServerSession, type SessionTable } from '../sessions.js'
import { judge } from './blacklist.js'
import { parseRequestBody } from './verify.js'

/** Largest handshake body: the init is ~450 bytes of JSON. */
const MAX_INIT_BYTES = 4096

const refusedHandshake = (message: string) =>
  new AxonRejection(401, 'bad_handshake', `Not Verified with error: session handshake ${message}`)

/**
 * `POST /hetu-session`: checks the dendrite's signed init (fresh, for our hotkey, not seen before,
 * not blacklisted, signed by the hotkey it claims), then answers a new session signed by our hotkey
 * over a hash that covers the init. Cheapest checks first: the signature is checked last, our own
 * signature made only for a handshake that passed everything.
 */
export async function serveHandshake(core: AxonCore, exchange: Exchange, table: SessionTable): Promise<void> {
  const { req, res } = exchange
  if (core.stopping) throw new AxonRejection(503, 'stopping', 'Service unavailable: axon is stopping')
  if (req.method !== 'POST')
    throw new AxonRejection(405, 'method_not_allowed', 'Method not allowed: use POST')
  const declared = req.headers['content-length']
  if (declared !== undefined && Number(declared) > MAX_INIT_BYTES)
    throw new AxonRejection(413, 'too_large', `Payload too large: over ${MAX_INIT_BYTES} bytes`)
  const raw = await core.bodies.read(req)
  if (raw.length > MAX_INIT_BYTES)
    throw new AxonRejection(413, 'too_large', `Payload too large: over ${MAX_INIT_BYTES} bytes`)
  let init: ReturnType<typeof parseInit>
  try {
    init = parseInit(raw.toString('utf8'))
  } catch (error) {
    throw new AxonRejection(
      400,
      'bad_handshake',
      `Bad request: ${(error as { shortMessage: string }).shortMessage}`,
    )
  }
  if (init.axon.toLowerCase() !== core.signer.addressLower)
    throw refusedHandshake('is for another axon hotkey')
  const now = Date.now()
  if (init.timestamp < now - core.sessionWindow.maxAgeMs) throw refusedHandshake('is too old')
  if (init.timestamp > now + core.sessionWindow.maxFutureMs) throw refusedHandshake('is in the future')
  const hash = initHash(init)
  if (table.seen(hash, now)) throw refusedHandshake('was replayed')
  if (core.blacklist) {
    let verdict: Awaited<ReturnType<typeof core.blacklist>>
    try {
      verdict = await core.blacklist({
        synapse: 'hetu-session',
        hotkey: init.dendrite,
        ip: req.socket.remoteAddress,
        dendrite: { hotkey: init.dendrite },
      })
    } catch {
      throw new AxonRejection(403, 'blacklisted', 'Forbidden: blacklist check failed')
    }
    judge(verdict)
  }
  const ip = addressBucket(req.socket.remoteAddress)
  if (table.addressFull(ip, now))
    throw new AxonRejection(
      503,
      'sessions_full',
      `Service unavailable: this address holds its ${table.limits.maxPerIp} sessions; send signed requests`,
    )
  if (!table.hasRoom(init.dendrite, ip, now))
    throw new AxonRejection(
      503,
      'sessions_full',
      'Service unavailable: session table full; send signed requests',
    )
  if ((await checkMessageSignature(initMessage(hash), init.signature, init.dendrite)) !== true)
    throw refusedHandshake('signature does not match the dendrite hotkey')
  table.remember(hash, init.timestamp)
  const hotkey = toChecksumAddress(init.dendrite)
  exchange.caller = hotkey

  const own = ephemeralKey()
  const { limits } = table
  const accept: Omit<SessionAccept, 'signature'> = {
    version: SESSION_VERSION,
    session: randomHex(16),
    nonce: randomHex(32),
    key: own.publicHex,
    lifetimeMs: limits.lifetimeMs,
    maxRequests: limits.maxRequests,
    maxLanes: limits.maxLanes,
  }
  const transcript = acceptHash(hash, core.signer.address, accept)
  let keys: ReturnType<typeof deriveSessionKeys>
  try {
    keys = deriveSessionKeys(own.privateKey, init.key, init.nonce, accept.nonce, transcript)
  } catch {
    throw new AxonRejection(400, 'bad_handshake', 'Bad request: unusable session key')
  }
  const signature = await signMessageNow(core.signer, acceptMessage(transcript))
  const session: ServerSession = {
    id: accept.session,
    hotkey,
    ip,
    keys,
    expiresAt: Date.now() + limits.lifetimeMs,
    maxRequests: limits.maxRequests,
    requests: 0,
    counters: new Float64Array(limits.maxLanes),
  }
  if (!table.add(session))
    throw new AxonRejection(
      503,
      'sessions_full',
      'Service unavailable: session table full; send signed requests',
    )
  const body = JSON.stringify({ ...accept, signature })
  if (res.destroyed) return
  res
    .writeHead(200, ['content-type', 'application/json', 'content-length', String(Buffer.byteLength(body))])
    .end(body)
}

const refusalMessages: Record<SessionRefusal, string> = {
  unknown: 'unknown session',
  expired: 'session expired',
  counter: 'counter not above the last one of its lane',
  lane: 'lane out of range',
}

/** A refusal of the session itself: 401 with the reason in `hetu-session-refused` (not MAC'd). */
export function sessionRefused(refusal: SessionRefusal): AxonRejection {
  return new AxonRejection(
    401,
    refusal === 'counter' ? 'bad_counter' : 'session_refused',
    `Not Verified with error: ${refusalMessages[refusal]}`,
    refusal,
  )
}

/**
 * Session lane, stage 2 (instead of the signed headers): the session, its lane, the counter and the
 * MAC from the `hetu-session` header; the caller is the session's hotkey. Nothing is taken yet: the
 * counter is committed once the MAC over the body checks out.
 */
export function readSessionHeaders(core: AxonCore, exchange: Routed): void {
  const headers = exchange.req.headers
  // Checked here, before the body is read: only the MAC's value is left for after.
  const sent = parseSessionRequestHeader(headers[sessionHeaderNames.session])
  if (!sent)
    throw new AxonRejection(
      400,
      'bad_headers',
      'Bad request: malformed hetu-session header (one header, "{session id} {lane} {counter} {MAC}": ' +
        'lower-case hex, decimals without leading zeros)',
    )
  let timeout: number | undefined
  try {
    timeout = parseFloatHeader(headers, headerNames.timeout)
  } catch {
    throw new AxonRejection(400, 'bad_headers', 'Bad request: malformed timeout')
  }
  if (timeout !== undefined && !(timeout >= 0 && Number.isFinite(timeout)))
    throw new AxonRejection(400, 'bad_headers', 'Bad request: malformed timeout')
  const { id, lane, counter } = sent
  // Kept before the lookup: an `unknown` or `expired` refusal is signed over them.
  exchange.sessionId = id
  exchange.lane = lane
  exchange.counter = counter
  exchange.sentMac = sent.mac
  const found = core.sessions ? core.sessions.lookup(id) : 'unknown'
  if (typeof found === 'string') throw sessionRefused(found)
  if (lane >= found.counters.length) throw sessionRefused('lane')
  if (counter <= found.counters[lane]!) throw sessionRefused('counter')
  exchange.session = found
  exchange.caller = found.hotkey
  const mutable = exchange as Exchange
  mutable.headers = {
    name: exchange.route.definition.name,
    timeout,
    computedBodyHash: undefined,
    dendrite: { hotkey: found.hotkey, uuid: `${found.id}-${lane}` },
    axon: {},
  }
}

/**
 * Session lane, stage 4: the MAC over the body (before it is parsed), then the counter taken
 * (strictly above its lane's last, checked again: another request of the lane may have passed
 * while this body arrived), then the fields parsed and validated like the signed lane's. The MAC is
 * checked over the body's text, decoded once for both: a body that is not UTF-8 (as JSON must be)
 * decodes to other bytes and fails it.
 */
export function acceptSessionBody(exchange: Routed, raw: Buffer): void {
  const session = exchange.session!
  const { lane, counter, req } = exchange
  const timeout = req.headers[headerNames.timeout]
  const text = raw.toString('utf8')
  const expected = requestMac(
    session.keys.requestKey,
    lane,
    counter,
    exchange.route.definition.name,
    typeof timeout === 'string' ? timeout : '',
    text,
  )
  if (!macEquals(exchange.sentMac, expected))
    throw new AxonRejection(401, 'bad_mac', 'Not Verified with error: request MAC does not match')
  if (counter <= session.counters[lane]!) throw sessionRefused('counter')
  if (session.requests >= session.maxRequests) throw sessionRefused('expired')
  session.counters[lane] = counter
  session.requests++
  exchange.macVerified = true
  const values = parseRequestBody(exchange.route.definition, text)
  const synapse = instantiateSynapse(exchange.route.synapseClass, values)
  const { headers } = exchange
  synapse.timeoutMs = headers.timeout === undefined ? undefined : headers.timeout * 1000
  synapse.dendrite = { ...headers.dendrite, ip: req.socket.remoteAddress }
  exchange.synapse = synapse
  exchange.requestValues = values
}

const PROCESS_TIME = `${headerNames.axonPrefix}process_time`

/** Session lane, stage 7: the response fields as JSON, MAC'd with the answer key. */
export function sendSessionAnswer(core: AxonCore, exchange: Answered): void {
  const { res } = exchange
  if (res.destroyed) return
  const body = JSON.stringify(exchange.responseValues)
  const mac = answerMac(exchange.session!.keys.answerKey, exchange.lane, exchange.counter, 200, body)
  const list = [
    'content-type',
    'application/json',
    'content-length',
    String(Buffer.byteLength(body)),
    sessionHeaderNames.mac,
    mac,
    PROCESS_TIME,
    // Seconds; no Python peer reads this lane, so no Python float repr (its cost showed in profiles).
    processTime(exchange).toFixed(6),
  ]
  if (core.stopping) list.push('connection', 'close')
  res.writeHead(200, list).end(body)
}

/** The MAC header of an error answer on a session whose request MAC checked out. */
export function sessionErrorMac(exchange: Exchange, status: number, body: string): string | undefined {
  if (!exchange.macVerified || !exchange.session) return undefined
  return answerMac(exchange.session.keys.answerKey, exchange.lane, exchange.counter, status, body)
}

/** Refusal signatures per second an axon makes at most (a burst of twice that): each is a secp256k1 signature. */
const REFUSAL_SIGNATURES_PER_SECOND = 128

/**
 * The signature of an `unknown` or `expired` refusal ({@link refusalMessage}), so the dendrite can
 * tell it from one forged on the path and send the request again. Rate-limited: past the budget
 * (someone sending made-up session ids) the refusal goes unsigned and the dendrite does not retry.
 */
export function refusalSignature(
  core: AxonCore,
  exchange: Exchange,
  refused: SessionRefusal,
): Promise<string> | undefined {
  if ((refused !== 'unknown' && refused !== 'expired') || exchange.sessionId === undefined) return undefined
  const budget = core.refusalBudget
  const now = performance.now()
  budget.tokens = Math.min(
    2 * REFUSAL_SIGNATURES_PER_SECOND,
    budget.tokens + ((now - budget.at) / 1000) * REFUSAL_SIGNATURES_PER_SECOND,
  )
  budget.at = now
  if (budget.tokens < 1) return undefined
  budget.tokens--
  return Promise.resolve(
    signMessageNow(core.signer, refusalMessage(refused, exchange.sessionId, exchange.lane, exchange.counter)),
  )
}
