import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { answerFieldsJson } from '../../src/axon/answer.js'
import { defineSynapse } from '../../src/protocol/synapse.js'

/** What the answer's fields were before: the two objects merged, then stringified. */
const merged = (request: Record<string, unknown>, response: Record<string, unknown>) =>
  JSON.stringify({ ...request, ...response })

const Mixed = defineSynapse({
  name: 'Mixed',
  request: z.object({ text: z.string(), n: z.number().optional(), tags: z.array(z.string()).optional() }),
  response: z.object({
    text: z.string().optional(),
    score: z.number().optional(),
    nested: z.object({ a: z.number(), b: z.string() }).optional(),
    'odd "key"': z.string().optional(),
  }),
})

describe('answer fields JSON', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['a response value replaces the request field, in its place', { text: 'q', n: 1 }, { text: 'a' }],
    ['response-only fields follow the request fields', { text: 'q', n: 2 }, { score: 0.5, text: 'a' }],
    ['undefined values are left out', { text: 'q', n: undefined }, { score: undefined, text: 'a' }],
    ['a response undefined hides the request value', { text: 'q' }, { text: undefined }],
    ['nested values and arrays', { text: 'q', tags: ['x', 'y'] }, { nested: { a: 1, b: 'é"\n' } }],
    ['keys that need escaping', { text: 'q' }, { 'odd "key"': 'v' }],
    ['no fields at all', {}, {}],
    ['only response fields', {}, { score: 1 }],
  ])('%s', (_, request, response) => {
    expect(answerFieldsJson(Mixed.definition, request, response)).toBe(merged(request, response))
  })

  it('keeps unknown keys of a schema that keeps them (looseObject)', () => {
    const Loose = defineSynapse({
      name: 'Loose',
      request: z.looseObject({ text: z.string() }),
      response: z.object({ text: z.string() }),
    })
    const request = { text: 'q', extra: 1 }
    const response = { text: 'a' }
    expect(answerFieldsJson(Loose.definition, request, response)).toBe(merged(request, response))
    expect(JSON.parse(answerFieldsJson(Loose.definition, request, response))).toEqual({ text: 'a', extra: 1 })
  })

  it('reads own values only (a field named like an Object.prototype member)', () => {
    const Proto = defineSynapse({
      name: 'Proto',
      request: z.object({ toString: z.string().optional(), text: z.string() }),
      response: z.object({ valueOf: z.number().optional() }),
    })
    expect(answerFieldsJson(Proto.definition, { text: 'q' }, {})).toBe('{"text":"q"}')
    expect(answerFieldsJson(Proto.definition, { toString: 's', text: 'q' }, { valueOf: 2 })).toBe(
      merged({ toString: 's', text: 'q' }, { valueOf: 2 }),
    )
  })

  it('orders integer-like field names first, as a merged object does', () => {
    const Indexed = defineSynapse({
      name: 'Indexed',
      request: z.object({ b: z.string(), 1: z.string().optional() }),
      response: z.object({ 0: z.string().optional(), a: z.string().optional() }),
    })
    const request = { b: 'q', 1: 'one' }
    const response = { a: 'x', 0: 'zero' }
    expect(answerFieldsJson(Indexed.definition, request, response)).toBe(merged(request, response))
  })

  it('calls toJSON with the field name, and leaves out a field whose toJSON gives undefined', () => {
    const Keyed = defineSynapse({
      name: 'Keyed',
      request: z.object({ text: z.string() }),
      response: z.object({ when: z.any(), gone: z.any(), at: z.any() }),
    })
    const request = { text: 'q' }
    const response = {
      when: { toJSON: (key: string) => `key=${key}` },
      gone: { toJSON: () => undefined },
      at: new Date(0),
    }
    expect(answerFieldsJson(Keyed.definition, request, response)).toBe(merged(request, response))
    expect(JSON.parse(answerFieldsJson(Keyed.definition, request, response)).when).toBe('key=when')
  })
})
