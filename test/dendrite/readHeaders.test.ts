import { describe, expect, it } from 'vitest'
import { mergeAxonHeaders } from '../../src/dendrite/call.js'
import { readHeaders } from '../../src/dendrite/send.js'
import { Synapse } from '../../src/protocol/synapse.js'

const raw = (...pairs: string[]) => pairs.map((text) => Buffer.from(text, 'latin1'))

describe('readHeaders (response headers a dendrite reads)', () => {
  it('keeps content-length and bt_header_axon_* lower-cased, drops the rest', () => {
    const headers = readHeaders(
      raw(
        'Content-Length',
        '42',
        'Content-Type',
        'application/json',
        'BT_HEADER_AXON_NONCE',
        '123',
        'bt_header_axon_status_message',
        'Success',
        'bt_header_dendrite_nonce',
        '9',
        'computed_body_hash',
        'ab',
        'b',
        'x',
      ),
    )
    expect(headers).toEqual({
      'content-length': '42',
      bt_header_axon_nonce: '123',
      bt_header_axon_status_message: 'Success',
    })
  })

  it('collects a repeated header into an array (terminal info then refuses it)', () => {
    const headers = readHeaders(
      raw('bt_header_axon_nonce', '1', 'BT_header_axon_nonce', '2', 'bt_header_axon_nonce', '3'),
    )
    expect(headers).toEqual({ bt_header_axon_nonce: ['1', '2', '3'] })
  })

  it('decodes values as latin1 like undici', () => {
    expect(readHeaders([Buffer.from('bt_header_axon_uuid'), Buffer.from([0xe9])])).toEqual({
      bt_header_axon_uuid: 'é',
    })
  })
})

describe('mergeAxonHeaders (the answer’s axon info over what the dendrite knew)', () => {
  it('takes the fields the headers carry and keeps the others (no header, no change)', () => {
    const result = new Synapse({ completion: '' })
    result.axon = { ip: '10.0.0.7', port: 8091, hotkey: '0xabc' }
    const merged = mergeAxonHeaders(result, {
      bt_header_axon_status_code: '200',
      bt_header_axon_process_time: '0.25',
      bt_header_axon_nonce: '1751980800123456789',
    })
    expect(merged).toBe(true)
    expect(result.axon).toEqual({
      ip: '10.0.0.7',
      port: 8091,
      hotkey: '0xabc',
      statusCode: 200,
      processTime: 0.25,
      nonce: 1751980800123456789n,
    })
  })

  it('refuses malformed headers and leaves the info as it was', () => {
    const result = new Synapse({ completion: '' })
    result.axon = { ip: '10.0.0.7', port: 8091 }
    expect(mergeAxonHeaders(result, { bt_header_axon_status_code: 'two hundred' })).toBe(false)
    expect(result.axon).toEqual({ ip: '10.0.0.7', port: 8091 })
  })
})
