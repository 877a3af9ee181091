import { readFileSync } from 'node:fs'
import { createServer, request as httpRequest, type Server } from 'node:http'
import { connect } from 'node:net'
import { request as undiciRequest } from 'undici'
import { z } from 'zod'
import { Axon } from '../../src/axon/axon.js'
import type { AxonLogger, AxonOptions } from '../../src/axon/types.js'
import { nowNs } from '../../src/protocol/nonce.js'
import { type EncodedRequest, encodeRequest, preparePayload } from '../../src/protocol/request.js'
import { type MessageSigner, toMessageSigner } from '../../src/protocol/signer.js'
import { defineSynapse, type SynapseBase } from '../../src/protocol/synapse.js'
import type { TerminalInfo } from '../../src/protocol/terminalInfo.js'

/** A terminal info with every field set (the nonce above 2^53). */
export const fullTerminalInfo = {
  statusCode: 200,
  statusMessage: 'Success',
  processTime: 0.25,
  ip: '10.0.0.1',
  port: 8091,
  version: 1000,
  nonce: 1751980800123456789n,
  uuid: 'c4c7b9dc-8904-45cb-bf7a-baf3010b265a',
  hotkey: '0x6b7687d760d9B09a17A1B1Abaf442A718fCfBF03',
  signature: `0x${'ab'.repeat(65)}`,
} as const satisfies TerminalInfo

/** The Python-format vectors (test/fixtures/protocol-vectors.json, made by vectors/generate.py). */
export interface RequestVector {
  label: string
  synapse: string
  fields: Record<string, unknown>
  hashFields: string[]
  fieldStr: Record<string, string>
  nonce: string
  timeout: number
  uuid: string
  dendriteIp: string
  axon: { ip: string; port: number; hotkey: string }
  bodyHash: string
  message: string
  signature: string
  headers: Record<string, string>
  body: string
}

export interface Vectors {
  keys: {
    dendrite: { privateKey: `0x${string}`; address: `0x${string}` }
    axon: { privateKey: `0x${string}`; address: `0x${string}` }
  }
  emptySha3: string
  pythonStr: { type: string; value: unknown; str: string }[]
  floatRepr: [number, string][]
  requests: RequestVector[]
  pythonAxon: {
    errorResponse: {
      status: number
      message: string
      signature: string
      headers: Record<string, string>
      body: string
    }
    successResponse: {
      status: number
      headers: Record<string, string>
      body: string
      fields: Record<string, unknown>
    }
  }
}

export const vectors: Vectors = JSON.parse(
  readFileSync(new URL('../fixtures/protocol-vectors.json', import.meta.url), 'utf8'),
)

/** The vectors' ComputeTask, declared as the Python class is (hash fields in their declared order). */
export const ComputeTask = defineSynapse({
  name: 'ComputeTask',
  request: z.object({
    task: z.string(),
    values: z.array(z.number()),
    weights: z.record(z.string(), z.number()),
    temperature: z.number(),
    top_k: z.number().int(),
    tags: z.array(z.string()).nullable().optional(),
    flag: z.boolean().default(false),
  }),
  response: z.object({ result: z.string().nullable().optional() }),
  hashFields: ['values', 'task', 'weights', 'temperature', 'top_k', 'tags', 'flag'],
})

/** A logger that keeps every line (to assert that nothing secret is logged). */
export function memoryLogger(): AxonLogger & { lines: string[] } {
  const lines: string[] = []
  const write = (level: string) => (fields: object, message?: string) => {
    lines.push(`${level} ${message ?? ''} ${JSON.stringify(fields)}`)
  }
  return { lines, debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') }
}

export interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A plain HTTP request with exactly these headers and body (no client-side normalisation). */
export function rawRequest(
  url: string,
  options: {
    method?: string
    path?: string
    /** An array value sends the header once per element. */
    headers?: Record<string, string | string[]>
    body?: string | Buffer
  } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(options.path ?? '/', url)
    const req = httpRequest(
      target,
      { method: options.method ?? 'POST', headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

/**
 * Sends the head of a request and `sentBytes` of its body over a raw socket, then stalls
 * (slowloris); resolves with the status line the server answers with.
 */
export function slowBodyRequest(port: number, head: string, sentBytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(head + sentBytes))
    let received = ''
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1')
    })
    socket.on('close', () => resolve(received.split('\r\n')[0] ?? ''))
    socket.on('error', reject)
  })
}

/** An axon on 127.0.0.1, a free port, no metrics server, logging into memory (not started). */
export function testAxon(options: AxonOptions = {}): Axon & { logs: string[] } {
  const logger = memoryLogger()
  const axon = new Axon({ ip: '127.0.0.1', port: 0, prometheus: false, logger, ...options }) as Axon & {
    logs: string[]
  }
  axon.logs = logger.lines
  return axon
}

let testNonce = 0n

/** A correctly signed request of `synapse` for `axon`, to tamper with in attack tests. */
export async function signedRequest(
  axon: { hotkey: string; port: number },
  synapse: SynapseBase,
  options: {
    signer?: MessageSigner
    nonce?: bigint
    uuid?: string
    timeout?: number
    axonHotkey?: string
  } = {},
): Promise<EncodedRequest & { signer: MessageSigner }> {
  const signer = options.signer ?? toMessageSigner()
  const now = nowNs()
  testNonce = now > testNonce ? now : testNonce + 1n
  const encoded = await encodeRequest(
    preparePayload(synapse.definition, synapse.requestValues()),
    { signer, uuid: options.uuid ?? 'test-uuid', ip: '127.0.0.1', version: 1000 },
    { ip: '127.0.0.1', port: axon.port, hotkey: options.axonHotkey ?? axon.hotkey },
    options.nonce ?? testNonce,
    options.timeout ?? 12,
  )
  return { ...encoded, signer }
}

/** Sends an encoded request (possibly tampered) to the axon. */
export function send(
  url: string,
  request: Pick<EncodedRequest, 'path' | 'headers' | 'body'>,
): Promise<RawResponse> {
  return rawRequest(url, {
    path: request.path,
    headers: { 'content-type': 'application/json', ...request.headers },
    body: request.body,
  })
}

/** A promise with its resolve function exposed (to hold handlers until a test releases them). */
export function gate<T = void>(): { promise: Promise<T>; open: (value: T) => void } {
  let open!: (value: T) => void
  const promise = new Promise<T>((resolve) => {
    open = resolve
  })
  return { promise, open }
}

/**
 * A man in the middle that forwards requests to `targetUrl` and rewrites the answers on their way
 * back: `rewrite` returns the new body and may change the headers (content-length is set after it);
 * `GET`s are forwarded as `GET`s, anything else as a `POST`.
 */
export async function tamperingProxy(
  targetUrl: string,
  rewrite: (
    body: string,
    headers: Record<string, string>,
    request: { method: string; url: string },
  ) => string,
): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', async () => {
      const method = req.method === 'GET' ? 'GET' : 'POST'
      const upstream = await undiciRequest(new URL(req.url!, targetUrl), {
        method,
        headers: req.headers as Record<string, string>,
        body: method === 'GET' ? undefined : Buffer.concat(chunks),
      })
      const headers = { ...upstream.headers } as Record<string, string>
      const body = rewrite(await upstream.body.text(), headers, { method, url: req.url! })
      headers['content-length'] = String(Buffer.byteLength(body))
      res.writeHead(upstream.statusCode, headers).end(body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return server
}
