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
  /**
   * Sessions opened from one address (an IPv4 address, or an IPv6 /64); past it, new handshakes
   * from there get 503 and their dendrites call signed. Without it, one machine minting hotkeys
   * could fill the table. Default 64.
   */
  maxPerIp?: number
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
  /** Where the handshake came from ({@link addressBucket}). */
  readonly ip: string
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
  readonly maxPerIp: number
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
    maxPerIp: positive(options.maxPerIp, 64),
    lifetimeMs: positive(options.lifetimeMs, 600_000),
    maxRequests: positive(options.maxRequests, 1_000_000),
    maxLanes: Math.min(4096, positive(options.maxLanes, 256)),
  }
}

/**
 * The address a session is counted under: an IPv4 address (also when IPv4-mapped), or the /64 an
 * IPv6 address is in (one host commonly holds a whole /64).
 */
export function addressBucket(address: string | undefined): string {
  if (!address) return 'unknown'
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return mapped[1]!
  if (!address.includes(':')) return address
  const [head = '', tail = ''] = address.toLowerCase().split('::')
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const groups = address.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`
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
  /** Sessions of each address bucket. */
  readonly #byIp = new Map<string, number>()
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

  /** Whether `ip` (an {@link addressBucket}) holds its whole share of sessions. */
  addressFull(ip: string, now = Date.now()): boolean {
    this.#sweep(now)
    return this.#atAddressLimit(ip)
  }

  /**
   * Whether a handshake of `hotkey` from `ip` (an {@link addressBucket}) would find room: its address
   * under its limit, and the table not full (the hotkey's own oldest can make room there).
   */
  hasRoom(hotkey: string, ip: string, now = Date.now()): boolean {
    this.#sweep(now)
    if (this.#atAddressLimit(ip)) return false
    if (this.#sessions.size < this.limits.maxSessions) return true
    return (this.#byHotkey.get(hotkey.toLowerCase())?.length ?? 0) >= this.limits.maxPerHotkey
  }

  /** Adds a session; evicts its hotkey's oldest past `maxPerHotkey`; false when the table is full. */
  add(session: ServerSession, now = Date.now()): boolean {
    if (!this.hasRoom(session.hotkey, session.ip, now)) return false
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
    this.#byIp.set(session.ip, (this.#byIp.get(session.ip) ?? 0) + 1)
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

  #atAddressLimit(ip: string): boolean {
    return (this.#byIp.get(ip) ?? 0) >= this.limits.maxPerIp
  }

  #remove(session: ServerSession): void {
    if (!this.#sessions.delete(session.id)) return
    const fromIp = (this.#byIp.get(session.ip) ?? 1) - 1
    if (fromIp > 0) this.#byIp.set(session.ip, fromIp)
    else this.#byIp.delete(session.ip)
    const key = session.hotkey.toLowerCase()
    const ids = this.#byHotkey.get(key)
    if (!ids) return
    const at = ids.indexOf(session.id)
    if (at !== -1) ids.splice(at, 1)
    if (ids.length === 0) this.#byHotkey.delete(key)
  }
}
