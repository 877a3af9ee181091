import { describe, expect, it } from 'vitest'
import { readHeaders } from '../../src/dendrite/send.js'

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
