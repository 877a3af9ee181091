import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { Dendrite } from '../../src/dendrite/dendrite.js'
import { defineSynapse } from '../../src/protocol/synapse.js'
import { tamperingProxy, testAxon } from '../protocol/support.js'

const Score = defineSynapse({
  name: 'Score',
  request: z.object({ item: z.string() }),
  response: z.object({ score: z.number() }),
})

describe('response signature verification', () => {
  const axon = testAxon()
  let proxy: Server
  let proxyPort: number

  beforeAll(async () => {
    await axon.attach(Score, (s) => ({ score: s.item.length / 10 })).start()
    proxy = await tamperingProxy(axon.url, (body) => body.replace('"score":0.5', '"score":1.0'))
    proxyPort = (proxy.address() as AddressInfo).port
  })
  afterAll(async () => {
    proxy.close()
    await axon.stop()
  })

  it('accepts an answer signed by the target hotkey over the response fields', async () => {
    await using dendrite = new Dendrite({ verifyResponses: true })
    const answer = await dendrite.call(axon, new Score({ item: 'abcde' }))
    expect(answer.statusCode).toBe(200)
    expect(answer.score).toBe(0.5)
  })

  it('rejects a response altered on the way (422, content not taken)', async () => {
    const viaProxy = { ip: '127.0.0.1', port: proxyPort, hotkey: axon.hotkey }
    await using checking = new Dendrite({ verifyResponses: true })
    const answer = await checking.call(viaProxy, new Score({ item: 'abcde' }))
    expect(answer.statusCode).toBe(422)
    expect(answer.score).toBeUndefined()
    // On the signed lane without verification the altered value gets through: that is what the
    // option is for. (The session lane always checks its answers' MACs: test/axon/session.test.ts.)
    await using trusting = new Dendrite({ sessions: false })
    expect((await trusting.call(viaProxy, new Score({ item: 'abcde' }))).score).toBe(1)
  })

  it('rejects an answer signed by another key than the expected hotkey', async () => {
    const impostor = testAxon()
    await impostor.attach(Score, () => ({ score: 0.99 })).start()
    try {
      await using dendrite = new Dendrite({ verifyResponses: 'if-signed' })
      // The request is signed for the expected hotkey, so the impostor refuses it (401); a forged
      // 200 would need the impostor to accept any axon hotkey, which the verification catches.
      const answer = await dendrite.call(
        { ip: '127.0.0.1', port: impostor.port, hotkey: axon.hotkey },
        new Score({ item: 'x' }),
      )
      expect(answer.isSuccess).toBe(false)
    } finally {
      await impostor.stop()
    }
  })
})
