import { z } from 'zod'
import { wireMetaFields } from './body.js'
import { computeBodyHash } from './bodyHash.js'
import { SynapseDefinitionError, SynapseValidationError } from './errors.js'
import type { SchemaLike } from './pythonRepr.js'
import type { TerminalInfo } from './terminalInfo.js'

/** Schemas of a synapse's request and response fields: zod objects, so field order is known. */
export type FieldsSchema = z.ZodObject

/** What {@link defineSynapse} takes. */
export interface SynapseSpec<
  TReq extends FieldsSchema,
  TRes extends FieldsSchema,
  TChunk extends z.ZodType | undefined,
  TOut,
> {
  /** Route name: requests go to `POST /{name}`. Letters, digits and `_`. */
  name: string
  /** Fields the dendrite sends. */
  request: TReq
  /** Fields the axon fills in (a field may be in both, like the default Synapse's `completion`). */
  response: TRes
  /**
   * Request fields covered by the body hash, hashed in this order. Defaults to every request
   * field, so the hash always binds the signed message to the content.
   */
  hashFields?: readonly (keyof z.output<TReq> & string)[]
  /** Schema of each streamed chunk; makes this a streaming synapse (`Dendrite.callStream`). */
  chunk?: TChunk
  /** What `synapse.deserialize()` (and `query(…, { deserialize: true })`) returns. */
  deserialize?: (synapse: SynapseInstance<TReq, TRes, TChunk, never>) => TOut
}

/** A defined synapse type, as the Axon and Dendrite use it. */
export interface SynapseDefinition<
  TReq extends FieldsSchema = FieldsSchema,
  TRes extends FieldsSchema = FieldsSchema,
  TChunk extends z.ZodType | undefined = z.ZodType | undefined,
  TOut = unknown,
> {
  readonly name: string
  readonly request: TReq
  readonly response: TRes
  readonly chunk: TChunk
  readonly hashFields: readonly string[]
  /** Request field names in declaration order. */
  readonly requestFields: readonly string[]
  /** Response field names in declaration order. */
  readonly responseFields: readonly string[]
  /** Request fields without a default (Python sends `bt_header_input_obj_<field>` for them). */
  readonly requiredRequestFields: readonly string[]
  readonly deserialize: ((synapse: never) => TOut) | undefined
}

/** Response field values (those also in the request included), as set on a filled synapse. */
type ResponseOnly<TReq extends FieldsSchema, TRes extends FieldsSchema> = Omit<
  z.output<TRes>,
  keyof z.output<TReq>
>

/** A synapse value: request fields, response fields once filled, protocol metadata and status. */
export type SynapseInstance<
  TReq extends FieldsSchema = FieldsSchema,
  TRes extends FieldsSchema = FieldsSchema,
  TChunk extends z.ZodType | undefined = z.ZodType | undefined,
  TOut = never,
> = {
  // First in the intersection so that its signature wins over SynapseBase's.
  /** Python's `deserialize()`: the definition's `deserialize`, else the synapse itself. */
  deserialize(): [TOut] extends [never] ? SynapseInstance<TReq, TRes, TChunk, never> : TOut
  /** Phantom marker carrying the chunk type (never set). */
  readonly __chunk?: TChunk extends z.ZodType ? z.output<TChunk> : never
} & SynapseBase &
  z.output<TReq> &
  Partial<ResponseOnly<TReq, TRes>>

/** A synapse type made by {@link defineSynapse}: construct it with its request fields. */
export interface SynapseClass<
  TReq extends FieldsSchema = FieldsSchema,
  TRes extends FieldsSchema = FieldsSchema,
  TChunk extends z.ZodType | undefined = z.ZodType | undefined,
  TOut = never,
> {
  new (fields: z.input<TReq>): SynapseInstance<TReq, TRes, TChunk, TOut>
  readonly definition: SynapseDefinition<TReq, TRes, TChunk, TOut>
}

/** Any synapse class, for APIs that accept every type. */
// biome-ignore lint/suspicious/noExplicitAny: the variance of the zod generics needs `any` here.
export type AnySynapseClass = SynapseClass<any, any, any, any>

/** Instance type of a synapse class. */
export type SynapseOf<C extends AnySynapseClass> = InstanceType<C>
/** Input type of the response fields of a synapse class (what a handler may return). */
export type ResponseInputOf<C extends AnySynapseClass> = z.input<C['definition']['response']>
/** Output type of one streamed chunk. */
export type ChunkOf<C extends AnySynapseClass> = C['definition']['chunk'] extends z.ZodType
  ? z.output<C['definition']['chunk']>
  : never
/** Input type of one streamed chunk (what a streaming handler yields). */
export type ChunkInputOf<C extends AnySynapseClass> = C['definition']['chunk'] extends z.ZodType
  ? z.input<C['definition']['chunk']>
  : never

/**
 * Members every synapse has. Field values live on the instance itself (`synapse.completion`),
 * like the Python SDK, so a field may not reuse these names.
 */
export class SynapseBase {
  /** Total time the dendrite allows the call, in milliseconds (`timeout` seconds on the wire). */
  timeoutMs: number | undefined = undefined
  /** The calling end. On a filled synapse: the status the dendrite observed. */
  dendrite: TerminalInfo = {}
  /** The serving end, as the axon reported it. */
  axon: TerminalInfo = {}
  /** Body hash sent with the request (`computed_body_hash`). */
  computedBodyHash: string | undefined = undefined

  /** The synapse's definition (schemas, hash fields). */
  get definition(): SynapseDefinition {
    return (this.constructor as AnySynapseClass).definition
  }
  /** Route name, as Python's `synapse.name`. */
  get name(): string {
    return this.definition.name
  }
  /** HTTP status as seen by the dendrite (`dendrite.status_code`). */
  get statusCode(): number | undefined {
    return this.dendrite.statusCode
  }
  get statusMessage(): string | undefined {
    return this.dendrite.statusMessage
  }
  get isSuccess(): boolean {
    return this.dendrite.statusCode === 200
  }
  get isFailure(): boolean {
    return this.dendrite.statusCode !== undefined && this.dendrite.statusCode !== 200
  }
  get isTimeout(): boolean {
    return this.dendrite.statusCode === 408
  }
  get isBlacklist(): boolean {
    return this.dendrite.statusCode === 403
  }
  get failedVerification(): boolean {
    return this.dendrite.statusCode === 401
  }

  /** SHA3-256 body hash over the hash fields' current values (docs/protocol.md#body-hash). */
  bodyHash(): string {
    const def = this.definition
    return computeBodyHash(
      this.requestValues(),
      def.hashFields,
      def.request.shape as Record<string, SchemaLike>,
    )
  }

  /** The request field values, in declaration order. */
  requestValues(): Record<string, unknown> {
    return pick(this, this.definition.requestFields)
  }

  /** The response field values that are set, in declaration order. */
  responseValues(): Record<string, unknown> {
    return pick(this, this.definition.responseFields)
  }

  deserialize(): unknown {
    const fn = this.definition.deserialize as ((synapse: this) => unknown) | undefined
    return fn ? fn(this) : this
  }

  /** A copy with its own terminal infos (field values are shared, as Python's `model_copy`). */
  clone(): this {
    return this.cloneWith({ ...this.dendrite }, { ...this.axon })
  }

  /** @internal A copy carrying the given terminal infos (taken, not copied). */
  cloneWith(dendrite: TerminalInfo, axon: TerminalInfo): this {
    const copy = Object.create(Object.getPrototypeOf(this)) as this
    Object.assign(copy, this)
    copy.dendrite = dendrite
    copy.axon = axon
    return copy
  }

  /** The wire form of the synapse (Python `model_dump()`), nonces as strings. */
  toJSON(): Record<string, unknown> {
    const terminal = (info: TerminalInfo) => ({ ...info, nonce: info.nonce?.toString() })
    return {
      name: this.name,
      timeout: this.timeoutMs === undefined ? undefined : this.timeoutMs / 1000,
      dendrite: terminal(this.dendrite),
      axon: terminal(this.axon),
      computed_body_hash: this.computedBodyHash,
      ...this.requestValues(),
      ...this.responseValues(),
    }
  }
}

function pick(source: object, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of keys) {
    const value = (source as Record<string, unknown>)[key]
    if (value !== undefined) out[key] = value
  }
  return out
}

/** Field names a synapse may not use: wire metadata and the members of {@link SynapseBase}. */
export const reservedFieldNames: ReadonlySet<string> = new Set<string>([
  ...wireMetaFields,
  ...Object.getOwnPropertyNames(SynapseBase.prototype),
  'timeoutMs',
  'computedBodyHash',
  '__chunk',
  '__proto__',
  'prototype',
])

const SYNAPSE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/

function formatIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ')
}

/** Validates request fields; throws {@link SynapseValidationError}. */
export function parseRequestFields<TReq extends FieldsSchema>(
  definition: SynapseDefinition<TReq>,
  fields: unknown,
): z.output<TReq> {
  const result = definition.request.safeParse(fields)
  if (!result.success)
    throw new SynapseValidationError(definition.name, 'request', formatIssues(result.error))
  return result.data
}

/** Validates response fields; throws {@link SynapseValidationError}. */
export function parseResponseFields<TRes extends FieldsSchema>(
  definition: SynapseDefinition<FieldsSchema, TRes>,
  fields: unknown,
): z.output<TRes> {
  const result = definition.response.safeParse(fields)
  if (!result.success)
    throw new SynapseValidationError(definition.name, 'response', formatIssues(result.error))
  return result.data
}

/** Validates one streamed chunk; throws {@link SynapseValidationError}. */
export function parseChunk(definition: SynapseDefinition, chunk: unknown): unknown {
  if (!definition.chunk) return chunk
  const result = definition.chunk.safeParse(chunk)
  if (!result.success) throw new SynapseValidationError(definition.name, 'chunk', formatIssues(result.error))
  return result.data
}

/** A synapse instance from already-validated field values (skips the constructor's validation). */
export function instantiateSynapse<C extends AnySynapseClass>(
  synapseClass: C,
  requestValues: Record<string, unknown>,
  responseValues?: Record<string, unknown>,
): SynapseOf<C> {
  const synapse = Object.create(synapseClass.prototype) as SynapseBase
  synapse.timeoutMs = undefined
  synapse.dendrite = {}
  synapse.axon = {}
  synapse.computedBodyHash = undefined
  Object.assign(synapse, requestValues)
  if (responseValues) Object.assign(synapse, responseValues)
  return synapse as SynapseOf<C>
}

/**
 * Defines a synapse type from zod schemas. The result is a class: `new Echo({ text: 'hi' })`.
 *
 * @example
 * const Echo = defineSynapse({
 *   name: 'Echo',
 *   request: z.object({ text: z.string() }),
 *   response: z.object({ text: z.string(), length: z.number().int() }),
 * })
 */
export function defineSynapse<
  TReq extends FieldsSchema,
  TRes extends FieldsSchema,
  TChunk extends z.ZodType | undefined = undefined,
  TOut = never,
>(spec: SynapseSpec<TReq, TRes, TChunk, TOut>): SynapseClass<TReq, TRes, TChunk, TOut> {
  if (!SYNAPSE_NAME.test(spec.name))
    throw new SynapseDefinitionError(
      `Invalid synapse name ${JSON.stringify(spec.name)}`,
      'A name is a route segment: a letter or `_`, then letters, digits or `_` (at most 128).',
    )
  if (!(spec.request instanceof z.ZodObject) || !(spec.response instanceof z.ZodObject))
    throw new SynapseDefinitionError(`${spec.name}: request and response must be z.object(...) schemas`)
  const requestFields = Object.keys(spec.request.shape)
  const responseFields = Object.keys(spec.response.shape)
  for (const field of [...requestFields, ...responseFields]) {
    if (reservedFieldNames.has(field))
      throw new SynapseDefinitionError(
        `${spec.name}: field name '${field}' is reserved`,
        `Reserved: ${[...reservedFieldNames].join(', ')}`,
      )
  }
  const hashFields = spec.hashFields ? [...spec.hashFields] : requestFields
  for (const field of hashFields) {
    if (!requestFields.includes(field))
      throw new SynapseDefinitionError(`${spec.name}: hash field '${field}' is not a request field`)
  }
  const requiredRequestFields = requestFields.filter(
    (field) =>
      (spec.request.shape[field] as SchemaLike & { _zod: { optin?: string } })._zod.optin === undefined,
  )

  const definition: SynapseDefinition<TReq, TRes, TChunk, TOut> = Object.freeze({
    name: spec.name,
    request: spec.request,
    response: spec.response,
    chunk: spec.chunk as TChunk,
    hashFields: Object.freeze(hashFields),
    requestFields: Object.freeze(requestFields),
    responseFields: Object.freeze(responseFields),
    requiredRequestFields: Object.freeze(requiredRequestFields),
    deserialize: spec.deserialize as SynapseDefinition<TReq, TRes, TChunk, TOut>['deserialize'],
  })

  const synapseClass = class extends SynapseBase {
    static readonly definition = definition
    constructor(fields: z.input<TReq>) {
      super()
      Object.assign(this, parseRequestFields(definition, fields))
    }
  }
  Object.defineProperty(synapseClass, 'name', { value: spec.name })
  return synapseClass as unknown as SynapseClass<TReq, TRes, TChunk, TOut>
}

/** Whether `value` is a synapse instance (of any type). */
export function isSynapse(value: unknown): value is SynapseBase {
  return value instanceof SynapseBase
}

/**
 * The default synapse of the Python SDK (docs/python-sdk.md#demo-tasks): a `completion` string sent by the
 * dendrite and replaced by the axon. `new Synapse({ completion: 'add 15 25' })`.
 */
export const Synapse = defineSynapse({
  name: 'Synapse',
  request: z.object({ completion: z.string() }),
  response: z.object({ completion: z.string() }),
})
/** Instance type of the default {@link Synapse}. */
export type Synapse = InstanceType<typeof Synapse>
