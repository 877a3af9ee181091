import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { generatePrivateKey, privateKeyToAddress } from 'viem/accounts'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import type { Axon } from '../../src/axon/axon.js'
import { addressBucket } from '../../src/axon/sessions.js'
import { Dendrite } from '../../src/dendrite/dendrite.js'
import {
  acceptHash,
  acceptMessage,
  answerMac,
  dendriteSessionKeys,
  ephemeralKey,
  initHash,
  initMessage,
  parseAccept,
  prepareInit,
  randomHex,
  requestMac,
  SESSION_PATH,
  type SessionKeys,
  sessionHeaderNames,
  sessionRequestHeader,
} from '../../src/protocol/session.js'
import { signMessageNow, toMessageSigner } from '../../src/protocol/signer.js'
import { defineSynapse } from '../../src/protocol/synapse.js'
import {
  type RawResponse,
  rawRequest,
  send,
  signedRequest,
  tamperingProxy,
  testAxon,
} from '../protocol/support.js'

// The session lane (docs/session.md), on real HTTP with real keys: each attack of its threat model
// is a test here, besides the fallbacks (downgrade, full table) and the lane working as the signed
// one does (blacklists, metrics, Python-format requests on the same axon).

const Echo = defineSynapse({
  name: 'Echo',
  request: z.object({ text: z.string() }),
  response: z.object({ text: z.string() }),
})

const cleanup: (() => unknown)[] = []
afterEach(async () => {
  for (const done of cleanup.splice(0).reverse()) await done()
})

/** A started axon echoing `text`, counting handler runs and the hotkeys it served. */
async function echoAxon(options: Parameters<typeof testAxon>[0] = {}) {
  const seen: (string | undefined)[] = []
  const axon = testAxon(options)
  axon.attach(Echo, (synapse, context) => {
    seen.push(context.hotkey)
    return { text: synapse.text }
  })
  await axon.start()
  cleanup.push(() => axon.stop())
  return Object.assign(axon, { seen })
}

function dendrite(options: ConstructorParameters<typeof Dendrite>[0] = {}) {
  const made = new Dendrite(options)
  cleanup.push(() => made.close())
  return made
}

/** A session opened by hand: what a dendrite holds, and the messages it took. */
interface Opened {
  id: string
  keys: SessionKeys
  initBody: string
  answer: RawResponse
}

const postInit = (url: string, body: string) =>
  rawRequest(url, { path: SESSION_PATH, headers: { 'content-type': 'application/json' }, body })

async function openSession(url: string, axonHotkey: string, signer = toMessageSigner()): Promise<Opened> {
  const init = await prepareInit(signer, axonHotkey)
  const answer = await postInit(url, init.body)
  expect(answer.status, answer.body).toBe(200)
  const accept = parseAccept(answer.body)
  const transcript = acceptHash(init.hash, axonHotkey, accept)
  const keys = dendriteSessionKeys(init, accept, transcript)
  return { id: accept.session, keys, initBody: init.body, answer }
}

interface LaneRequest {
  lane?: number
  counter: number
  body?: string
  /** A MAC to send instead of the right one. */
  mac?: string
  /** The session id to send, instead of the one the MAC's keys belong to. */
  id?: string
}

function laneHeaders(session: Pick<Opened, 'id' | 'keys'>, request: LaneRequest, body: string) {
  const lane = request.lane ?? 0
  return {
    'content-type': 'application/json',
    timeout: '12.0',
    'hetu-session': sessionRequestHeader(
      request.id ?? session.id,
      lane,
      request.counter,
      request.mac ?? requestMac(session.keys.requestKey, lane, request.counter, 'Echo', '12.0', body),
    ),
  }
}

function onLane(url: string, session: Pick<Opened, 'id' | 'keys'>, request: LaneRequest) {
  const body = request.body ?? JSON.stringify({ text: 'hello' })
  return rawRequest(url, { path: '/Echo', headers: laneHeaders(session, request, body), body })
}

describe('the session lane between our Dendrite and Axon', () => {
  it('is used where offered: one handshake, MAC’d requests, the caller’s hotkey seen by the handler', async () => {
    const axon = await echoAxon()
    const client = dendrite()
    for (const text of ['one', 'two', 'three']) {
      const answer = await client.call(axon, new Echo({ text }))
      expect(answer.statusCode, answer.statusMessage).toBe(200)
      expect(answer.text).toBe(text)
      expect(answer.axon.hotkey).toBe(axon.hotkey)
    }
    expect(axon.stats.sessions).toBe(1)
    expect(axon.seen).toEqual([client.hotkey, client.hotkey, client.hotkey])
    const discovery = JSON.parse((await rawRequest(axon.url, { method: 'GET' })).body)
    expect(discovery.session).toMatchObject({ version: 1, path: SESSION_PATH })
  })

  it('metrics count both lanes; the session lane has its own counter too', async () => {
    const axon = await echoAxon({ prometheus: { ip: '127.0.0.1', port: 0 } })
    await dendrite().call(axon, new Echo({ text: 'session' }))
    await dendrite({ sessions: false }).call(axon, new Echo({ text: 'signed' }))
    const text = await axon.metricsRegistry.metrics()
    expect(text).toMatch(/hetu_axon_requests_total\{synapse="Echo",status="200",hotkey="0x[0-9a-fA-F]+"\} 2/)
    expect(text).toMatch(
      /hetu_axon_session_requests_total\{synapse="Echo",status="200",hotkey="0x[0-9a-fA-F]+"\} 1/,
    )
    expect(text).toMatch(/hetu_axon_requests_total\{synapse="hetu-session",status="200"/)
  })

  it('a Python-format signed request still works against a session-capable axon', async () => {
    const axon = await echoAxon()
    const request = await signedRequest(axon, new Echo({ text: 'python' }))
    const answer = await send(axon.url, request)
    expect(answer.status, answer.body).toBe(200)
    expect(JSON.parse(answer.body).text).toBe('python')
    expect(answer.headers.bt_header_axon_signature).toMatch(/^0x[0-9a-f]{130}$/)
  })

  it('blacklists, verify hook and priority run on the session lane with the session’s hotkey', async () => {
    const banned = toMessageSigner()
    const hooks: string[] = []
    const axon = testAxon()
    axon.attach(Echo, (synapse) => ({ text: synapse.text }), {
      blacklist: ({ hotkey }) => [hotkey === banned.address, 'synapse blacklist'],
      verify: (_, { hotkey }) => {
        hooks.push(`verify ${hotkey}`)
      },
      priority: (_, { hotkey }) => {
        hooks.push(`priority ${hotkey}`)
        return 0
      },
    })
    await axon.start()
    cleanup.push(() => axon.stop())
    const friend = dendrite()
    expect((await friend.call(axon, new Echo({ text: 'x' }))).statusCode).toBe(200)
    expect(hooks).toEqual([`verify ${friend.hotkey}`, `priority ${friend.hotkey}`])
    const session = await openSession(axon.url, axon.hotkey, banned)
    const refused = await onLane(axon.url, session, { counter: 1 })
    expect(refused.status).toBe(403)
    expect(refused.body).toMatch(/synapse blacklist/)
  })
})

describe('attacks on requests', () => {
  it('a request replayed on its own session is refused (counter), the handler runs once', async () => {
    const axon = await echoAxon()
    const session = await openSession(axon.url, axon.hotkey)
    const body = JSON.stringify({ text: 'pay once' })
    expect((await onLane(axon.url, session, { counter: 1, body })).status).toBe(200)
    const replay = await onLane(axon.url, session, { counter: 1, body })
    expect(replay.status).toBe(401)
    expect(replay.headers['hetu-session-refused']).toBe('counter')
    // An older counter of the lane after a newer one: refused too (its caller gave up on it).
    expect((await onLane(axon.url, session, { counter: 5, body })).status).toBe(200)
    expect((await onLane(axon.url, session, { counter: 4, body })).status).toBe(401)
    expect(axon.seen).toHaveLength(2)
  })

  it('the session header has one spelling: other forms are refused before the body is read', async () => {
    const axon = await echoAxon()
    const session = await openSession(axon.url, axon.hotkey)
    const body = JSON.stringify({ text: 'hello' })
    const send = (value: string | string[]) =>
      rawRequest(axon.url, {
        path: '/Echo',
        headers: { ...laneHeaders(session, { counter: 1 }, body), 'hetu-session': value },
        body,
      })
    const mac = requestMac(session.keys.requestKey, 1, 1, 'Echo', '12.0', body)
    const right = `${session.id} 1 1 ${mac}`
    const forms: (string | string[])[] = [
      `${session.id} 01 1 ${mac}`, // lane 1 with a leading zero, under lane 1's MAC
      `${session.id} 1 01 ${mac}`,
      `${session.id} 1 0 ${mac}`, // counters start at 1
      `${session.id} 1 1 ${mac.toUpperCase()}`,
      `${session.id.toUpperCase()} 1 1 ${mac}`,
      `${session.id} 1 1 0x${mac.slice(2)}`,
      `${session.id} 1 1 ${mac.slice(1)}`,
      `${session.id}  1 1 ${mac}`, // two spaces
      `${session.id} 1 1`,
      `${session.id} 1 1 ${mac} extra`,
      `${session.id} 10000 1 ${mac}`, // more lane digits than any axon offers
      `${session.id} 1 1000000000000000 ${mac}`, // 16 counter digits
      `${session.id},1,1,${mac}`,
      session.id, // the id alone
      [right, right], // the header twice
    ]
    for (const value of forms) {
      const refused = await send(value)
      expect(refused.status, JSON.stringify(value)).toBe(400)
      expect(refused.body).toMatch(/malformed hetu-session header/)
    }
    expect(axon.seen).toHaveLength(0)
    // The canonical forms still pass, counter 1 unused by the refusals.
    expect((await send(right)).status).toBe(200)
    expect((await send(laneHeaders(session, { counter: 1 }, body)['hetu-session'])).status).toBe(200)
  })

  it('a request replayed on another session is refused (the MAC is under the other key)', async () => {
    const axon = await echoAxon()
    const signer = toMessageSigner()
    const first = await openSession(axon.url, axon.hotkey, signer)
    const second = await openSession(axon.url, axon.hotkey, signer)
    const other = await openSession(axon.url, axon.hotkey)
    for (const victim of [second, other]) {
      const moved = await onLane(axon.url, first, { counter: 1, id: victim.id })
      expect(moved.status).toBe(401)
      expect(moved.body).toMatch(/MAC does not match/)
    }
    expect(axon.seen).toHaveLength(0)
  })

  it('the MAC is over the body as UTF-8 text: multi-byte text passes, bytes that are not UTF-8 fail it', async () => {
    const axon = await echoAxon()
    const session = await openSession(axon.url, axon.hotkey)
    const text = JSON.stringify({ text: 'héllo wörld ✓ 😀' })
    const passed = await onLane(axon.url, session, { counter: 1, body: text })
    expect(passed.status, passed.body).toBe(200)
    expect(JSON.parse(passed.body).text).toBe('héllo wörld ✓ 😀')
    // Latin-1 "é" (one byte 0xe9) inside a JSON string: valid JSON bytes, not UTF-8. The MAC over
    // the exact bytes sent does not make it through: the axon checks it over the decoded text.
    const latin1 = Buffer.from('{"text":"h\u00e9llo"}', 'latin1')
    const headers = {
      ...laneHeaders(session, { counter: 2 }, ''),
      'hetu-session': sessionRequestHeader(
        session.id,
        0,
        2,
        session.keys.requestKey.hmacHex('hetu-session-v1/request\n0\n2\nEcho\n12.0\n', latin1),
      ),
    }
    const refused = await rawRequest(axon.url, { path: '/Echo', headers, body: latin1 })
    expect(refused.status).toBe(401)
    expect(refused.body).toMatch(/MAC does not match/)
    expect(axon.seen).toHaveLength(1)
  })

  it('reflection: an answer and its MAC fed back as a request are refused', async () => {
    const axon = await echoAxon()
    const session = await openSession(axon.url, axon.hotkey)
    const answer = await onLane(axon.url, session, { counter: 1 })
    expect(answer.status).toBe(200)
    const mac = answer.headers['hetu-mac'] as string
    expect(mac).toBe(answerMac(session.keys.answerKey, 0, 1, 200, answer.body))
    // Everything right but the MAC, which is the answer's: a fresh lane and counter, its body.
    const reflected = await onLane(axon.url, session, { lane: 1, counter: 1, body: answer.body, mac })
    expect(reflected.status).toBe(401)
    expect(reflected.body).toMatch(/MAC does not match/)
    expect(axon.seen).toHaveLength(1)
  })

  it('a body altered under the valid MAC of another body is refused before it is parsed', async () => {
    const axon = await echoAxon()
    const session = await openSession(axon.url, axon.hotkey)
    const mac = requestMac(session.keys.requestKey, 0, 1, 'Echo', '12.0', JSON.stringify({ text: 'small' }))
    const forged = await onLane(axon.url, session, {
      counter: 1,
      body: JSON.stringify({ text: 'LARGE' }),
      mac,
    })
    expect(forged.status).toBe(401)
    // The counter was not taken by the forgery: the real request still goes through.
    const real = await onLane(axon.url, session, { counter: 1, body: JSON.stringify({ text: 'small' }) })
    expect(real.status).toBe(200)
    expect(axon.seen).toHaveLength(1)
  })

  it('a forged answer (wrong MAC) is refused by the dendrite with 422', async () => {
    const axon = await echoAxon()
    const proxy = await tamperingProxy(axon.url, (body, _headers, request) => {
      if (request.url !== '/Echo') return body
      return body.replace('honest', 'forged')
    })
    cleanup.push(() => proxy.close())
    const port = (proxy.address() as AddressInfo).port
    const answer = await dendrite().call(
      { ip: '127.0.0.1', port, hotkey: axon.hotkey },
      new Echo({ text: 'honest' }),
    )
    expect(answer.statusCode).toBe(422)
    expect(answer.statusMessage).toMatch(/session MAC/)
    expect(answer.text).toBe('honest') // the request's value, not the forged answer
  })
})

describe('attacks on the handshake', () => {
  it('a replayed handshake is refused; where it is accepted, its session cannot be used without the ephemeral key', async () => {
    const hotkey = generatePrivateKey()
    const axon = await echoAxon({ hotkey })
    const opened = await openSession(axon.url, axon.hotkey)
    const replay = await postInit(axon.url, opened.initBody)
    expect(replay.status).toBe(401)
    expect(replay.body).toMatch(/replayed/)
    // A replica of the same hotkey has not seen it and accepts it; the attacker gets a session id
    // and the axon's public key, but not the keys: its requests are refused.
    const replica = await echoAxon({ hotkey })
    const accepted = await postInit(replica.url, opened.initBody)
    expect(accepted.status).toBe(200)
    const stolen = parseAccept(accepted.body)
    const guess = { id: stolen.session, keys: opened.keys } // the keys of the original session
    const attempt = await onLane(replica.url, guess, { counter: 1 })
    expect(attempt.status).toBe(401)
    expect(attempt.body).toMatch(/MAC does not match/)
    expect(replica.seen).toHaveLength(0)
  })

  it('a stale handshake is refused', async () => {
    const axon = await echoAxon()
    const signer = toMessageSigner()
    const init = await prepareInit(signer, axon.hotkey)
    const stale = { ...init.unsigned, timestamp: Date.now() - 60_000 }
    const signature = await signMessageNow(signer, initMessage(initHash(stale)))
    const answer = await postInit(axon.url, JSON.stringify({ ...stale, signature }))
    expect(answer.status).toBe(401)
    expect(answer.body).toMatch(/too old/)
  })

  it('a handshake signed by a hotkey other than the one it claims is refused', async () => {
    const axon = await echoAxon()
    const claimed = privateKeyToAddress(generatePrivateKey())
    const init = await prepareInit(toMessageSigner(), axon.hotkey, claimed)
    const answer = await postInit(axon.url, init.body)
    expect(answer.status).toBe(401)
    expect(answer.body).toMatch(/signature does not match/)
    expect(axon.stats.sessions).toBe(0)
  })

  it('a handshake meant for another axon hotkey is refused', async () => {
    const axon = await echoAxon()
    const init = await prepareInit(toMessageSigner(), privateKeyToAddress(generatePrivateKey()))
    expect((await postInit(axon.url, init.body)).status).toBe(401)
  })

  it('a blacklisted hotkey is refused at the handshake', async () => {
    const banned = toMessageSigner()
    const axon = await echoAxon({ blacklist: ({ hotkey }) => hotkey?.toLowerCase() === banned.addressLower })
    const init = await prepareInit(banned, axon.hotkey)
    const answer = await postInit(axon.url, init.body)
    expect(answer.status).toBe(403)
    expect(axon.stats.sessions).toBe(0)
  })

  it('the axon impersonated: a handshake answered by another hotkey fails the call, and the request is not sent', async () => {
    const impostor = toMessageSigner()
    const calls: string[] = []
    const server: Server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (chunk: Buffer) => chunks.push(chunk))
      req.on('end', async () => {
        calls.push(`${req.method} ${req.url}`)
        if (req.method === 'GET') {
          res.end(JSON.stringify({ session: { version: 1, path: SESSION_PATH } }))
          return
        }
        if (req.url !== SESSION_PATH) {
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"text":"impostor"}')
          return
        }
        // A well-formed accept for this very init, signed by the impostor's own key.
        const init = JSON.parse(Buffer.concat(chunks).toString())
        const own = ephemeralKey()
        const accept = {
          version: 1,
          session: randomHex(16),
          nonce: randomHex(32),
          key: own.publicHex,
          lifetimeMs: 60_000,
          maxRequests: 100,
          maxLanes: 8,
        }
        const { signature: _, ...unsigned } = init
        const transcript = acceptHash(initHash(unsigned), init.axon, accept)
        const signature = await signMessageNow(impostor, acceptMessage(transcript))
        res.end(JSON.stringify({ ...accept, signature }))
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    cleanup.push(() => server.close())
    const port = (server.address() as AddressInfo).port
    const meant = privateKeyToAddress(generatePrivateKey())
    const answer = await dendrite().call(
      { ip: '127.0.0.1', port, hotkey: meant },
      new Echo({ text: 'secret' }),
    )
    expect(answer.statusCode).toBe(422)
    expect(answer.statusMessage).toMatch(/not signed by/)
    expect(calls).toEqual(['GET /', `POST ${SESSION_PATH}`])
  })
})

describe('fallbacks and limits', () => {
  it('downgrade: GET / stripped of `session` makes the dendrite call signed, and it still works', async () => {
    const axon = await echoAxon()
    const seen: string[] = []
    const proxy = await tamperingProxy(axon.url, (body, _headers, request) => {
      seen.push(`${request.method} ${request.url}`)
      if (request.method !== 'GET') return body
      const { session: _, ...stripped } = JSON.parse(body)
      return JSON.stringify(stripped)
    })
    cleanup.push(() => proxy.close())
    const port = (proxy.address() as AddressInfo).port
    const target = { ip: '127.0.0.1', port, hotkey: axon.hotkey }
    const answer = await dendrite({ verifyResponses: true }).call(target, new Echo({ text: 'signed' }))
    expect(answer.statusCode, answer.statusMessage).toBe(200)
    expect(answer.axon.signature).toMatch(/^0x/) // a signed answer, checked against the hotkey
    expect(seen).toEqual(['GET /', 'POST /Echo'])
    expect(axon.stats.sessions).toBe(0)
    expect(axon.stats.nonceEntries).toBe(1)
  })

  it('a short-lived session is renewed by the dendrite before the axon expires it', async () => {
    const axon = await echoAxon({ sessions: { lifetimeMs: 400 } })
    const client = dendrite()
    for (let i = 0; i < 4; i++) {
      const answer = await client.call(axon, new Echo({ text: `call ${i}` }))
      expect(answer.statusCode, answer.statusMessage).toBe(200)
      await new Promise((resolve) => setTimeout(resolve, 150))
    }
    expect(axon.seen).toHaveLength(4)
    expect(axon.stats.nonceEntries).toBe(0)
    const text = await axon.metricsRegistry.metrics()
    const handshakes = Number(
      /hetu_axon_requests_total\{synapse="hetu-session",status="200"[^}]*\} (\d+)/.exec(text)?.[1],
    )
    expect(handshakes).toBeGreaterThanOrEqual(2) // renewed, yet not once per call
    expect(handshakes).toBeLessThan(4)
  })

  it('an expired session is refused as such before the handler', async () => {
    const axon = await echoAxon({ sessions: { lifetimeMs: 200 } })
    const session = await openSession(axon.url, axon.hotkey)
    expect((await onLane(axon.url, session, { counter: 1 })).status).toBe(200)
    await new Promise((resolve) => setTimeout(resolve, 250))
    const late = await onLane(axon.url, session, { counter: 2 })
    expect(late.status).toBe(401)
    expect(late.headers['hetu-session-refused']).toBe('expired')
    expect(axon.seen).toHaveLength(1)
  })

  it('a session the axon no longer holds: the dendrite re-handshakes and retries once, the handler runs once', async () => {
    const hotkey = generatePrivateKey()
    const axon = await echoAxon({ sessions: { maxPerHotkey: 1 } })
    const client = dendrite({ hotkey })
    expect((await client.call(axon, new Echo({ text: 'before' }))).statusCode).toBe(200)
    // Another session of the same hotkey evicts the dendrite's (as would an axon restart).
    await openSession(axon.url, axon.hotkey, toMessageSigner({ hotkey }))
    const answer = await client.call(axon, new Echo({ text: 'after' }))
    expect(answer.statusCode, answer.statusMessage).toBe(200)
    expect(answer.text).toBe('after')
    expect(axon.seen).toHaveLength(2)
    expect(axon.stats.nonceEntries).toBe(0) // never signed
    const text = await axon.metricsRegistry.metrics()
    expect(text).toMatch(
      /hetu_axon_requests_total\{synapse="hetu-session",status="200",hotkey="0x[0-9a-fA-F]+"\} 3/,
    )
    expect(text).toMatch(
      /hetu_axon_session_requests_total\{synapse="Echo",status="401",hotkey="0x[0-9a-fA-F]+"\} 1/,
    )
  })

  it('the axon’s refusal of an unknown session is signed; a forged one (on the path, after the handler ran) is not retried', async () => {
    const axon = await echoAxon()
    // A relay to the real axon that, while `forge` is on, swaps a session-lane answer for an
    // unsigned (or replayed-signature) `unknown` refusal.
    let forge: 'off' | 'unsigned' | 'replayed' = 'off'
    let capturedSignature: string | undefined
    const relayed: string[] = []
    const relay: Server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (chunk: Buffer) => chunks.push(chunk))
      req.on('end', async () => {
        relayed.push(`${req.method} ${req.url}`)
        const headers = Object.fromEntries(
          Object.entries(req.headers).filter(
            ([name]) => !['host', 'connection', 'content-length', 'keep-alive'].includes(name),
          ),
        ) as Record<string, string>
        const answer = await fetch(`${axon.url}${req.url}`, {
          method: req.method,
          headers,
          ...(req.method === 'POST' && { body: Buffer.concat(chunks) }),
        })
        const body = await answer.text()
        const refusalSignature = answer.headers.get(sessionHeaderNames.refusalSignature)
        if (refusalSignature) capturedSignature = refusalSignature
        if (forge !== 'off' && req.headers[sessionHeaderNames.session] !== undefined) {
          const forged: Record<string, string> = {
            [sessionHeaderNames.refused]: 'unknown',
            connection: 'close',
          }
          if (forge === 'replayed' && capturedSignature)
            forged[sessionHeaderNames.refusalSignature] = capturedSignature
          res.writeHead(401, forged).end('{"message":"Not Verified with error: unknown session"}')
          return
        }
        const out: Record<string, string> = {}
        answer.headers.forEach((value, name) => {
          if (!['connection', 'keep-alive', 'transfer-encoding', 'content-length'].includes(name))
            out[name] = value
        })
        res.writeHead(answer.status, out).end(body)
      })
    })
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve))
    cleanup.push(() => relay.close())
    const target = { ip: '127.0.0.1', port: (relay.address() as AddressInfo).port, hotkey: axon.hotkey }
    const hotkey = generatePrivateKey()
    const client = dendrite({ hotkey })
    expect((await client.call(target, new Echo({ text: 'one' }))).statusCode).toBe(200)

    // A genuine `unknown` (the axon lost the session): signed, and the dendrite sends it once more.
    // Eight more sessions of the same hotkey (maxPerHotkey): the dendrite's is evicted.
    for (let i = 0; i < 8; i++) await openSession(axon.url, axon.hotkey, toMessageSigner({ hotkey }))
    const recovered = await client.call(target, new Echo({ text: 'two' }))
    expect(recovered.statusCode, recovered.statusMessage).toBe(200)
    expect(capturedSignature).toMatch(/^0x[0-9a-f]{130}$/)
    expect(axon.seen).toHaveLength(2)

    for (const mode of ['unsigned', 'replayed'] as const) {
      forge = mode
      const before = relayed.filter((line) => line === 'POST /Echo').length
      const answer = await client.call(target, new Echo({ text: mode }))
      expect(answer.statusCode).toBe(401)
      // The handler ran once, and the request went out once: no second try on a new session.
      expect(relayed.filter((line) => line === 'POST /Echo').length - before).toBe(1)
    }
    expect(axon.seen).toHaveLength(4)
    // The session was dropped on the unauthenticated word: the next call opens another and works.
    forge = 'off'
    expect((await client.call(target, new Echo({ text: 'three' }))).statusCode).toBe(200)
    expect(axon.seen).toHaveLength(5)
  })

  it('a full session table refuses new handshakes with 503; their dendrites call signed', async () => {
    const axon = await echoAxon({ sessions: { maxSessions: 1 } })
    const first = dendrite()
    expect((await first.call(axon, new Echo({ text: 'a' }))).statusCode).toBe(200)
    const init = await prepareInit(toMessageSigner(), axon.hotkey)
    const full = await postInit(axon.url, init.body)
    expect(full.status).toBe(503)
    expect(full.body).toMatch(/session table full/)
    const second = dendrite()
    const answer = await second.call(axon, new Echo({ text: 'b' }))
    expect(answer.statusCode).toBe(200)
    expect(axon.stats.sessions).toBe(1)
    expect(axon.stats.nonceEntries).toBe(1) // the second dendrite's request was signed
    // The first one's session was not evicted by the newcomer.
    expect((await first.call(axon, new Echo({ text: 'c' }))).statusCode).toBe(200)
    expect(axon.stats.nonceEntries).toBe(1)
  })

  it('a refused handshake is asked again after 30 s, not after the 5 minutes of an axon that offers none', async () => {
    const axon = await echoAxon({ sessions: { maxSessions: 1 } })
    expect((await dendrite().call(axon, new Echo({ text: 'a' }))).statusCode).toBe(200)
    const refusedHandshakes = async () => {
      const text = await axon.metricsRegistry.metrics()
      return Number(
        /hetu_axon_requests_total\{synapse="hetu-session",status="503"[^}]*\} (\d+)/.exec(text)?.[1] ?? 0,
      )
    }
    const late = dendrite()
    expect((await late.call(axon, new Echo({ text: 'b' }))).statusCode).toBe(200) // signed
    expect(await refusedHandshakes()).toBe(1)
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 29_000 })
    try {
      expect((await late.call(axon, new Echo({ text: 'c' }))).statusCode).toBe(200)
      expect(await refusedHandshakes()).toBe(1)
      vi.setSystemTime(Date.now() + 2_000)
      expect((await late.call(axon, new Echo({ text: 'd' }))).statusCode).toBe(200)
      expect(await refusedHandshakes()).toBe(2)
    } finally {
      vi.useRealTimers()
    }
  })

  it('one address holds at most maxPerIp sessions, whatever hotkeys it mints; others still get theirs', async () => {
    const axon = await echoAxon({ sessions: { maxPerIp: 3 } })
    for (let i = 0; i < 3; i++) {
      const init = await prepareInit(toMessageSigner(), axon.hotkey)
      expect((await postInit(axon.url, init.body)).status).toBe(200)
    }
    const init = await prepareInit(toMessageSigner(), axon.hotkey)
    const refused = await postInit(axon.url, init.body)
    expect(refused.status).toBe(503)
    expect(refused.body).toMatch(/this address holds its 3 sessions/)
    expect(axon.stats.sessions).toBe(3)
    // Its dendrites still get answers, on the signed lane.
    expect((await dendrite().call(axon, new Echo({ text: 'x' }))).statusCode).toBe(200)
    expect(axon.stats.sessions).toBe(3)
  })

  it('addresses are counted per IPv4 address (mapped or not) and per IPv6 /64', () => {
    expect(addressBucket('203.0.113.7')).toBe('203.0.113.7')
    expect(addressBucket('::ffff:203.0.113.7')).toBe('203.0.113.7')
    expect(addressBucket('2001:db8:0:1:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:0:1::/64')
    expect(addressBucket('2001:db8:0:1::9')).toBe('2001:db8:0:1::/64')
    expect(addressBucket('2001:0db8:0000:0001::')).toBe('2001:db8:0:1::/64')
    expect(addressBucket('2001:db8::1')).toBe('2001:db8:0:0::/64')
    expect(addressBucket('::1')).toBe('0:0:0:0::/64')
    expect(addressBucket(undefined)).toBe('unknown')
  })

  it('a hotkey over its own session limit evicts its oldest session', async () => {
    const axon = await echoAxon({ sessions: { maxPerHotkey: 1 } })
    const signer = toMessageSigner()
    const oldest = await openSession(axon.url, axon.hotkey, signer)
    const newest = await openSession(axon.url, axon.hotkey, signer)
    const gone = await onLane(axon.url, oldest, { counter: 1 })
    expect(gone.status).toBe(401)
    expect(gone.headers['hetu-session-refused']).toBe('unknown')
    expect((await onLane(axon.url, newest, { counter: 1 })).status).toBe(200)
  })

  it('concurrent calls share one session on lanes of their own; lanes past maxLanes go signed', async () => {
    const axon = testAxon({ maxWorkers: 32, sessions: { maxLanes: 4 } })
    axon.attach(Echo, async (synapse) => {
      await new Promise((resolve) => setTimeout(resolve, 5))
      return { text: synapse.text }
    })
    await axon.start()
    cleanup.push(() => axon.stop())
    const client = dendrite({ connectionsPerOrigin: 16 })
    await client.call(axon, new Echo({ text: 'open' }))
    for (let round = 0; round < 3; round++) {
      const answers = await client.query(Array(16).fill(axon), new Echo({ text: `round ${round}` }))
      expect(answers.filter((a) => !a.isSuccess).map((a) => a.statusMessage)).toEqual([])
    }
    expect(axon.stats.sessions).toBe(1)
    const text = await axon.metricsRegistry.metrics()
    const onSession = Number(
      /hetu_axon_session_requests_total\{synapse="Echo",status="200"[^}]*\} (\d+)/.exec(text)?.[1],
    )
    expect(onSession).toBeGreaterThanOrEqual(1 + 3 * 4)
    expect(onSession).toBeLessThan(1 + 3 * 16)
    expect(axon.stats.nonceEntries).toBeGreaterThan(0) // the lanes past 4, signed
  })

  it('an axon with sessions off is called signed', async () => {
    const axon: Axon = await echoAxon({ sessions: false })
    const answer = await dendrite().call(axon, new Echo({ text: 'x' }))
    expect(answer.statusCode).toBe(200)
    expect((await postInit(axon.url, '{}')).status).toBe(404)
    expect(axon.stats.nonceEntries).toBe(1)
  })
})
