import { once } from 'node:events'
import { encodeSynapseBody } from '../../protocol/body.js'
import { sha3Hex } from '../../protocol/crypto/sha3.js'
import { headerNames, terminalInfoToHeaders } from '../../protocol/headers.js'
import { computeResponseHash } from '../../protocol/responseHash.js'
import { parseChunk } from '../../protocol/synapse.js'
import { answerFieldsJson, collectResponse, signedAxonInfo, validateResponse } from '../answer.js'
import { type AxonCore, callerContext, handlerFailure, type Parsed } from '../core.js'
import { AxonRejection } from '../rejection.js'

/** Wire format of a stream, chosen by the request's `accept` header. */
export type StreamFormat = 'sse' | 'ndjson'

/**
 * The stream format a request asks for: NDJSON, SSE (also for `*\/*`, what aiohttp sends), or none
 * (no `accept`, or only JSON): then the chunks are consumed and one JSON answer is sent.
 */
export function streamFormat(accept: string | undefined): StreamFormat | undefined {
  if (!accept) return undefined
  if (accept.includes('application/x-ndjson')) return 'ndjson'
  if (accept.includes('text/event-stream') || accept.includes('*/*')) return 'sse'
  return undefined
}

/**
 * One frame of a stream. SSE: `data: <chunk>` per chunk, then `event: synapse` or `event: error`.
 * NDJSON: `{"chunk":<chunk>}` per line, then `{"synapse":…}` or `{"error":…}`. The chunk's JSON
 * text is embedded verbatim, so the dendrite hashes exactly the bytes the axon hashed.
 */
export function frame(format: StreamFormat, kind: 'chunk' | 'synapse' | 'error', json: string): string {
  if (format === 'sse') return kind === 'chunk' ? `data: ${json}\n\n` : `event: ${kind}\ndata: ${json}\n\n`
  return `{"${kind}":${json}}\n`
}

/**
 * Stage 6+7 for streaming synapses: headers (200) go out first, then each chunk as the handler
 * yields it (with backpressure), then the final synapse signed over every chunk and the response
 * fields. Errors after the first byte become an `error` frame.
 */
export async function forwardStream(core: AxonCore, exchange: Parsed): Promise<void> {
  const { res, route, synapse } = exchange
  const definition = route.definition
  // The runner chose this stage for a request that asks for a stream.
  const format = streamFormat(exchange.req.headers.accept) as StreamFormat
  const signal = exchange.signal

  let iterator: AsyncIterator<unknown, unknown>
  try {
    const source = route.forward(synapse, callerContext(exchange)) as AsyncIterable<unknown>
    iterator = source[Symbol.asyncIterator]()
  } catch (error) {
    throw handlerFailure(core, exchange, error)
  }

  const headers: Record<string, string> = {
    'content-type': format === 'sse' ? 'text/event-stream' : 'application/x-ndjson',
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no',
    name: definition.name,
  }
  terminalInfoToHeaders(
    headerNames.axonPrefix,
    { version: core.version, uuid: core.uuid, hotkey: core.signer.address },
    headers,
  )
  res.writeHead(200, headers)
  res.flushHeaders()

  let digests = ''
  try {
    let result: unknown
    for (;;) {
      if (signal.aborted) {
        await iterator.return?.()
        return
      }
      const step = await iterator.next()
      if (step.done) {
        result = step.value
        break
      }
      let json: string
      try {
        json = JSON.stringify(parseChunk(definition, step.value))
      } catch {
        throw new AxonRejection(500, 'bad_response', 'Internal Server Error: chunk does not match its schema')
      }
      digests += sha3Hex(json)
      if (!res.write(frame(format, 'chunk', json)))
        await Promise.race([once(res, 'drain'), once(signal, 'abort')])
    }
    const responseValues = validateResponse(core, exchange, collectResponse(synapse, result))
    const axon = await signedAxonInfo(
      core,
      exchange,
      200,
      'Success',
      computeResponseHash(definition, responseValues, digests),
    )
    const fieldsJson = answerFieldsJson(definition, exchange.requestValues, responseValues)
    const body = encodeSynapseBody(
      {
        name: definition.name,
        timeout: exchange.headers.timeout ?? 12,
        totalSize: fieldsJson.length,
        headerSize: 0,
        dendrite: exchange.headers.dendrite,
        axon,
        computedBodyHash: exchange.headers.computedBodyHash ?? '',
      },
      fieldsJson,
    )
    // The axon's terminal info travels as header strings too: the body's nonce is a JSON number above 2^53.
    const axonHeaders = terminalInfoToHeaders(headerNames.axonPrefix, axon, {})
    res.end(frame(format, 'synapse', `{"headers":${JSON.stringify(axonHeaders)},"body":${body}}`))
  } catch (error) {
    const rejection = error instanceof AxonRejection ? error : handlerFailure(core, exchange, error)
    await Promise.resolve(iterator.return?.()).catch(() => undefined)
    if (!res.destroyed)
      res.end(
        frame(format, 'error', JSON.stringify({ status: rejection.status, message: rejection.message })),
      )
    throw new StreamEnded(rejection)
  }
}

/**
 * Stage 6 for a streaming synapse called without asking for a stream: runs the handler to the end,
 * checking each chunk but keeping none; its result is answered as one JSON response (stage 7).
 */
export async function drainStream(_core: AxonCore, exchange: Parsed): Promise<unknown> {
  const definition = exchange.route.definition
  const iterator = (
    exchange.route.forward(exchange.synapse, callerContext(exchange)) as AsyncIterable<unknown>
  )[Symbol.asyncIterator]()
  for (;;) {
    const step = await iterator.next()
    if (step.done) return step.value
    try {
      parseChunk(definition, step.value)
    } catch {
      await Promise.resolve(iterator.return?.()).catch(() => undefined)
      throw new AxonRejection(500, 'bad_response', 'Internal Server Error: chunk does not match its schema')
    }
    if (exchange.aborted) {
      await Promise.resolve(iterator.return?.()).catch(() => undefined)
      throw new AxonRejection(499, 'client_closed', 'Client closed request')
    }
  }
}

/** Raised after an error frame was written, so the pipeline records the failure without answering again. */
export class StreamEnded {
  constructor(readonly rejection: AxonRejection) {}
}
