import { connect, type Socket } from 'node:net'
import { generatePrivateKey, privateKeyToAddress } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Dendrite } from '../../src/dendrite/dendrite.js'
import { Synapse } from '../../src/protocol/synapse.js'
import { signedRequest } from '../protocol/support.js'
import { type Running, startAxonProcess } from './processes.js'

// The slow-client attacks of the campaign, on an axon process with 2 s header and body timeouts
// and a connection cap scaled down from 4 096 to 400 (the per-IP limit keeps its default, 256).

const HEADERS_MS = 2_000
const BODY_MS = 2_000
const MAX_CONNECTIONS = 400
const hotkey = generatePrivateKey()
let axon: Running & { port: number; url: string }

beforeAll(async () => {
  axon = await startAxonProcess({
    hotkey,
    axon: { headersTimeoutMs: HEADERS_MS, bodyTimeoutMs: BODY_MS, maxConnections: MAX_CONNECTIONS },
  })
})
afterAll(() => axon?.stop())

/** What a raw connection saw: its first answer line, when it came, when the connection closed. */
interface Seen {
  status: string
  answeredMs: number
  closedMs: number
  raw: string
}

/** Opens a connection (from `localAddress`), writes `bytes`, then stalls; resolves when it closes. */
function stall(bytes: string, localAddress = '127.0.0.1'): Promise<Seen> {
  const started = performance.now()
  return new Promise((resolve) => {
    const socket: Socket = connect({ port: axon.port, host: '127.0.0.1', localAddress }, () => {
      if (bytes) socket.write(bytes)
    })
    let raw = ''
    let answeredMs = Number.NaN
    socket.on('data', (chunk) => {
      if (raw === '') answeredMs = performance.now() - started
      raw += chunk.toString('latin1')
    })
    socket.on('close', () =>
      resolve({ status: raw.split('\r\n')[0] ?? '', answeredMs, closedMs: performance.now() - started, raw }),
    )
    socket.on('error', () => undefined) // a refused connection is reset: its close tells
  })
}

function head(path: string, headers: Record<string, string>, contentLength: number): string {
  const lines = Object.entries({ host: '127.0.0.1', 'content-type': 'application/json', ...headers })
  const text = lines.map(([name, value]) => `${name}: ${value}`).join('\r\n')
  return `POST ${path} HTTP/1.1\r\n${text}\r\ncontent-length: ${contentLength}\r\n\r\n`
}

describe('slow clients', () => {
  it('slow headers get 408 within 1 s of the header timeout; a silent connection is closed then', async () => {
    const [slowHeaders, silent] = await Promise.all([
      stall('POST /Synapse HTTP/1.1\r\nhost: 127.0.0.1\r\nx-slow: '),
      stall(''),
    ])
    expect(slowHeaders.status).toBe('HTTP/1.1 408 Request Timeout')
    expect(slowHeaders.answeredMs).toBeGreaterThanOrEqual(HEADERS_MS - 50)
    expect(slowHeaders.answeredMs).toBeLessThan(HEADERS_MS + 1_000)
    expect(silent.closedMs).toBeGreaterThanOrEqual(HEADERS_MS - 50)
    expect(silent.closedMs).toBeLessThan(HEADERS_MS + 1_000)
  })

  it('a slow signed body gets 408 within 1 s of the body timeout, and its connection is closed', async () => {
    const request = await signedRequest(
      { hotkey: privateKeyToAddress(hotkey), port: axon.port },
      new Synapse({ completion: 'x'.repeat(200) }),
    )
    const body = Buffer.from(request.body)
    const seen = await stall(
      head(request.path, request.headers, body.length) + body.subarray(0, 50).toString(),
    )
    expect(seen.status).toBe('HTTP/1.1 408 Request Timeout')
    expect(seen.raw).toMatch(/connection: close/i)
    expect(seen.answeredMs).toBeGreaterThanOrEqual(BODY_MS - 50)
    expect(seen.answeredMs).toBeLessThan(BODY_MS + 1_000)
    expect(seen.closedMs - seen.answeredMs).toBeLessThan(500)
  })

  it('an unsigned slow body gets 401 at once and its connection is closed, not held', async () => {
    const seen = await stall(`${head('/Synapse', {}, 1_000)}{"completion": "`)
    expect(seen.status).toBe('HTTP/1.1 401 Unauthorized')
    expect(seen.raw).toMatch(/connection: close/i)
    expect(seen.answeredMs).toBeLessThan(500)
    expect(seen.closedMs - seen.answeredMs).toBeLessThan(500)
  })

  it("one client's 450 slow connections neither fill the cap nor lock honest clients out", async () => {
    // The attacker (127.0.0.2) opens more slow connections than the axon's cap; honest calls come
    // from 127.0.0.1 while they are held.
    const attack = Array.from({ length: 450 }, () =>
      stall('POST /Synapse HTTP/1.1\r\nhost: 127.0.0.1\r\nx-slow: ', '127.0.0.2'),
    )
    await new Promise((resolve) => setTimeout(resolve, 300))
    await using dendrite = new Dendrite({ timeout: 1_500 })
    const target = { ip: '127.0.0.1', port: axon.port, hotkey: privateKeyToAddress(hotkey) }
    const answers = await dendrite.query(
      Array.from({ length: 165 }, () => target),
      new Synapse({ completion: 'honest' }),
      { concurrency: 8 },
    )
    expect(answers.filter((answer) => answer.dendrite.statusCode === 200)).toHaveLength(165)
    const seen = await Promise.all(attack)
    // Refused = closed without an answer before any timeout could have closed it (a held connection
    // gets its 408 at the header timeout); on a loaded machine opening 450 sockets takes a while.
    const refused = seen.filter((s) => s.status === '' && s.closedMs < HEADERS_MS).length
    const held = seen.filter((s) => s.status === 'HTTP/1.1 408 Request Timeout').length
    expect(held).toBeLessThanOrEqual(256)
    expect(refused).toBeGreaterThanOrEqual(450 - 256)
  })
})
