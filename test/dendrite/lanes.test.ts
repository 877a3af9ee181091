import { describe, expect, it } from 'vitest'
import { UuidLanes } from '../../src/dendrite/lanes.js'

describe('UuidLanes', () => {
  it('gives each concurrent call to an origin its own uuid and forgets idle origins', () => {
    const lanes = new UuidLanes('base')
    const a = lanes.acquire('http://a')
    const b = lanes.acquire('http://a')
    const c = lanes.acquire('http://b')
    expect([a.uuid, b.uuid, c.uuid]).toEqual(['base', 'base-1', 'base'])
    a.release()
    expect(lanes.acquire('http://a').uuid).toBe('base') // lowest free lane reused
    b.release()
    c.release()
    expect(lanes.origins).toBe(1)
  })
})

describe('Lane.release', () => {
  it('frees a lane once: a second release does not free a lane taken since', () => {
    const lanes = new UuidLanes('base')
    const a = lanes.acquire('http://a')
    a.release()
    const b = lanes.acquire('http://a')
    expect(b.uuid).toBe('base')
    a.release()
    expect(lanes.acquire('http://a').uuid).toBe('base-1')
  })
})
