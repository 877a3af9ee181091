import type { IncomingMessage, ServerResponse } from 'node:http'
import type { SynapseHeaders } from '../protocol/headers.js'
import type { NonceClock, NonceReservation, NonceStore } from '../protocol/nonce.js'
import type { MessageSigner } from '../protocol/signer.js'
import type { AnySynapseClass, SynapseBase, SynapseDefinition } from '../protocol/synapse.js'
import type { TerminalInfo } from '../protocol/terminalInfo.js'
import type { Admission, ReleaseSlot } from './admission.js'
import type { BodyReader } from './body.js'
import type { AxonMetrics } from './metrics.js'
import { AxonRejection, ForwardError } from './rejection.js'
import type { ServerSession, SessionTable } from './sessions.js'
import type { AxonLogger, BlacklistFn, CallerContext } from './types.js'

/** One attached synapse type and its hooks. */
export interface Route {
  readonly synapseClass: AnySynapseClass
  readonly definition: SynapseDefinition
  readonly streaming: boolean
  readonly forward: (synapse: SynapseBase, context: CallerContext) => unknown
  readonly blacklist: BlacklistFn | undefined
  readonly priority: ((synapse: SynapseBase, context: CallerContext) => number | Promise<number>) | undefined
  readonly verify: ((synapse: SynapseBase, context: CallerContext) => void | Promise<void>) | undefined
  readonly allowUnsigned: boolean
}

/** What the request stages share: the axon's keys, tables and limits. */
export interface AxonCore {
  readonly signer: MessageSigner
  readonly uuid: string
  readonly version: number
  readonly routes: ReadonlyMap<string, Route>
  /** The axon-wide blacklist (every synapse, before the synapse's own). */
  readonly blacklist: BlacklistFn | undefined
  readonly nonces: NonceStore
  readonly admission: Admission
  readonly clock: NonceClock
  readonly maxBodyBytes: number
  readonly bodyTimeoutMs: number
  /** Reads request bodies within maxBodyBytes and bodyTimeoutMs. */
  readonly bodies: BodyReader
  readonly maxQueueWaitMs: number
  readonly logger: AxonLogger
  readonly trace: boolean
  readonly metrics: AxonMetrics
  readonly stopping: boolean
  /** Sign answers (default true); off, 200s are unsigned like the Python axon's. */
  readonly signResponses: boolean
  /** The session lane's table; undefined when the axon offers no sessions. */
  readonly sessions: SessionTable | undefined
  /** Signatures of session refusals left (see stages/session.ts refusalSignature), refilled over time. */
  readonly refusalBudget: { tokens: number; at: number }
  /** Freshness window of session handshakes (the signed lane's nonce window). */
  readonly sessionWindow: { readonly maxAgeMs: number; readonly maxFutureMs: number }
  /** JSON text of `GET /`. */
  discoveryDocument(): string
}

/** One request on its way through the stages. */
export class Exchange {
  /** `performance.now()` when the headers arrived. */
  readonly startedAt = performance.now()
  route: Route | undefined = undefined
  headers: SynapseHeaders | undefined = undefined
  /** Verified (EIP-55) dendrite hotkey. */
  caller: string | undefined = undefined
  /** Whether the signature was checked: only then are error answers signed (no signing for strangers). */
  verified = false
  /** `hotkey:uuid` whose nonce the signature covers (undefined for an allowed unsigned request). */
  nonceKey: string | undefined = undefined
  reservation: NonceReservation | undefined = undefined
  synapse: SynapseBase | undefined = undefined
  requestValues: Record<string, unknown> | undefined = undefined
  priority = 0
  /** The worker slot, once admitted. */
  release: ReleaseSlot | undefined = undefined
  /** The handler's response fields, validated. */
  responseValues: Record<string, unknown> | undefined = undefined
  /** The 200 answer's terminal info (not made when the caller left first). */
  answer: TerminalInfo | undefined = undefined
  /** Session lane: the session named by the request's headers (undefined on the signed lane). */
  session: ServerSession | undefined = undefined
  /** Session lane: the session id the request names (set before it is looked up). */
  sessionId: string | undefined = undefined
  /** Session lane: the request's lane and counter. */
  lane = 0
  counter = 0
  /** Session lane: the MAC the request carries, checked once its body has arrived. */
  sentMac: string | undefined = undefined
  /** Session lane: the request's MAC checked out, so error answers carry one too. */
  macVerified = false
  // Made on first use: most requests finish without anyone asking for the signal.
  #controller: AbortController | undefined
  #aborted = false

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
  ) {}

  /** Aborted when the caller disconnects, the request times out, or the axon stops. */
  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController()
      if (this.#aborted) this.#controller.abort()
    }
    return this.#controller.signal
  }

  /** The response's `close` listener: a caller gone before the answer was sent aborts the request. */
  readonly onClose = (): void => {
    if (!this.res.writableFinished) this.abort()
  }

  /** Gives the worker slot back (once; nothing if none was taken). */
  releaseSlot(): void {
    const release = this.release
    this.release = undefined
    release?.()
  }

  get aborted(): boolean {
    return this.#aborted
  }

  abort(): void {
    if (this.#aborted) return
    this.#aborted = true
    this.#controller?.abort()
  }
}

/** An exchange once routed and its headers read (stages 1–2): what the stages after them see. */
export interface Routed extends Exchange {
  readonly route: Route
  readonly headers: SynapseHeaders
}

/** An exchange whose body is read and validated (stage 4b). */
export interface Parsed extends Routed {
  readonly synapse: SynapseBase
  readonly requestValues: Record<string, unknown>
}

/** An exchange whose handler has answered (stage 6). */
export interface Answered extends Parsed {
  readonly responseValues: Record<string, unknown>
}

/**
 * The verified caller, as priority/verify/forward functions see it. A class, not an object literal:
 * a literal with a getter cost ~0.8 µs to make, on every request; this costs ~15 ns.
 */
class RequestCaller implements CallerContext {
  readonly hotkey: string | undefined
  readonly ip: string | undefined
  readonly #exchange: Exchange

  constructor(exchange: Exchange) {
    this.#exchange = exchange
    this.hotkey = exchange.caller
    this.ip = exchange.req.socket.remoteAddress
  }

  /** Made on first use: most handlers never look at the signal, so most requests never make one. */
  get signal(): AbortSignal {
    return this.#exchange.signal
  }
}

export function callerContext(exchange: Exchange): CallerContext {
  return new RequestCaller(exchange)
}

/** Turns a handler's exception into a rejection: ForwardError keeps its status, others are opaque 500s. */
export function handlerFailure(core: AxonCore, exchange: Exchange, error: unknown): AxonRejection {
  if (error instanceof AxonRejection) return error
  if (error instanceof ForwardError)
    return new AxonRejection(error.status, 'handler_error', error.shortMessage)
  const errorId = crypto.randomUUID()
  core.logger.error(
    {
      synapse: exchange.route?.definition.name,
      errorId,
      error:
        error instanceof Error
          ? { name: error.name, message: error.message, stack: error.stack }
          : String(error),
    },
    'axon handler threw',
  )
  return new AxonRejection(500, 'handler_error', `Internal Server Error #${errorId}`)
}
