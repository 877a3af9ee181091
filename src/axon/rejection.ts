import { HetuError } from '../errors.js'
import type { SessionRefusal } from '../protocol/session.js'

/** Why an axon refused a request; also the `reason` label of the rejection metric. */
export type RejectionReason =
  | 'not_found'
  | 'method_not_allowed'
  | 'too_large'
  | 'bad_headers'
  | 'blacklisted'
  | 'unsigned'
  | 'bad_signature'
  | 'bad_nonce'
  | 'nonce_store'
  | 'body_hash_mismatch'
  | 'bad_body'
  | 'slow_body'
  | 'verify_failed'
  | 'rate_limited'
  | 'queue_full'
  | 'queue_timeout'
  | 'handler_error'
  | 'bad_response'
  | 'stopping'
  | 'client_closed'
  | 'bad_handshake'
  | 'sessions_full'
  | 'session_refused'
  | 'bad_counter'
  | 'bad_mac'

/**
 * A refusal on the axon's request path: status code, metric reason and a message safe to send.
 * Every refusal is answered with `connection: close`.
 * Not an Error: rejections are common (floods of garbage) and need no stack trace.
 */
export class AxonRejection {
  constructor(
    readonly status: number,
    readonly reason: RejectionReason,
    readonly message: string,
    /** A refusal of the session itself (session lane), sent in `hetu-session-refused`. */
    readonly refused?: SessionRefusal,
  ) {}
}

/**
 * Thrown by a forward handler to answer with a chosen status (400–599) and a message meant for
 * the caller. Any other error thrown by a handler becomes a 500 with an opaque error id.
 */
export class ForwardError extends HetuError {
  override name = 'ForwardError'
  readonly status: number
  constructor(status: number, message: string) {
    super('AXON_FORWARD', message, {
      hint: 'Thrown by a synapse handler; the message is sent to the caller as is.',
    })
    this.status = Number.isInteger(status) && status >= 400 && status <= 599 ? status : 500
  }
}
