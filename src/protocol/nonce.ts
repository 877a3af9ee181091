let lastMs = Number.NaN
let lastNs = 0n

/** Wall-clock nanoseconds since the epoch (millisecond resolution), like Python's `time.time_ns()`. */
export function nowNs(): bigint {
  // An axon asks several times per request: one bigint per millisecond, not one per call.
  const ms = Date.now()
  if (ms !== lastMs) {
    lastMs = ms
    lastNs = BigInt(ms) * 1_000_000n
  }
  return lastNs
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

/** The freshness window of nonces: the axon's own setting, never a request's. */
export interface NonceWindowOptions {
  /**
   * How old a nonce may be when its request's headers arrive. The axon's own setting: the request's
   * `timeout` header is not signed, so it never widens the window (the Python axon lets it).
   * Default 16 000 ms (the Python axon's 4 s allowance plus the default 12 s request timeout).
   */
  maxAgeMs?: number
  /** How far in the future a nonce may be (clock skew). Default 4 000 ms. */
  maxFutureMs?: number
  /** Current time in ns; default the wall clock (tests replay recorded requests with a fixed one). */
  now?: () => bigint
}

/** Limits of a {@link NonceTracker}. */
export interface NonceTrackerOptions extends NonceWindowOptions {
  /** Most (hotkey, uuid) pairs remembered; the least recently used go first. Default 100 000. */
  maxEntries?: number
  /**
   * Nonces older than this (ns) are refused. An axon sets it to when it was made, so a restarted
   * axon, whose table is gone, refuses requests captured before it started; `0n` accepts them
   * (tests replaying recorded requests). Default for a bare tracker: 0n.
   */
  notBefore?: bigint
}

/** Why a nonce was refused. */
export type NonceRejection = 'stale' | 'future' | 'replayed'

/** A nonce taken by {@link NonceStore.reserve}, released if the request turns out invalid. */
export interface NonceReservation {
  readonly key: string
  readonly nonce: bigint
  readonly previous: bigint | undefined
}

/**
 * Where an axon remembers the nonces it accepted (replay protection). The default is the in-memory
 * {@link NonceTracker}; `createRedisNonceStore` shares one table between the axon processes of a
 * hotkey (replicas, restarts).
 */
export interface NonceStore {
  /** Why `nonce` would be refused, from what is known without waiting (before the signature check). */
  check(key: string, nonce: bigint): NonceRejection | undefined
  /** Checks and records `nonce` for `key` in one atomic step: the reservation, or why it was refused. */
  reserve(
    key: string,
    nonce: bigint,
  ): NonceReservation | NonceRejection | Promise<NonceReservation | NonceRejection>
  /** Gives back a reservation whose request failed later checks, so the nonce is not burnt. Never throws. */
  release(reservation: NonceReservation): void
  /** Entries held in this process (0 for a remote store). */
  readonly size: number
  /** Called by `Axon.start()`: resolves once the store can answer (connected). */
  open?(): Promise<void>
}

const nsOfMs = (ms: number) => BigInt(Math.round(ms * 1e6))

/** The freshness check shared by the nonce stores: not too old (the axon's window), not in the future. */
export class NonceWindow {
  readonly maxAgeMs: number
  readonly maxFutureMs: number
  readonly #maxAgeNs: bigint
  readonly #maxFutureNs: bigint
  readonly now: () => bigint
  // The window's bounds at #at, kept while `now` stays the same (several checks per request).
  #at = -1n
  #futureAbove = 0n
  #staleAtOrBelow = 0n

  constructor(options: NonceWindowOptions = {}) {
    this.maxAgeMs = Math.max(0, options.maxAgeMs ?? 16_000)
    this.maxFutureMs = Math.max(0, options.maxFutureMs ?? 4_000)
    this.#maxAgeNs = nsOfMs(this.maxAgeMs)
    this.#maxFutureNs = nsOfMs(this.maxFutureMs)
    this.now = options.now ?? nowNs
  }

  /** 'future', 'stale', or undefined when `nonce` is fresh at `now`. */
  check(nonce: bigint, now: bigint): 'stale' | 'future' | undefined {
    if (now !== this.#at) {
      this.#at = now
      this.#futureAbove = now + this.#maxFutureNs
      this.#staleAtOrBelow = now - this.#maxAgeNs
    }
    if (nonce > this.#futureAbove) return 'future'
    if (nonce <= this.#staleAtOrBelow) return 'stale'
    return undefined
  }

  /** Nonces at or below this are stale at `now`. */
  staleBelow(now: bigint): bigint {
    return now - this.#maxAgeNs
  }
}

/**
 * In-memory replay protection for an axon: per (hotkey, uuid), nonces must strictly increase and
 * be fresh (see {@link NonceWindow}) and not older than `notBefore`.
 *
 * Memory is bounded by `maxEntries`. Forgetting a pair is safe because stale nonces are refused
 * anyway; when a pair must be forgotten while its nonce is still fresh (the table is full of live
 * pairs, e.g. under a flood of new keys), `floor` rises to that nonce and a pair we do not know
 * must beat it, so a forgotten pair's old requests still cannot be replayed.
 *
 * One process only: replicas of a hotkey need a shared store (`createRedisNonceStore`).
 */
export class NonceTracker implements NonceStore {
  readonly #entries = new Map<string, bigint>()
  readonly #maxEntries: number
  readonly #window: NonceWindow
  readonly #now: () => bigint
  readonly #notBefore: bigint
  #floor = 0n

  constructor(options: NonceTrackerOptions = {}) {
    this.#maxEntries = Math.max(1, options.maxEntries ?? 100_000)
    this.#window = new NonceWindow(options)
    this.#now = this.#window.now
    this.#notBefore = options.notBefore ?? 0n
  }

  /** Number of pairs remembered. */
  get size(): number {
    return this.#entries.size
  }

  /** Lowest nonce an unknown pair must beat (see the class comment). */
  get floor(): bigint {
    return this.#floor
  }

  /** Why `nonce` would be refused now, or undefined if it would be accepted. Does not record it. */
  check(key: string, nonce: bigint, now = this.#now()): NonceRejection | undefined {
    const early = this.#window.check(nonce, now)
    if (early) return early
    if (nonce < this.#notBefore) return 'stale'
    const last = this.#entries.get(key)
    if (nonce <= (last ?? this.#floor)) return 'replayed'
    return undefined
  }

  /** Checks and records `nonce` in one step; returns the reservation or why it was refused. */
  reserve(key: string, nonce: bigint, now = this.#now()): NonceReservation | NonceRejection {
    const rejection = this.check(key, nonce, now)
    if (rejection) return rejection
    const previous = this.#entries.get(key)
    this.#entries.delete(key) // re-insert: Map order is our LRU order
    this.#entries.set(key, nonce)
    if (this.#entries.size > this.#maxEntries) this.#evict(this.#window.staleBelow(now))
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
