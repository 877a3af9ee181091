import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Dendrite } from '../../src/dendrite/dendrite.js'
import { toMessageSigner } from '../../src/protocol/signer.js'
import { Synapse } from '../../src/protocol/synapse.js'

/** Misbehaving "axons" on one port: the path picks the behaviour. */
function misbehaving(): Server {
  const hanging: ServerResponse[] = []
  const server = createServer((req, res) => {
    req.resume()
    const big = JSON.stringify({ completion: 'x'.repeat(8192) })
    if (req.headers.name === 'big') res.writeHead(200, { 'content-length': Buffer.byteLength(big) }).end(big)
    else if (req.headers.name === 'chunked') {
      res.writeHead(200, { 'content-type': 'application/json' })
      for (let i = 0; i < 16; i++) res.write(big.slice(i * 512, (i + 1) * 512))
      res.end(big.slice(16 * 512))
    } else hanging.push(res) // never answers
  })
  server.on('close', () => {
    for (const res of hanging) res.destroy()
  })
  return server
}

describe('dendrite calls over the dispatcher API', () => {
  const server = misbehaving()
  let port: number
  const hotkey = toMessageSigner().address

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
  })
  afterAll(() => {
    server.closeAllConnections()
    server.close()
  })

  /** Python axons read the synapse name from the `name` header; these servers do too. */
  const named = (name: string) => {
    class Named extends Synapse {}
    Object.defineProperty(Named, 'definition', { value: { ...Synapse.definition, name } })
    return new Named({ completion: 'hi' })
  }

  it('refuses responses over maxResponseBytes, declared or streamed (422)', async () => {
    await using dendrite = new Dendrite({ maxResponseBytes: 1024 })
    for (const name of ['big', 'chunked']) {
      const answer = await dendrite.call({ ip: '127.0.0.1', port, hotkey }, named(name))
      expect(answer.statusCode).toBe(422)
      expect(answer.statusMessage).toContain('larger than 1024 bytes')
    }
  })

  it('ends a call at its timeout (408) and on cancellation (408 cancelled)', async () => {
    await using dendrite = new Dendrite()
    const timedOut = await dendrite.call({ ip: '127.0.0.1', port, hotkey }, named('hang'), { timeout: 200 })
    expect(timedOut.statusCode).toBe(408)
    expect(timedOut.statusMessage).toContain('timeout')

    const controller = new AbortController()
    setTimeout(() => controller.abort(), 100)
    const cancelled = await dendrite.call({ ip: '127.0.0.1', port, hotkey }, named('hang'), {
      signal: controller.signal,
    })
    expect(cancelled.statusCode).toBe(408)
    expect(cancelled.statusMessage).toBe('Request cancelled')

    const already = AbortSignal.abort()
    const early = await dendrite.call({ ip: '127.0.0.1', port, hotkey }, named('hang'), { signal: already })
    expect(early.statusMessage).toBe('Request cancelled')
  })
})
