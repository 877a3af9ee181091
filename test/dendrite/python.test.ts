import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { Dendrite } from '../../src/dendrite/dendrite.js'
import { recoverMessageSigner, requestMessage } from '../../src/protocol/signature.js'
import { Synapse } from '../../src/protocol/synapse.js'
import { ComputeTask, vectors } from '../protocol/support.js'

interface Captured {
  method: string | undefined
  url: string | undefined
  headers: IncomingHttpHeaders
  body: string
}

/** A bare HTTP server standing in for a Python axon: records the request, answers as told. */
async function fakeAxon(answer: { status: number; headers: Record<string, string>; body: string }) {
  const captured: Captured[] = []
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      captured.push({
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      })
      res.writeHead(answer.status, { ...answer.headers, 'content-type': 'application/json' }).end(answer.body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return { server, captured, port }
}

const servers: Server[] = []
afterEach(() => {
  for (const server of servers.splice(0)) server.close()
})

describe('our dendrite produces the Python request format', () => {
  it.each([
    ['default Synapse', () => new Synapse({ completion: 'add 15 25' }), 0],
    ['ComputeTask', () => new ComputeTask(vectors.requests[1]!.fields as never), 1],
  ] as const)('%s', async (_label, make, index) => {
    const vector = vectors.requests[index]!
    const fake = await fakeAxon({ status: 200, headers: {}, body: '{}' })
    servers.push(fake.server)
    await using dendrite = new Dendrite({
      hotkey: vectors.keys.dendrite.privateKey,
      externalIp: vector.dendriteIp,
    })
    // A lower-case hotkey: the dendrite must still sign the checksummed form
    // (docs/protocol.md#what-a-dendrite-signs).
    const target = { ip: '127.0.0.1', port: fake.port, hotkey: vectors.keys.axon.address.toLowerCase() }
    await dendrite.call(target, make(), { timeout: vector.timeout * 1000 })

    // Before its first call the dendrite asks `GET /` whether the axon offers sessions
    // (docs/session.md); a Python axon does not, so the call itself goes signed.
    expect(fake.captured.map((c) => `${c.method} ${c.url}`)).toEqual(['GET /', `POST /${vector.synapse}`])
    const request = fake.captured[1]!
    expect(request.method).toBe('POST')
    expect(request.url).toBe(`/${vector.synapse}`)
    const protocolHeaders = Object.keys(request.headers).filter(
      (name) =>
        name.startsWith('bt_header_') ||
        ['name', 'timeout', 'header_size', 'total_size', 'computed_body_hash'].includes(name),
    )
    expect(protocolHeaders.sort()).toEqual(Object.keys(vector.headers).sort())
    const h = request.headers as Record<string, string>
    // Same values wherever the value does not depend on the moment or the instance.
    for (const name of Object.keys(vector.headers)) {
      if (/nonce|uuid|signature|_size$|axon_port/.test(name)) continue
      expect(h[name], name).toBe(vector.headers[name])
    }
    expect(h.bt_header_axon_port).toBe(String(fake.port))
    expect(h.bt_header_dendrite_uuid).toBe(dendrite.uuid)
    // The signature verifies exactly as the Python axon checks it.
    const message = requestMessage({
      nonce: BigInt(h.bt_header_dendrite_nonce!),
      dendriteHotkey: h.bt_header_dendrite_hotkey!,
      axonHotkey: vectors.keys.axon.address,
      uuid: h.bt_header_dendrite_uuid!,
      bodyHash: h.computed_body_hash!,
    })
    expect(await recoverMessageSigner(message, h.bt_header_dendrite_signature)).toBe(
      vectors.keys.dendrite.address.toLowerCase(),
    )
    // The body has the model_dump() layout of the Python synapse.
    const body = JSON.parse(request.body)
    const python = JSON.parse(vector.body)
    delete python.result
    expect(Object.keys(body)).toEqual(Object.keys(python))
    expect(Object.keys(body.dendrite)).toEqual(Object.keys(python.dendrite))
    for (const field of Object.keys(vector.fields)) expect(body[field]).toEqual(python[field])
    expect(body.computed_body_hash).toBe(vector.bodyHash)
    expect(request.body).toContain(`"nonce":${h.bt_header_dendrite_nonce}`)
  })
})

describe('our dendrite reads Python axon answers', () => {
  const target = (port: number) => ({ ip: '127.0.0.1', port, hotkey: vectors.keys.axon.address })

  it('an unsigned 200 (Python axons sign only errors) unless signatures are required', async () => {
    const { successResponse } = vectors.pythonAxon
    const fake = await fakeAxon(successResponse)
    servers.push(fake.server)
    await using dendrite = new Dendrite({ hotkey: vectors.keys.dendrite.privateKey })
    for (const verifyResponses of [false, 'if-signed'] as const) {
      const answer = await dendrite.call(target(fake.port), new Synapse({ completion: 'add 15 25' }), {
        verifyResponses,
      })
      expect(answer.statusCode).toBe(200)
      expect(answer.completion).toBe(successResponse.fields.completion)
      expect(answer.axon.processTime).toBe(0.0123)
    }
    const strict = await dendrite.call(target(fake.port), new Synapse({ completion: 'add 15 25' }), {
      verifyResponses: true,
    })
    expect(strict.statusCode).toBe(422)
    expect(strict.completion).toBe('add 15 25') // the unverified content was not taken
  })

  it('a signed error answer: status and message', async () => {
    const { errorResponse } = vectors.pythonAxon
    const fake = await fakeAxon(errorResponse)
    servers.push(fake.server)
    await using dendrite = new Dendrite({ hotkey: vectors.keys.dendrite.privateKey })
    const answer = await dendrite.call(target(fake.port), new Synapse({ completion: 'x' }))
    expect(answer.statusCode).toBe(403)
    expect(answer.isBlacklist).toBe(true)
    expect(answer.statusMessage).toBe('Forbidden. Key is blacklisted: not a validator.')
    expect(answer.axon.signature).toBe(errorResponse.signature)
    expect(answer.axon.nonce).toBe(BigInt(errorResponse.headers.bt_header_axon_nonce!))
  })

  it('422 for an answer that is not a synapse', async () => {
    const fake = await fakeAxon({ status: 200, headers: {}, body: 'not json' })
    servers.push(fake.server)
    await using dendrite = new Dendrite()
    const answer = await dendrite.call(target(fake.port), new Synapse({ completion: 'x' }))
    expect(answer.statusCode).toBe(422)
  })
})
