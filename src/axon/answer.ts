import type { Hex } from 'viem'
import { responseMessage } from '../protocol/signature.js'
import { signMessageNow } from '../protocol/signer.js'
import {
  isSynapse,
  parseResponseFields,
  type SynapseBase,
  type SynapseDefinition,
} from '../protocol/synapse.js'
import type { TerminalInfo } from '../protocol/terminalInfo.js'
import type { AxonCore, Exchange, Routed } from './core.js'
import { AxonRejection } from './rejection.js'

/** Seconds since the request's headers arrived. */
export function processTime(exchange: Exchange): number {
  return (performance.now() - exchange.startedAt) / 1000
}

/** The axon's terminal info for an answer, with a fresh nonce; not signed yet. */
export function axonInfo(
  core: AxonCore,
  exchange: Exchange,
  statusCode: number,
  statusMessage: string,
): TerminalInfo & { nonce: bigint } {
  return {
    statusCode,
    statusMessage,
    processTime: processTime(exchange),
    version: core.version,
    nonce: core.clock.next(),
    uuid: core.uuid,
    hotkey: core.signer.address,
  }
}

/**
 * The signature of `info`, or undefined when answers go unsigned (signResponses off, or the caller
 * named no hotkey). `responseHash` present: the five-part success message; absent: Python's four-part
 * message (error answers).
 */
export function signAxonInfo(
  core: AxonCore,
  exchange: Exchange,
  info: TerminalInfo & { nonce: bigint },
  responseHash?: string,
): Hex | Promise<Hex> | undefined {
  const dendriteHotkey = exchange.headers?.dendrite.hotkey
  if (dendriteHotkey === undefined || !core.signResponses) return undefined
  const message = responseMessage({
    nonce: info.nonce,
    dendriteHotkey,
    axonHotkey: core.signer.address,
    uuid: core.uuid,
    responseHash,
  })
  return signMessageNow(core.signer, message)
}

/** The axon's terminal info, signed when answers are: for answers already waiting (errors, streams). */
export async function signedAxonInfo(
  core: AxonCore,
  exchange: Exchange,
  statusCode: number,
  statusMessage: string,
  responseHash?: string,
): Promise<TerminalInfo> {
  const info = axonInfo(core, exchange, statusCode, statusMessage)
  const signature = await signAxonInfo(core, exchange, info, responseHash)
  if (signature !== undefined) info.signature = signature
  return info
}

/** Response fields from a handler's result: a synapse, a plain object of fields, or nothing. */
export function collectResponse(synapse: SynapseBase, result: unknown): Record<string, unknown> {
  if (result !== undefined && result !== null && !isSynapse(result)) Object.assign(synapse, result)
  const source = isSynapse(result) ? result : synapse
  return source.responseValues()
}

/** Validates a handler's response fields against the response schema (500 when they do not fit). */
export function validateResponse(core: AxonCore, exchange: Routed, values: Record<string, unknown>) {
  try {
    return parseResponseFields(exchange.route.definition, values) as Record<string, unknown>
  } catch (error) {
    core.logger.error(
      { synapse: exchange.route.definition.name, details: (error as { details?: string }).details },
      'axon handler returned fields that do not match the response schema',
    )
    throw new AxonRejection(500, 'bad_response', 'Internal Server Error: response does not match its schema')
  }
}

const ARRAY_INDEX = /^(0|[1-9]\d*)$/
const hasToJSON = (value: unknown) =>
  typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function'

/** `"name":` of each field an answer may carry, request fields first; null when a schema keeps unknown keys. */
const answerFieldKeys = new WeakMap<SynapseDefinition, readonly (readonly [string, string])[] | null>()

function fieldKeysOf(definition: SynapseDefinition): readonly (readonly [string, string])[] | null {
  let keys = answerFieldKeys.get(definition)
  if (keys === undefined) {
    const strict = [definition.request, definition.response].every(
      (schema) => (schema._zod.def as { catchall?: unknown }).catchall === undefined,
    )
    const names = [...new Set([...definition.requestFields, ...definition.responseFields])]
    // Integer-like names come first in a JS object whatever their place: the merged object's order.
    keys =
      strict && !names.some((name) => ARRAY_INDEX.test(name))
        ? names.map((name) => [name, `${JSON.stringify(name)}:`] as const)
        : null
    answerFieldKeys.set(definition, keys)
  }
  return keys
}

/**
 * The answer's fields as JSON text, as `JSON.stringify({ ...requestValues, ...responseValues })`
 * writes them (request fields first, a response value in place of a request field of the same
 * name), without copying both objects into a third on every answer.
 */
export function answerFieldsJson(
  definition: SynapseDefinition,
  requestValues: Record<string, unknown>,
  responseValues: Record<string, unknown>,
): string {
  const keys = fieldKeysOf(definition)
  if (!keys) return JSON.stringify({ ...requestValues, ...responseValues })
  let json = ''
  for (const [name, key] of keys) {
    const value = Object.hasOwn(responseValues, name)
      ? responseValues[name]
      : Object.hasOwn(requestValues, name)
        ? requestValues[name]
        : undefined
    const text =
      value === undefined
        ? undefined
        : hasToJSON(value)
          ? // toJSON(key) gets its field's name, as inside the merged object.
            JSON.stringify({ [name]: value }).slice(key.length + 1, -1) || undefined
          : JSON.stringify(value)
    if (text !== undefined) json += json === '' ? `{${key}${text}` : `,${key}${text}`
  }
  return json === '' ? '{}' : `${json}}`
}
