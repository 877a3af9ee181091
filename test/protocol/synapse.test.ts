import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { SynapseDefinitionError, SynapseValidationError } from '../../src/protocol/errors.js'
import { defineSynapse, isSynapse, reservedFieldNames, Synapse } from '../../src/protocol/synapse.js'

const Echo = defineSynapse({
  name: 'Echo',
  request: z.object({ text: z.string(), count: z.number().int().default(1) }),
  response: z.object({ echoed: z.string(), length: z.number().int() }),
  deserialize: (synapse) => synapse.echoed ?? null,
})

describe('defineSynapse', () => {
  it('makes a class whose instances carry the fields and the protocol metadata', () => {
    const echo = new Echo({ text: 'hi' })
    expect(echo.text).toBe('hi')
    expect(echo.count).toBe(1) // default applied
    expect(echo.name).toBe('Echo')
    expect(isSynapse(echo)).toBe(true)
    expect(echo.requestValues()).toEqual({ text: 'hi', count: 1 })
    expect(echo.responseValues()).toEqual({})
    expect(echo.statusCode).toBeUndefined()
    expect(echo.deserialize()).toBeNull()
    echo.echoed = 'hi'
    expect(echo.deserialize()).toBe('hi')
    expect(Echo.name).toBe('Echo')
  })

  it('hashes every request field by default, so the hash follows the content', () => {
    expect(Echo.definition.hashFields).toEqual(['text', 'count'])
    const a = new Echo({ text: 'a' }).bodyHash()
    expect(new Echo({ text: 'b' }).bodyHash()).not.toBe(a)
    expect(new Echo({ text: 'a', count: 2 }).bodyHash()).not.toBe(a)
    expect(new Echo({ text: 'a' }).bodyHash()).toBe(a)
  })

  it('validates field values with the schema', () => {
    expect(() => new Echo({ text: 3 } as never)).toThrow(SynapseValidationError)
  })

  it('rejects bad names, reserved field names and unknown hash fields', () => {
    const request = z.object({ text: z.string() })
    const response = z.object({})
    expect(() => defineSynapse({ name: 'has space', request, response })).toThrow(SynapseDefinitionError)
    expect(() => defineSynapse({ name: '1abc', request, response })).toThrow(SynapseDefinitionError)
    for (const reserved of [
      'name',
      'timeout',
      'axon',
      'dendrite',
      'computed_body_hash',
      'statusCode',
      'clone',
    ]) {
      expect(reservedFieldNames.has(reserved)).toBe(true)
      expect(() =>
        defineSynapse({ name: 'X', request: z.object({ [reserved]: z.string() }), response }),
      ).toThrow(SynapseDefinitionError)
    }
    expect(() => defineSynapse({ name: 'X', request, response, hashFields: ['nope' as 'text'] })).toThrow(
      SynapseDefinitionError,
    )
  })

  it('clones with independent terminal infos', () => {
    const echo = new Echo({ text: 'x' })
    const copy = echo.clone()
    copy.dendrite.statusCode = 500
    expect(echo.dendrite.statusCode).toBeUndefined()
    expect(copy).toBeInstanceOf(Echo)
  })

  it('provides the Python SDK default Synapse with a completion field', () => {
    const synapse = new Synapse({ completion: 'add 15 25' })
    expect(synapse.completion).toBe('add 15 25')
    expect(Synapse.definition.requiredRequestFields).toEqual(['completion'])
    expect(JSON.stringify(synapse.toJSON())).toContain('"completion":"add 15 25"')
  })
})
