import type { Redis } from 'ioredis'
import { HetuError } from '../errors.js'
import {
  type NonceRejection,
  type NonceReservation,
  type NonceStore,
  NonceWindow,
  type NonceWindowOptions,
} from '../protocol/nonce.js'

/** Options of {@link createRedisNonceStore}. */
export interface RedisNonceStoreOptions extends NonceWindowOptions {
  /** `redis://[user:password@]host:port[/db]` (or `rediss://` for TLS). Never logged. */
  url: string
  /** Prefix of the keys written. Default `hetu:nonce:`. */
  prefix?: string
  /** Longest wait for one Redis command; then the request is refused with 503. Default 1 000 ms. */
  commandTimeoutMs?: number
  /** Longest wait for the connection in `Axon.start()` (`open()`). Default 5 000 ms. */
  connectTimeoutMs?: number
}

/** A Redis nonce store that could not connect or answer. */
export class NonceStoreError extends HetuError {
  override name = 'NonceStoreError'
  constructor(shortMessage: string, cause?: unknown) {
    super('NONCE_STORE', shortMessage, {
      hint: 'Check that Redis runs and that the url (host, port, password, db) is right; the axon refuses signed requests (503) while it cannot record their nonces.',
      cause,
    })
  }
}

/** The Redis store, as the axon sees it, plus `close()`. */
export interface RedisNonceStore extends NonceStore, AsyncDisposable {
  /** Resolves once connected (`Axon.start()` calls it); rejects after `connectTimeoutMs`. */
  open(): Promise<void>
  /** Closes the connection (the store is yours: axons using it do not close it). */
  close(): Promise<void>
}

/**
 * Replay protection shared by every axon process of one hotkey (replicas behind a load balancer,
 * restarts): each accepted `(dendrite hotkey, uuid, nonce)` is written with `SET key NX PX`, atomic
 * across processes, and expires once the nonce is stale anyway. Freshness is each axon's own
 * window (`maxAgeMs`, never a request header). Redis unreachable: signed requests get 503.
 *
 * The connection opens in the background (`ioredis`, loaded on first use) and reconnects by
 * itself; `Axon.start()` waits for it.
 *
 * @example
 * await using nonces = createRedisNonceStore({ url: 'redis://127.0.0.1:6379' })
 * await using axon = await new Axon({ hotkey, nonceStore: nonces }).attach(fn).start()
 */
export function createRedisNonceStore(options: RedisNonceStoreOptions): RedisNonceStore {
  const window = new NonceWindow(options)
  const prefix = options.prefix ?? 'hetu:nonce:'
  // A key must outlive the nonce's freshness on every replica, clock skew included.
  const ttlMs = Math.ceil(window.maxAgeMs + window.maxFutureMs) + 1_000
  let lastError: unknown
  const client: Promise<Redis> = import('ioredis').then(({ Redis }) => {
    const redis = new Redis(options.url, {
      commandTimeout: options.commandTimeoutMs ?? 1_000,
      enableOfflineQueue: false, // commands fail at once while disconnected: 503, not a pile-up
      maxRetriesPerRequest: 1,
    })
    redis.on('error', (error: unknown) => {
      lastError = error // it reconnects by itself; commands fail meanwhile
    })
    return redis
  })
  const unreachable = (error: unknown) => {
    throw new NonceStoreError('The Redis nonce store did not answer', error)
  }

  return {
    size: 0,
    check(_key, nonce) {
      return window.check(nonce, window.now())
    },
    reserve(key, nonce): Promise<NonceReservation | NonceRejection> {
      const early = window.check(nonce, window.now())
      if (early) return Promise.resolve(early)
      const redisKey = `${prefix}${key}:${nonce}`
      return client
        .then((redis) => redis.set(redisKey, '1', 'PX', ttlMs, 'NX'))
        .then(
          (answer) => (answer === 'OK' ? { key: redisKey, nonce, previous: undefined } : 'replayed'),
          unreachable,
        )
    },
    release(reservation) {
      client.then((redis) => redis.del(reservation.key)).catch(() => undefined) // it expires anyway
    },
    async open() {
      const redis = await client
      if (redis.status === 'ready') return
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          redis.off('ready', onReady)
          reject(new NonceStoreError('Could not connect to the Redis nonce store', lastError))
        }, options.connectTimeoutMs ?? 5_000)
        const onReady = () => {
          clearTimeout(timer)
          resolve()
        }
        redis.once('ready', onReady)
      })
    },
    async close() {
      const redis = await client
      redis.disconnect()
    },
    async [Symbol.asyncDispose]() {
      await this.close()
    },
  }
}
