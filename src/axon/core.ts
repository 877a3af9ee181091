import type { IncomingMessage, ServerResponse } from 'node:http'
import type { SynapseHeaders } from '../protocol/headers.js'
import type { NonceClock, NonceReservation, NonceTracker } from '../protocol/nonce.js'
import type { MessageSigner } from '../protocol/signer.js'
import type { AnySynapseClass, SynapseBase, SynapseDefinition } from '../protocol/synapse.js'
import type { Admission } from './admission.js'
import type { AxonMetrics } from './metrics.js'
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
  readonly nonces: NonceTracker
  readonly admission: Admission
  readonly clock: NonceClock
  readonly maxBodyBytes: number
  readonly bodyTimeoutMs: number
  readonly maxQueueWaitMs: number
  readonly logger: AxonLogger
  readonly trace: boolean
  readonly metrics: AxonMetrics
  readonly stopping: boolean
  /** Sign answers (default true); off, 200s are unsigned like the Python axon's. */
  readonly signResponses: boolean
  /** JSON text of `GET /`. */
  discoveryDocument(): string
}

/** One request on its way through the stages. */
export interface Exchange {
  readonly req: IncomingMessage
  readonly res: ServerResponse
  /** `performance.now()` when the headers arrived. */
  readonly startedAt: number
  /** Aborted when the caller disconnects, the request times out, or the axon stops. */
  readonly controller: AbortController
  route: Route | undefined
  headers: SynapseHeaders | undefined
  /** Verified (EIP-55) dendrite hotkey. */
  caller: string | undefined
  /** Whether the signature was checked: only then are error answers signed (no signing for strangers). */
  verified: boolean
  reservation: NonceReservation | undefined
  synapse: SynapseBase | undefined
  requestValues: Record<string, unknown> | undefined
}
