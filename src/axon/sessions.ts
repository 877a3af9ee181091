import type { SessionKeys, SessionRefusal } from '../protocol/session.js'

/** Limits of an axon's session lane (docs/session.md). Every one has a default. */
export interface SessionOptions {
  /** Sessions held at once, all callers together; when full, new handshakes get 503. Default 4096. */
  maxSessions?: number
  /**
   * Sessions of one hotkey (its dendrites, one per dendrite and axon); a new one evicts that hotkey's
   * oldest. Default 8.
   */
  maxPerHotkey?: number
  /** Life of a session from its handshake, ms. Default 600 000 (10 min). */
  lifetimeMs?: number
  /** Requests one session carries in all. Default 1 000 000. */
  maxRequests?: number
  /** Concurrent calls (lanes) one session carries; a dendrite's further lanes are signed. Default 256. */
  maxLanes?: number
}

/** One session on the axon: who it authenticated, its keys, and each lane's last counter. */
export interface ServerSession {
  readonly id: string
  /** The dendrite hotkey (EIP-55) that signed the handshake. */
  readonly hotkey: string
  readonly keys: SessionKeys
  /** `Date.now()` past which the session is refused as expired. */
  readonly expiresAt: number
  readonly maxRequests: number
  requests: number
  /** The last accepted counter of each lane (0: none yet). */
  readonly counters: Float64Array
}

/** Session limits with their defaults filled in. */
export interface SessionLimits {
  readonly maxSessions: number
  readonly maxPerHotkey: number
  readonly lifetimeMs: number
  readonly maxRequests: number
  readonly maxLanes: number
}

export function sessionLimits(options: SessionOptions = {}): SessionLimits {
  const positive = (value: number | undefined, fallback: number) =>
    value !== undefined && Number.isSafeInteger(value) && value > 0 ? value : fallback
  return {
    maxSessions: positive(options.maxSessions, 4096),
    maxPerHotkey: positive(options.maxPerHotkey, 8),
    lifetimeMs: positive(options.lifetimeMs, 600_000),
    maxRequests: positive(options.maxRequests, 1_000_000),
    maxLanes: Math.min(4096, positive(options.maxLanes, 256)),
  }
}

/**
 * The axon's sessions, bounded: by count (all, and per hotkey), by lifetime and by requests. Map
 * order is creation order and every session lives as long, so expired ones are at the front and a
 * sweep stops at the first live one. Also remembers the hashes of accepted handshakes for the
 * freshness window, so a captured handshake cannot be replayed (it could not be used, but it
 * would cost a signature and evict its hotkey's oldest session).
 */
export class SessionTable {
  readonly limits: SessionLimits
  readonly #sessions = new Map<string, ServerSession>()
  /** Session ids of each hotkey (lower case), oldest first. */
  readonly #byHotkey = new Map<string, string[]>()
  /** Accepted init hashes → when they leave the freshness window (`Date.now()` ms), in that order. */
  readonly #seen = new Map<string, number>()
  readonly #windowMs: number

  constructor(limits: SessionLimits, windowMs: number) {
    this.limits = limits
    this.#windowMs = windowMs
  }

  get size(): number {
    return this.#sessions.size
  }

  /** The session `id` names, or why it cannot be used. */
  lookup(id: string, now = Date.now()): ServerSession | SessionRefusal {
    const session = this.#sessions.get(id)
    if (!session) return 'unknown'
    if (now >= session.expiresAt || session.requests >= session.maxRequests) {
      this.#remove(session)
      return 'expired'
    }
    return session
  }

  /** Whether a handshake of `hotkey` would find room (its own oldest can make some). */
  hasRoom(hotkey: string, now = Date.now()): boolean {
    this.#sweep(now)
    if (this.#sessions.size < this.limits.maxSessions) return true
    return (this.#byHotkey.get(hotkey.toLowerCase())?.length ?? 0) >= this.limits.maxPerHotkey
  }

  /** Adds a session; evicts its hotkey's oldest past `maxPerHotkey`; false when the table is full. */
  add(session: ServerSession, now = Date.now()): boolean {
    if (!this.hasRoom(session.hotkey, now)) return false
    const key = session.hotkey.toLowerCase()
    let ids = this.#byHotkey.get(key)
    if (!ids) {
      ids = []
      this.#byHotkey.set(key, ids)
    }
    while (ids.length >= this.limits.maxPerHotkey) {
      const oldest = this.#sessions.get(ids[0]!)
      if (oldest) this.#remove(oldest)
      else ids.shift()
    }
    ids.push(session.id)
    this.#sessions.set(session.id, session)
    return true
  }

  /** Whether this handshake (by its init hash) was accepted within the freshness window. */
  seen(initHash: string, now = Date.now()): boolean {
    for (const [hash, until] of this.#seen) {
      if (until > now) break
      this.#seen.delete(hash)
    }
    return this.#seen.has(initHash)
  }

  /** Remembers an accepted handshake until it leaves the freshness window. */
  remember(initHash: string, timestamp: number): void {
    // Kept a whole window past now: insertion order stays expiry order.
    this.#seen.set(initHash, Math.max(timestamp, Date.now()) + this.#windowMs)
  }

  #sweep(now: number): void {
    for (const session of this.#sessions.values()) {
      if (session.expiresAt > now) break
      this.#remove(session)
    }
  }

  #remove(session: ServerSession): void {
    this.#sessions.delete(session.id)
    const key = session.hotkey.toLowerCase()
    const ids = this.#byHotkey.get(key)
    if (!ids) return
    const at = ids.indexOf(session.id)
    if (at !== -1) ids.splice(at, 1)
    if (ids.length === 0) this.#byHotkey.delete(key)
  }
}
