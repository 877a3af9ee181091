import { describe, expect, it } from 'vitest'
import { ProtocolHeaderError } from '../../src/protocol/errors.js'
import {
  decodeSynapseHeaders,
  sanitizeHeaderValue,
  terminalInfoToHeaders,
} from '../../src/protocol/headers.js'
import { fullTerminalInfo, vectors } from './support.js'

describe('bt_header_* codec', () => {
  it('decodes a Python request', () => {
    const vector = vectors.requests[0]!
    const decoded = decodeSynapseHeaders(vector.headers)
    expect(decoded.name).toBe('Synapse')
    expect(decoded.timeout).toBe(12)
    expect(decoded.dendrite.nonce).toBe(BigInt(vector.nonce))
    expect(decoded.dendrite.hotkey).toBe(vectors.keys.dendrite.address)
    expect(decoded.axon.port).toBe(8091)
    expect(decoded.computedBodyHash).toBe(vector.bodyHash)
  })

  it('round-trips a terminal info (nonce above 2^53 stays exact)', () => {
    const info = { statusCode: 200, processTime: 0.25, nonce: 1751980800123456789n, hotkey: '0xabc', port: 1 }
    const headers = terminalInfoToHeaders('bt_header_axon_', info, {})
    expect(headers.bt_header_axon_process_time).toBe('0.25')
    expect(decodeSynapseHeaders(headers).axon).toEqual(info)
  })

  it('decodes every terminal field into its own place', () => {
    const info = fullTerminalInfo
    const decoded = decodeSynapseHeaders(terminalInfoToHeaders('bt_header_dendrite_', info, {}))
    expect(decoded.dendrite).toEqual(info)
    // Absent headers leave their fields undefined, in one shape for every decoded info.
    expect(Object.keys(decoded.axon)).toEqual(Object.keys(info))
    expect(Object.values(decoded.axon).every((value) => value === undefined)).toBe(true)
  })

  it.each([
    ['bt_header_dendrite_nonce', '12.5'],
    ['bt_header_dendrite_nonce', '-1'],
    ['bt_header_dendrite_port', 'eighty'],
    ['bt_header_dendrite_version', '1e3'],
    ['timeout', 'soon'],
    ['timeout', '-1'],
    ['header_size', 'big'],
  ])('refuses %s = %s', (name, value) => {
    expect(() => decodeSynapseHeaders({ [name]: value })).toThrow(ProtocolHeaderError)
  })

  it('keeps header values transportable', () => {
    expect(sanitizeHeaderValue('ok\r\nInjected: yes')).toBe('ok??Injected: yes')
    expect(sanitizeHeaderValue('é')).toBe('?')
    expect(sanitizeHeaderValue('x'.repeat(600))).toHaveLength(512)
  })
})
