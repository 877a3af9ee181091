import { setTimeout as sleep } from 'node:timers/promises'
import type { SynapseBase } from '../protocol/synapse.js'
import type { AxonTarget } from './target.js'
import type { QueryOptions } from './types.js'

/** Options of {@link robustQuery}: `query` options plus the retry policy. */
export interface RobustQueryOptions extends Omit<QueryOptions, 'deserialize'> {
  /** Total attempts per axon (the Python SDK's `max_retries`). Default 3. */
  attempts?: number
  /** Wait before the first retry, ms; doubles each time. Default 1 000. */
  backoffMs?: number
  /** Longest wait between attempts, ms. Default 8 000. */
  maxBackoffMs?: number
  /** Randomise waits by ±50 % so many validators do not retry in step. Default true. */
  jitter?: boolean
  /** Which answers to retry. Default: transient statuses (408, 429, 502, 503, 504). */
  retryOn?: (answer: SynapseBase) => boolean
}

const TRANSIENT = new Set([408, 429, 502, 503, 504])

/** Whether an answer failed in a way a retry may fix (timeouts, unavailable, overloaded). */
export function isTransientFailure(answer: SynapseBase): boolean {
  return answer.statusCode !== undefined && TRANSIENT.has(answer.statusCode)
}

interface Queryable {
  query<S extends SynapseBase>(axons: readonly AxonTarget[], synapse: S, options?: QueryOptions): Promise<S[]>
}

/**
 * Queries, then re-queries only the axons whose answer failed transiently, with exponential
 * backoff, at most `attempts` times in all. Only for idempotent queries: a retried request may
 * have been processed already. Never throws for an axon's failure; the last answer is kept.
 */
export async function robustQuery<S extends SynapseBase>(
  dendrite: Queryable,
  axons: readonly AxonTarget[],
  synapse: S,
  options?: RobustQueryOptions,
): Promise<S[]>
export async function robustQuery<S extends SynapseBase>(
  dendrite: Queryable,
  axon: AxonTarget,
  synapse: S,
  options?: RobustQueryOptions,
): Promise<S>
export async function robustQuery<S extends SynapseBase>(
  dendrite: Queryable,
  axons: AxonTarget | readonly AxonTarget[],
  synapse: S,
  options: RobustQueryOptions = {},
): Promise<S[] | S> {
  const list = Array.isArray(axons) ? (axons as readonly AxonTarget[]) : [axons as AxonTarget]
  const attempts = Math.max(1, Math.floor(options.attempts ?? 3))
  const retryOn = options.retryOn ?? isTransientFailure
  const maxBackoff = options.maxBackoffMs ?? 8_000
  let backoff = options.backoffMs ?? 1_000
  const answers = await dendrite.query(list, synapse, options)
  for (let attempt = 2; attempt <= attempts; attempt++) {
    const failed = answers.flatMap((answer, index) => (retryOn(answer) ? [index] : []))
    if (failed.length === 0 || options.signal?.aborted) break
    const wait = Math.min(maxBackoff, options.jitter === false ? backoff : backoff * (0.5 + Math.random()))
    try {
      await sleep(wait, undefined, { signal: options.signal })
    } catch {
      break
    }
    backoff *= 2
    const retried = await dendrite.query(
      failed.map((index) => list[index]!),
      synapse,
      options,
    )
    failed.forEach((index, i) => {
      answers[index] = retried[i]!
    })
  }
  return Array.isArray(axons) ? answers : answers[0]!
}
