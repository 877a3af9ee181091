import type { KeyOptions } from '../protocol/signer.js'

/**
 * How a dendrite checks answers: `true` a 200 must be signed by the target's hotkey; `'if-signed'`
 * signed answers must hold, unsigned pass; `false` no check.
 */
export type VerifyResponses = boolean | 'if-signed'

/** Options of `new Dendrite(...)`. */
export interface DendriteOptions extends KeyOptions {
  /** IP reported as `bt_header_dendrite_ip` (the Python SDK reports its public IP). Default `0.0.0.0`. */
  externalIp?: string
  /** Default total time per axon call, ms (sent as `timeout` seconds). Default 12 000. */
  timeout?: number
  /** TCP connect timeout, ms; a call that cannot connect in time gets 503. Default 3 000. */
  connectTimeout?: number
  /** Pooled connections per axon origin. Default 8. */
  connectionsPerOrigin?: number
  /** Idle keep-alive time of pooled connections, ms. Default 4 000. */
  keepAliveTimeout?: number
  /** Largest response body read; larger ones give 422. Default 16 MiB. */
  maxResponseBytes?: number
  /**
   * Most response bytes one `query` fan-out reads from all its axons together; once spent, the
   * calls still reading end with 422. Default 256 MiB (64 axons × 16 MiB took 2.1 GB).
   */
  maxFanoutResponseBytes?: number
  /** Largest frame of a streamed answer (SSE event or NDJSON line); larger gives 422. Default 4 MiB. */
  maxStreamFrameBytes?: number
  /** Default fan-out concurrency of `query`. Default 128. */
  concurrency?: number
  /**
   * Check axon response signatures against the target's hotkey. `true`: a 200 must be signed by
   * it (Python axons do not sign 200s); `'if-signed'`: check signed answers only; `false` (default).
   * A failed check turns the answer into 422 with no response fields.
   */
  verifyResponses?: VerifyResponses
  /** Version announced in `bt_header_dendrite_version`. Default: the SDK version as an int. */
  version?: number
  /**
   * Use the session lane where an axon offers it in `GET /` (docs/session.md): one signed handshake,
   * then a MAC per request instead of a signature. Axons that offer none (Python ones) get signed
   * requests; streaming calls are always signed. Default true; false signs every request.
   */
  sessions?: boolean
}

/** Per-call options of `query`, `call` and `callStream`. */
export interface CallOptions {
  /** Total time for one axon call, ms. Default: the dendrite's `timeout`. */
  timeout?: number
  /** Cancels the call(s); unfinished ones end with status 408 "Request cancelled". */
  signal?: AbortSignal
  /**
   * Overrides the dendrite's `verifyResponses`; a function chooses per target, from its hotkey (a
   * validator requiring signed answers from its miners but one Python axon, whose 200s are unsigned).
   */
  verifyResponses?: VerifyResponses | ((hotkey: string) => VerifyResponses)
}

/** Options of a fan-out (`query` to several axons). */
export interface QueryOptions extends CallOptions {
  /** Calls in flight at once. Default: the dendrite's `concurrency`. */
  concurrency?: number
  /**
   * Total time for the whole fan-out, ms. Calls still running or not started when it passes end
   * with 408. Default: enough for every call to use its full timeout.
   */
  deadline?: number
  /** Overrides the dendrite's `maxFanoutResponseBytes` for this fan-out. */
  maxFanoutResponseBytes?: number
  /** Return `synapse.deserialize()` of each answer instead of the synapse. */
  deserialize?: boolean
}

/** Options of `callStream`. */
export interface StreamOptions extends CallOptions {
  /** `sse` (default, `text/event-stream`) or `ndjson` (`application/x-ndjson`). */
  format?: 'sse' | 'ndjson'
}
