import { describe, expect, it } from 'vitest'
import { NonceClock, NonceTracker } from '../../src/protocol/nonce.js'

const SECOND = 1_000_000_000n
const now = 1_800_000_000n * SECOND

describe('NonceTracker', () => {
  it('accepts strictly increasing fresh nonces per (hotkey, uuid)', () => {
    const tracker = new NonceTracker({ now: () => now })
    expect(tracker.reserve('a:1', now - 1n)).toMatchObject({ key: 'a:1' })
    expect(tracker.reserve('a:1', now - 1n)).toBe('replayed')
    expect(tracker.reserve('a:1', now - 2n)).toBe('replayed')
    expect(tracker.reserve('a:1', now)).toMatchObject({ nonce: now })
    expect(tracker.reserve('a:2', now - 5n)).toMatchObject({ key: 'a:2' }) // other uuid: own sequence
  })

  it('refuses stale nonces (its own 16 s window, whatever the request timeout) and far-future ones', () => {
    const tracker = new NonceTracker({ now: () => now })
    expect(tracker.check('k', now - 15n * SECOND)).toBeUndefined()
    expect(tracker.check('k', now - 17n * SECOND)).toBe('stale')
    expect(tracker.check('k', now + 5n * SECOND)).toBe('future')
    expect(tracker.check('k', now + 3n * SECOND)).toBeUndefined()
    const narrow = new NonceTracker({ now: () => now, maxAgeMs: 4_000 })
    expect(narrow.check('k', now - 5n * SECOND)).toBe('stale')
  })

  it('refuses nonces from before notBefore (a restarted axon)', () => {
    const tracker = new NonceTracker({ now: () => now, notBefore: now - SECOND })
    expect(tracker.check('k', now - 2n * SECOND)).toBe('stale')
    expect(tracker.check('k', now - SECOND)).toBeUndefined()
  })

  it('gives a nonce back when the request fails later, unless a newer one was taken since', () => {
    const tracker = new NonceTracker({ now: () => now })
    const first = tracker.reserve('k', now - 10n)
    if (typeof first === 'string') throw new Error(first)
    tracker.release(first)
    expect(tracker.size).toBe(0)
    expect(tracker.reserve('k', now - 10n)).toMatchObject({ nonce: now - 10n })
    const second = tracker.reserve('k', now - 5n)
    if (typeof second === 'string') throw new Error(second)
    tracker.reserve('k', now - 1n)
    tracker.release(second) // a newer nonce is recorded: nothing to undo
    expect(tracker.check('k', now - 2n)).toBe('replayed')
  })

  it('stays within maxEntries and still refuses replays of forgotten keys', () => {
    const tracker = new NonceTracker({ now: () => now, maxEntries: 100 })
    const victim = now - 1_000n
    tracker.reserve('victim', victim)
    for (let i = 0; i < 10_000; i++) tracker.reserve(`flood:${i}`, now - 500n + BigInt(i % 400))
    expect(tracker.size).toBeLessThanOrEqual(100)
    // The victim's entry was evicted while fresh: its old nonce must still be refused.
    expect(tracker.check('victim', victim)).toBe('replayed')
    expect(tracker.floor).toBeGreaterThanOrEqual(victim)
    // A new, later request of the victim passes.
    expect(tracker.check('victim', now + 1n)).toBeUndefined()
  })

  it('forgets stale entries without raising the floor', () => {
    let clock = now
    const tracker = new NonceTracker({ now: () => clock, maxEntries: 10 })
    for (let i = 0; i < 10; i++) tracker.reserve(`old:${i}`, clock - BigInt(i))
    clock += 120n * SECOND
    for (let i = 0; i < 10; i++) tracker.reserve(`new:${i}`, clock - BigInt(i))
    expect(tracker.size).toBe(10)
    expect(tracker.floor).toBe(0n)
  })
})

describe('NonceClock', () => {
  it('is strictly increasing even within one millisecond', () => {
    const clock = new NonceClock()
    const nonces = Array.from({ length: 10_000 }, () => clock.next())
    expect(nonces.every((nonce, i) => i === 0 || nonce > nonces[i - 1]!)).toBe(true)
  })
})
