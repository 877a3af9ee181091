import { randomUUID } from 'node:crypto'
import { Agent } from 'undici'
import { HetuError } from '../errors.js'
import { NonceClock } from '../protocol/nonce.js'
import { type PreparedPayload, preparePayload } from '../protocol/request.js'
import { type MessageSigner, toMessageSigner, type WalletCredentials } from '../protocol/signer.js'
import type { SynapseBase } from '../protocol/synapse.js'
import { sdkVersionAsInt } from '../protocol/version.js'
import { Wallet } from '../wallet/Wallet.js'
import { type CallContext, performCall, setStatus } from './call.js'
import { mapWithConcurrency } from './fanout.js'
import { UuidLanes } from './lanes.js'
import { type RobustQueryOptions, robustQuery } from './robustQuery.js'
import { SessionBook } from './session.js'
import { AbortScope, CallAbort } from './signals.js'
import { performStreamCall } from './stream.js'
import { type AxonTarget, type ResolvedTarget, resolveTarget } from './target.js'
import type { CallOptions, DendriteOptions, QueryOptions, StreamOptions, VerifyResponses } from './types.js'

/** A dendrite used after `close()`. */
export class DendriteClosedError extends HetuError {
  override name = 'DendriteClosedError'
  constructor() {
    super('DENDRITE_CLOSED', 'Dendrite is closed', {
      hint: 'Create a new Dendrite; close() ends its connections.',
    })
  }
}

/** The chunk type of a synapse instance (from its definition). */
type ChunkOfInstance<S> = S extends { readonly __chunk?: infer C } ? Exclude<C, undefined> : unknown
/** What `deserialize()` of a synapse instance returns. */
type Deserialized<S> = S extends { deserialize(): infer R } ? R : S

/**
 * A validator's (or any client's) side of the protocol: signs requests with its hotkey and calls
 * axons over pooled HTTP connections (undici, one pool per axon origin).
 *
 * Calls never throw for one axon's failure: each answer is a copy of the synapse carrying a
 * status (`statusCode`, `isSuccess`, …) as in the Python SDK.
 *
 * Keys: `{ wallet }` (an unlocked `Wallet`), `{ hotkey }` (hex private key or viem local account),
 * {@link Dendrite.fromWallet} for a wallet name and password, or nothing for a fresh random hotkey.
 *
 * @example
 * await using dendrite = new Dendrite({ wallet })
 * const [answer] = await dendrite.query([axon], new Synapse({ completion: 'add 15 25' }), { timeout: 10_000 })
 */
export class Dendrite {
  /** EIP-55 hotkey address requests are signed with. */
  readonly hotkey: string
  /**
   * Fixed per instance: nonces are strictly increasing per (hotkey, uuid). Concurrent calls to the
   * same axon use `uuid-1`, `uuid-2`… so they never arrive out of order (see `lanes.ts`).
   */
  readonly uuid: string
  readonly #signer: MessageSigner
  readonly #agent: Agent
  readonly #context: CallContext
  readonly #timeout: number
  readonly #concurrency: number
  readonly #verify: boolean | 'if-signed'
  readonly #localIps: ReadonlySet<string>
  readonly #maxFanoutBytes: number
  #closed = false
  /** Calls and fan-outs in flight: close() lets them finish (a session call may not have sent yet). */
  readonly #inflight = new Set<Promise<unknown>>()

  constructor(options: DendriteOptions = {}) {
    this.#signer = toMessageSigner(options)
    this.hotkey = this.#signer.address
    this.uuid = randomUUID()
    this.#timeout = options.timeout ?? 12_000
    this.#concurrency = options.concurrency ?? 128
    this.#verify = options.verifyResponses ?? false
    const externalIp = options.externalIp ?? '0.0.0.0'
    this.#localIps = new Set(externalIp === '0.0.0.0' ? [] : [externalIp])
    this.#agent = new Agent({
      connect: { timeout: options.connectTimeout ?? 3_000 },
      connections: options.connectionsPerOrigin ?? 8,
      keepAliveTimeout: options.keepAliveTimeout ?? 4_000,
      keepAliveMaxTimeout: options.keepAliveTimeout ?? 4_000,
    })
    this.#context = {
      agent: this.#agent,
      sender: {
        signer: this.#signer,
        uuid: this.uuid,
        ip: externalIp,
        version: options.version ?? sdkVersionAsInt,
      },
      clock: new NonceClock(),
      lanes: new UuidLanes(this.uuid),
      sessions: options.sessions === false ? undefined : new SessionBook(this.#agent, this.#signer),
      maxResponseBytes: options.maxResponseBytes ?? 16 * 1024 * 1024,
      maxStreamFrameBytes: options.maxStreamFrameBytes ?? 4 * 1024 * 1024,
    }
    this.#maxFanoutBytes = options.maxFanoutResponseBytes ?? 256 * 1024 * 1024
  }

  /**
   * A dendrite signing with the hotkey of a named wallet, the Python SDK's
   * `Dendrite(username=…, password=…)`. Unlocking the keystore is slow (scrypt), hence async.
   *
   * @example
   * await using dendrite = await Dendrite.fromWallet({ username: 'validator', password })
   * @throws {WalletNotFoundError | WrongPasswordError | KeystoreCorruptedError | InvalidWalletNameError}
   */
  static async fromWallet(
    options: WalletCredentials & Omit<DendriteOptions, 'hotkey' | 'wallet'>,
  ): Promise<Dendrite> {
    const { username, password, walletDir, ...rest } = options
    const wallet = await Wallet.load({ name: username, password, dir: walletDir })
    return new Dendrite({ ...rest, wallet })
  }

  /**
   * Sends `synapse` to one axon (returns one answer) or to many in parallel (answers in input
   * order), with a concurrency limit and a total deadline. Never throws for an axon's failure.
   */
  query<S extends SynapseBase>(
    axons: readonly AxonTarget[],
    synapse: S,
    options: QueryOptions & { deserialize: true },
  ): Promise<Deserialized<S>[]>
  query<S extends SynapseBase>(
    axon: AxonTarget,
    synapse: S,
    options: QueryOptions & { deserialize: true },
  ): Promise<Deserialized<S>>
  query<S extends SynapseBase>(axons: readonly AxonTarget[], synapse: S, options?: QueryOptions): Promise<S[]>
  query<S extends SynapseBase>(axon: AxonTarget, synapse: S, options?: QueryOptions): Promise<S>
  async query(
    axons: AxonTarget | readonly AxonTarget[],
    synapse: SynapseBase,
    options: QueryOptions = {},
  ): Promise<unknown> {
    const list = Array.isArray(axons) ? (axons as readonly AxonTarget[]) : [axons as AxonTarget]
    const answers = await this.#track(this.#fanOut(list, synapse, options))
    const out = options.deserialize ? answers.map((answer) => answer.deserialize()) : answers
    return Array.isArray(axons) ? out : out[0]
  }

  /** Alias of {@link query} (the Python SDK's `forward`). */
  forward: Dendrite['query'] = ((
    axons: AxonTarget | readonly AxonTarget[],
    synapse: SynapseBase,
    options?: QueryOptions,
  ) => this.query(axons as AxonTarget[], synapse, options)) as Dendrite['query']

  /** One call to one axon; never throws for the axon's failure. */
  async call<S extends SynapseBase>(axon: AxonTarget, synapse: S, options: CallOptions = {}): Promise<S> {
    this.#assertOpen()
    const target = resolveTarget(axon, this.#localIps)
    if (typeof target === 'string') return invalidTarget(synapse, target)
    const timeoutMs = options.timeout ?? this.#timeout
    const payload = preparePayload(synapse.definition, synapse.requestValues())
    const scope = options.signal ? new AbortScope(undefined, options.signal) : undefined
    try {
      const abort = new CallAbort(timeoutMs, scope)
      const verify = verifyModeFor(options.verifyResponses ?? this.#verify, target.hotkey)
      return await this.#track(performCall(this.#context, synapse, payload, target, timeoutMs, abort, verify))
    } finally {
      scope?.dispose()
    }
  }

  /**
   * A streaming call: yields each chunk as the axon sends it (validated against the synapse's
   * chunk schema), then, always last, the filled synapse with its status. Over SSE (default) or
   * NDJSON. Stopping the iteration early cancels the request.
   */
  async *callStream<S extends SynapseBase>(
    axon: AxonTarget,
    synapse: S,
    options: StreamOptions = {},
  ): AsyncGenerator<ChunkOfInstance<S> | S, void, undefined> {
    this.#assertOpen()
    const timeoutMs = options.timeout ?? this.#timeout
    const target = resolveTarget(axon, this.#localIps)
    if (typeof target === 'string') {
      yield invalidTarget(synapse, target) as Awaited<S>
      return
    }
    const payload = preparePayload(synapse.definition, synapse.requestValues())
    const scope = new AbortScope(undefined, options.signal)
    const abort = new CallAbort(timeoutMs, scope)
    try {
      yield* performStreamCall(
        this.#context,
        synapse,
        payload,
        target,
        timeoutMs,
        abort,
        verifyModeFor(options.verifyResponses ?? this.#verify, target.hotkey),
        options.format ?? 'sse',
      ) as AsyncGenerator<ChunkOfInstance<S> | S, void, undefined>
    } finally {
      scope.dispose()
    }
  }

  /** `query` with bounded retries and backoff, for idempotent queries (the Python SDK's `robust_query`). */
  robustQuery<S extends SynapseBase>(
    axons: readonly AxonTarget[],
    synapse: S,
    options?: RobustQueryOptions,
  ): Promise<S[]>
  robustQuery<S extends SynapseBase>(axon: AxonTarget, synapse: S, options?: RobustQueryOptions): Promise<S>
  robustQuery(axons: AxonTarget | readonly AxonTarget[], synapse: SynapseBase, options?: RobustQueryOptions) {
    return Array.isArray(axons)
      ? robustQuery(this, axons as readonly AxonTarget[], synapse, options)
      : robustQuery(this, axons as AxonTarget, synapse, options)
  }

  async #fanOut(
    targets: readonly AxonTarget[],
    synapse: SynapseBase,
    options: QueryOptions,
  ): Promise<SynapseBase[]> {
    this.#assertOpen()
    const timeoutMs = options.timeout ?? this.#timeout
    const concurrency = Math.max(1, options.concurrency ?? this.#concurrency)
    const verify = options.verifyResponses ?? this.#verify
    const rounds = Math.ceil(targets.length / concurrency)
    const deadlineMs = options.deadline ?? timeoutMs * rounds + 1_000
    const scope = new AbortScope(deadlineMs, options.signal)
    const deadlineAt = performance.now() + deadlineMs
    const total = options.maxFanoutResponseBytes ?? this.#maxFanoutBytes
    const budget = { total, left: total }
    // Serialised and hashed once for all targets; only nonce, signature and axon info differ.
    let payload: PreparedPayload
    try {
      payload = preparePayload(synapse.definition, synapse.requestValues())
    } catch (error) {
      scope.dispose()
      throw error
    }
    try {
      return await mapWithConcurrency(targets, concurrency, async (target) => {
        const resolved: ResolvedTarget | string = resolveTarget(target, this.#localIps)
        if (typeof resolved === 'string') return invalidTarget(synapse, resolved)
        if (scope.cause) {
          const answer = synapse.clone()
          if (scope.cause === 'cancelled') setStatus(answer, 408, 'Request cancelled')
          else setStatus(answer, 408, 'Request timeout: the fan-out deadline passed before sending')
          return answer
        }
        const remaining = Math.max(0, Math.min(timeoutMs, deadlineAt - performance.now()))
        // When the deadline comes first, let it (not the call's own timer) end the call.
        const abort = new CallAbort(timeoutMs <= remaining ? timeoutMs : undefined, scope)
        const mode = verifyModeFor(verify, resolved.hotkey)
        return performCall(this.#context, synapse, payload, resolved, remaining, abort, mode, budget)
      })
    } finally {
      scope.dispose()
    }
  }

  #assertOpen(): void {
    if (this.#closed) throw new DendriteClosedError()
  }

  #track<T>(call: Promise<T>): Promise<T> {
    this.#inflight.add(call)
    const untrack = () => this.#inflight.delete(call)
    call.then(untrack, untrack)
    return call
  }

  /**
   * Closes every pooled connection once the calls in flight have finished (a call still opening its
   * session has not sent its request yet: closing under it would fail it). New calls are refused.
   */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    await Promise.allSettled([...this.#inflight])
    await this.#agent.close()
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close()
  }

  toString(): string {
    return `Dendrite(${this.hotkey})`
  }
}

function invalidTarget<S extends SynapseBase>(synapse: S, reason: string): S {
  const answer = synapse.clone()
  setStatus(answer, 400, `Invalid axon: ${reason}`)
  return answer
}

/** The verification mode for one target: the option itself, or its answer for the target's hotkey. */
function verifyModeFor(
  option: VerifyResponses | ((hotkey: string) => VerifyResponses),
  hotkey: string,
): VerifyResponses {
  return typeof option === 'function' ? option(hotkey) : option
}
