import { encodeSynapseBody } from './body.js'
import { computeBodyHash } from './bodyHash.js'
import { headerNames, terminalInfoToHeaders } from './headers.js'
import { pythonFloatRepr, type SchemaLike } from './pythonRepr.js'
import { requestMessage } from './signature.js'
import { type MessageSigner, signMessageNow } from './signer.js'
import type { SynapseDefinition } from './synapse.js'
import type { TerminalInfo } from './terminalInfo.js'

/** Parts of a request that do not depend on the target axon, computed once per fan-out. */
export interface PreparedPayload {
  definition: SynapseDefinition
  /** JSON object text of the request fields. */
  fieldsJson: string
  /** Computed on first use: the session lane sends no body hash (docs/session.md). */
  readonly bodyHash: string
  /** `bt_header_input_obj_*` headers; computed on first use, as the body hash. */
  readonly inputObjHeaders: Record<string, string>
}

/**
 * Python sends `base64(json.dumps(type(value)()))` for every field without a default so that its
 * axon can build the synapse from headers alone: `""` → `IiI=`, `0` → `MA==`, `0.0` → `MC4w`.
 */
export function inputObjHeaderValue(value: unknown, schema?: SchemaLike): string | undefined {
  let empty: string
  if (value === null || value === undefined) return undefined
  if (typeof value === 'string') empty = '""'
  else if (typeof value === 'boolean') empty = 'false'
  else if (typeof value === 'number' || typeof value === 'bigint') {
    let type = schema?._zod.def.type
    let inner = schema
    while (inner && type !== 'number' && (inner._zod.def as { innerType?: SchemaLike }).innerType) {
      inner = (inner._zod.def as { innerType?: SchemaLike }).innerType as SchemaLike
      type = inner._zod.def.type
    }
    const isInt =
      typeof value === 'bigint' ||
      (inner && type === 'number' ? (inner as { isInt?: boolean }).isInt === true : Number.isInteger(value))
    empty = isInt ? '0' : '0.0'
  } else if (Array.isArray(value)) empty = '[]'
  else empty = '{}'
  return emptyBase64[empty]
}

/** base64 of each empty JSON value (constants: this runs for every field of every request). */
const emptyBase64: Record<string, string> = Object.fromEntries(
  ['""', 'false', '0', '0.0', '[]', '{}'].map((text) => [text, Buffer.from(text).toString('base64')]),
)

/**
 * Serialises the request fields (once per query); their body hash and input object headers are
 * computed on first use (once per query too), so calls on the session lane never compute them.
 */
export function preparePayload(
  definition: SynapseDefinition,
  values: Record<string, unknown>,
): PreparedPayload {
  return new Payload(definition, values)
}

/**
 * A class, not an object literal with getters: such a literal cost ~0.8 µs to make, on every call,
 * and the session lane needs neither the hash nor the headers.
 */
class Payload implements PreparedPayload {
  readonly fieldsJson: string
  #bodyHash: string | undefined
  #inputObjHeaders: Record<string, string> | undefined

  constructor(
    readonly definition: SynapseDefinition,
    readonly values: Record<string, unknown>,
  ) {
    this.fieldsJson = JSON.stringify(values)
  }

  get bodyHash(): string {
    this.#bodyHash ??= computeBodyHash(
      this.values,
      this.definition.hashFields,
      this.definition.request.shape as Record<string, SchemaLike>,
    )
    return this.#bodyHash
  }

  get inputObjHeaders(): Record<string, string> {
    if (!this.#inputObjHeaders) {
      const shape = this.definition.request.shape as Record<string, SchemaLike>
      const headers: Record<string, string> = {}
      for (const field of this.definition.requiredRequestFields) {
        const encoded = inputObjHeaderValue(this.values[field], shape[field])
        if (encoded !== undefined) headers[headerNames.inputObjPrefix + field] = encoded
      }
      this.#inputObjHeaders = headers
    }
    return this.#inputObjHeaders
  }
}

/** Who signs and from where: the dendrite's side of a request. */
export interface RequestSender {
  signer: MessageSigner
  /** The dendrite's uuid (fixed per instance). */
  uuid: string
  /** IP the dendrite reports (`bt_header_dendrite_ip`). */
  ip: string
  version: number
}

/** The axon being called. `hotkey` must be EIP-55 checksummed (the Python axon rebuilds it so). */
export interface RequestTarget {
  ip: string
  port: number
  hotkey: string
}

/** A request ready to send: headers and JSON body as docs/protocol.md lays them out. */
export interface EncodedRequest {
  path: string
  headers: Record<string, string>
  body: string
  dendrite: TerminalInfo
  axon: TerminalInfo
}

/** Signs and encodes one request of `payload` from `sender` to `target` with `nonce`. */
export async function encodeRequest(
  payload: PreparedPayload,
  sender: RequestSender,
  target: RequestTarget,
  nonce: bigint,
  timeoutSeconds: number,
): Promise<EncodedRequest> {
  return encodeRequestNow(payload, sender, target, nonce, timeoutSeconds)
}

/**
 * {@link encodeRequest}, synchronous when the signer is (a raw key on the native backend).
 * `uuid` overrides the sender's (a dendrite's concurrent lanes, see `UuidLanes`).
 */
export function encodeRequestNow(
  payload: PreparedPayload,
  sender: RequestSender,
  target: RequestTarget,
  nonce: bigint,
  timeoutSeconds: number,
  uuid: string = sender.uuid,
): EncodedRequest | Promise<EncodedRequest> {
  const dendrite: TerminalInfo = {
    ip: sender.ip,
    version: sender.version,
    nonce,
    uuid,
    hotkey: sender.signer.address,
  }
  const axon: TerminalInfo = { ip: target.ip, port: target.port, hotkey: target.hotkey }
  const signature = signMessageNow(
    sender.signer,
    requestMessage({
      nonce,
      dendriteHotkey: sender.signer.address,
      axonHotkey: target.hotkey,
      uuid,
      bodyHash: payload.bodyHash,
    }),
  )
  if (signature instanceof Promise)
    return signature.then((hex) => assembleRequest(payload, timeoutSeconds, dendrite, axon, hex))
  return assembleRequest(payload, timeoutSeconds, dendrite, axon, signature)
}

function assembleRequest(
  payload: PreparedPayload,
  timeoutSeconds: number,
  dendrite: TerminalInfo,
  axon: TerminalInfo,
  signature: string,
): EncodedRequest {
  dendrite.signature = signature
  const name = payload.definition.name
  const headers: Record<string, string> = { name, timeout: pythonFloatRepr(timeoutSeconds) }
  terminalInfoToHeaders(headerNames.axonPrefix, axon, headers)
  terminalInfoToHeaders(headerNames.dendritePrefix, dendrite, headers)
  Object.assign(headers, payload.inputObjHeaders)
  let headerSize = 0
  for (const key in headers) headerSize += key.length + headers[key]!.length
  const totalSize = Buffer.byteLength(payload.fieldsJson)
  headers[headerNames.headerSize] = String(headerSize)
  headers[headerNames.totalSize] = String(totalSize)
  headers[headerNames.bodyHash] = payload.bodyHash
  const body = encodeSynapseBody(
    {
      name,
      timeout: timeoutSeconds,
      totalSize,
      headerSize: 0,
      dendrite,
      axon,
      computedBodyHash: payload.bodyHash,
    },
    payload.fieldsJson,
  )
  return { path: `/${name}`, headers, body, dendrite, axon }
}
