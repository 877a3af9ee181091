import { describe, expect, it } from 'vitest'
import { encodeSynapseBody, terminalInfoJson } from '../../src/protocol/body.js'
import { fullTerminalInfo } from './support.js'

const info = fullTerminalInfo

describe('synapse body JSON', () => {
  it('writes every terminal field in the Python order, the nonce exact, unset ones null', () => {
    expect(terminalInfoJson(info)).toBe(
      '{"status_code":200,"status_message":"Success","process_time":0.25,"ip":"10.0.0.1","port":8091,' +
        '"version":1000,"nonce":1751980800123456789,"uuid":"c4c7b9dc-8904-45cb-bf7a-baf3010b265a",' +
        `"hotkey":"0x6b7687d760d9B09a17A1B1Abaf442A718fCfBF03","signature":"0x${'ab'.repeat(65)}"}`,
    )
    expect(JSON.parse(terminalInfoJson({}))).toEqual({
      status_code: null,
      status_message: null,
      process_time: null,
      ip: null,
      port: null,
      version: null,
      nonce: null,
      uuid: null,
      hotkey: null,
      signature: null,
    })
  })

  it.each([
    'a "quoted" message',
    'back\\slash',
    'line\nbreak',
    'tab\there',
    '\u0000\u001f',
    'héllo ✓',
    '\ud800 lone surrogate',
    '',
    '</script>',
  ])('escapes strings as JSON.stringify does: %j', (text) => {
    const json = terminalInfoJson({ statusMessage: text, uuid: text, hotkey: text, ip: text })
    const parsed = JSON.parse(json)
    expect(json).toContain(`"status_message":${JSON.stringify(text)}`)
    expect([parsed.status_message, parsed.uuid, parsed.hotkey, parsed.ip]).toEqual([text, text, text, text])
  })

  it('reports the given address instead of the info’s own, leaving the info as it was', () => {
    const before = { ...info }
    const parsed = JSON.parse(terminalInfoJson(info, '127.0.0.1', 54321))
    expect([parsed.ip, parsed.port, parsed.hotkey]).toEqual(['127.0.0.1', 54321, info.hotkey])
    expect(info).toEqual(before)
  })

  it('takes the dendrite as an info or as its JSON text, with the same bytes', () => {
    const meta = {
      name: 'Echo',
      timeout: 12,
      totalSize: 21,
      headerSize: 0,
      axon: { statusCode: 200, statusMessage: 'Success' },
      computedBodyHash: 'f'.repeat(64),
    }
    const fields = JSON.stringify({ text: 'hello axon' })
    const fromInfo = encodeSynapseBody({ ...meta, dendrite: info }, fields)
    expect(encodeSynapseBody({ ...meta, dendrite: terminalInfoJson(info) }, fields)).toBe(fromInfo)
    expect(
      fromInfo.startsWith('{"name":"Echo","timeout":12.0,"total_size":21,"header_size":0,"dendrite":{'),
    ).toBe(true)
    expect(JSON.parse(fromInfo).text).toBe('hello axon')
    expect(JSON.parse(fromInfo).computed_body_hash).toBe('f'.repeat(64))
  })
})
