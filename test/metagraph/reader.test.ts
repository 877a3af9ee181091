import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { encodeFunctionData, encodePacked, type Hex, size, stringToHex } from 'viem'
import { describe, expect, it } from 'vitest'
// @ts-expect-error: a plain .mjs build script without type declarations
import { compileReader } from '../../scripts/build-metagraph-reader.mjs'
import type { NeuronInfo } from '../../src/chain/types/neuron.js'
import { metagraphReaderAbi } from '../../src/metagraph/reader/bytecode.js'
import { decodeReaderRecords, readerCallData } from '../../src/metagraph/reader/packed.js'
import { randomAbi } from '../chain/helpers/randomAbi.js'

const { int, address, big, neuron } = randomAbi(7)

/** One record as MetagraphReader.sol packs it, by viem's encodePacked (null: not a neuron). */
function packed(info: NeuronInfo | null, balance: bigint): Hex {
  const flags = info ? 1 | (info.isActive ? 2 : 0) | (info.isValidator ? 4 : 0) : 0
  const head = encodePacked(['uint8', 'uint256', 'uint256'], [flags, balance, info?.stake ?? big(int(33))])
  if (!info) return head
  return encodePacked(
    ['bytes', 'uint64', 'uint256', 'uint32', 'uint32', 'uint32', 'string', 'uint32', 'string'],
    [
      head,
      info.registrationBlock,
      info.lastUpdate,
      info.axonPort,
      info.prometheusPort,
      size(stringToHex(info.axonEndpoint)),
      info.axonEndpoint,
      size(stringToHex(info.prometheusEndpoint)),
      info.prometheusEndpoint,
    ],
  )
}

describe('MetagraphReader', () => {
  it('is committed as what its Solidity source compiles to', async () => {
    const committed = await readFile(
      join(import.meta.dirname, '../../src/metagraph/reader/bytecode.ts'),
      'utf8',
    )
    expect(compileReader()).toBe(committed)
  })

  it('calldata: encoded as viem encodes read(…)', () => {
    const sources = {
      neuronManager: address(),
      globalStaking: address(),
      alphaToken: address(),
      netuid: 65535,
    }
    for (const count of [0, 1, 256]) {
      const accounts = Array.from({ length: count }, address)
      expect(readerCallData(sources, accounts)).toBe(
        encodeFunctionData({
          abi: metagraphReaderAbi,
          functionName: 'read',
          args: [sources.neuronManager, sources.globalStaking, sources.alphaToken, sources.netuid, accounts],
        }),
      )
    }
  })

  it('packed records: decoded as viem packs them, non-neurons as null, any length rejected but the exact one', () => {
    const netuid = 3
    const infos = Array.from({ length: 60 }, (_, i) => (i % 7 === 3 ? null : neuron(i, netuid)))
    const accounts = infos.map((info) => info?.account ?? address())
    const balances = infos.map(() => big(int(33)))
    const data = infos.map((info, i) => packed(info, balances[i]!).slice(2)).join('')
    expect(decodeReaderRecords(data, accounts, netuid)).toEqual({ infos, balances })
    expect(decodeReaderRecords('', [], netuid)).toEqual({ infos: [], balances: [] })
    expect(() => decodeReaderRecords(data.slice(0, -2), accounts, netuid)).toThrow(RangeError)
    expect(() => decodeReaderRecords(`${data}00`, accounts, netuid)).toThrow(RangeError)
  })
})
