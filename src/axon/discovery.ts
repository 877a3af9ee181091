import { z } from 'zod'
import type { Route } from './core.js'

/** One served synapse in the discovery document. */
export interface DiscoveredSynapse {
  name: string
  streaming: boolean
  hashFields: readonly string[]
  /** JSON Schemas of the fields, when the zod schemas can be expressed as such. */
  request?: unknown
  response?: unknown
  chunk?: unknown
}

/** What `GET /` on an axon answers: who it is and what it serves (cross-subnet service discovery). */
export interface DiscoveryDocument {
  hotkey: string
  version: number
  uuid: string
  ip: string
  port: number
  /** The session lane (docs/session.md), when the axon offers it. */
  session?: { version: number; path: string; lifetimeMs: number; maxLanes: number }
  synapses: DiscoveredSynapse[]
}

function jsonSchema(schema: z.ZodType | undefined): unknown {
  if (!schema) return undefined
  try {
    return z.toJSONSchema(schema, { unrepresentable: 'any' })
  } catch {
    return undefined
  }
}

export function buildDiscoveryDocument(
  identity: Omit<DiscoveryDocument, 'synapses'>,
  routes: Iterable<Route>,
): DiscoveryDocument {
  return {
    ...identity,
    synapses: [...routes].map((route) => ({
      name: route.definition.name,
      streaming: route.streaming,
      hashFields: route.definition.hashFields,
      request: jsonSchema(route.definition.request),
      response: jsonSchema(route.definition.response),
      chunk: jsonSchema(route.definition.chunk),
    })),
  }
}
