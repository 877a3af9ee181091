/** Wall-clock nanoseconds since the epoch (millisecond resolution), like Python's `time.time_ns()`. */
export function nowNs(): bigint {
  return BigInt(Date.now()) * 1_000_000n
}

/** Strictly increasing ns nonces for one dendrite: wall clock, bumped by 1 when it has not moved. */
export class NonceClock {
  #last = 0n
  next(): bigint {
    const now = nowNs()
    this.#last = now > this.#last ? now : this.#last + 1n
    return this.#last
  }
}

/** Limits of a {@link NonceTracker}. */
export interface NonceTrackerOptions {
  /** Most (hotkey, uuid) pairs remembered; the least recently used go first. Default 100 000. */
  maxEntries?: number
  /** Age a nonce may have on top of the request's timeout (Python: 4 s). Default 4 000 ms. */
  allowedDeltaMs?: number
  /** Cap on the request timeout that widens the freshness window. Default 60 000 ms. */
  maxTimeoutMs?: number
  /** How far in the future a nonce may be (clock skew). Default 4 000 ms. */
  maxFutureMs?: number
  /** Current time in ns; default the wall clock (tests replay recorded requests with a fixed one). */
  now?: () => bigint
}

/** Why a nonce was refused. */
export type NonceRejection = 'stale' | 'future' | 'replayed'

/** A nonce taken by {@link NonceTracker.reserve}, released if the request turns out invalid. */
export interface NonceReservation {
  readonly key: string
  readonly nonce: bigint
  readonly previous: bigint | undefined
}

/**
 * Replay protection for an axon: per (hotkey, uuid), nonces must strictly increase and be fresh.
 *
 * Memory is bounded by `maxEntries`. Forgetting a pair is safe because stale nonces are refused
 * anyway; when a pair must be forgotten while its nonce is still fresh (the table is full of live
 * pairs, e.g. under a flood of new keys), `floor` rises to that nonce and a pair we do not know
 * must beat it, so a forgotten pair's old requests still cannot be replayed.
 */
export class NonceTracker {
  readonly #entries = new Map<string, bigint>()
  readonly #maxEntries: number
  readonly #allowedDeltaNs: bigint
  readonly #maxTimeoutNs: bigint
  readonly #maxFutureNs: bigint
  readonly #now: () => bigint
  #floor = 0n

  constructor(options: NonceTrackerOptions = {}) {
    this.#maxEntries = Math.max(1, options.maxEntries ?? 100_000)
    this.#allowedDeltaNs = BigInt(Math.round((options.allowedDeltaMs ?? 4_000) * 1e6))
    this.#maxTimeoutNs = BigInt(Math.round((options.maxTimeoutMs ?? 60_000) * 1e6))
    this.#maxFutureNs = BigInt(Math.round((options.maxFutureMs ?? 4_000) * 1e6))
    this.#now = options.now ?? nowNs
  }

  /** Number of pairs remembered. */
  get size(): number {
    return this.#entries.size
  }

  /** Lowest nonce an unknown pair must beat (see the class comment). */
  get floor(): bigint {
    return this.#floor
  }

  #windowNs(timeoutSeconds: number | undefined): bigint {
    const timeoutNs = BigInt(Math.round(Math.max(0, timeoutSeconds ?? 0) * 1e9))
    return this.#allowedDeltaNs + (timeoutNs < this.#maxTimeoutNs ? timeoutNs : this.#maxTimeoutNs)
  }

  /** Why `nonce` would be refused now, or undefined if it would be accepted. Does not record it. */
  check(key: string, nonce: bigint, timeoutSeconds?: number, now = this.#now()): NonceRejection | undefined {
    if (nonce > now + this.#maxFutureNs) return 'future'
    if (nonce <= now - this.#windowNs(timeoutSeconds)) return 'stale'
    const last = this.#entries.get(key)
    if (nonce <= (last ?? this.#floor)) return 'replayed'
    return undefined
  }

  /** Checks and records `nonce` in one step; returns the reservation or why it was refused. */
  reserve(
    key: string,
    nonce: bigint,
    timeoutSeconds?: number,
    now = this.#now(),
  ): NonceReservation | NonceRejection {
    const rejection = this.check(key, nonce, timeoutSeconds, now)
    if (rejection) return rejection
    const previous = this.#entries.get(key)
    this.#entries.delete(key) // re-insert: Map order is our LRU order
    this.#entries.set(key, nonce)
    if (this.#entries.size > this.#maxEntries) this.#evict(now - this.#allowedDeltaNs - this.#maxTimeoutNs)
    return { key, nonce, previous }
  }

  /** Gives back a reservation whose request failed later checks, so the nonce is not burnt. */
  release(reservation: NonceReservation): void {
    if (this.#entries.get(reservation.key) !== reservation.nonce) return
    if (reservation.previous === undefined) this.#entries.delete(reservation.key)
    else this.#entries.set(reservation.key, reservation.previous)
  }

  #evict(freshAfter: bigint): void {
    for (const [key, nonce] of this.#entries) {
      if (this.#entries.size <= this.#maxEntries) return
      this.#entries.delete(key)
      if (nonce > freshAfter && nonce > this.#floor) this.#floor = nonce
    }
  }
}
