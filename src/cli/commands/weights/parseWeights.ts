import { readFile } from 'node:fs/promises'
import type { Address } from 'viem'
import { MAX_WEIGHT } from '../../../chain/types/weights.js'
import { CliArgumentError } from '../../runtime/errors.js'
import { parseAddress } from '../../runtime/parse.js'

export interface ParsedWeight {
  dest: Address
  weight: bigint
}

/**
 * One weight: an integer is on the chain's 0…1 000 000 scale (as hetucli), a decimal (`0.25`) or a
 * percentage (`25%`) is a fraction of it. Anything else, or beyond the scale, is refused.
 */
export function parseWeight(text: string, dest: string): bigint {
  const value = String(text).trim()
  let weight: bigint
  if (/^\d+$/.test(value)) weight = BigInt(value)
  else {
    const match = /^(\d*\.\d+|\d+\.?)(%?)$/.exec(value)
    if (!match)
      throw new CliArgumentError(`weight of ${dest}`, value, 'expected 0…1000000, a fraction or a %')
    const fraction = Number(match[1]) / (match[2] ? 100 : 1)
    weight = BigInt(Math.round(fraction * Number(MAX_WEIGHT)))
  }
  if (weight > MAX_WEIGHT) throw new CliArgumentError(`weight of ${dest}`, value, 'above 1000000 (= 1)')
  return weight
}

/** `0xabc…=0.5` pairs, or a JSON file (`{ "0x…": w }` or `[{ "dest": "0x…", "weight": w }]`). */
export async function readWeights(
  pairs: readonly string[],
  file: string | undefined,
): Promise<ParsedWeight[]> {
  const entries: [string, string][] = []
  if (file !== undefined) {
    let json: unknown
    try {
      json = JSON.parse(await readFile(file, 'utf8'))
    } catch (err) {
      throw new CliArgumentError('--file', file, (err as Error).message.split('\n')[0]!)
    }
    if (Array.isArray(json)) {
      for (const item of json) {
        const entry = item as { dest?: unknown; address?: unknown; weight?: unknown }
        entries.push([String(entry.dest ?? entry.address), String(entry.weight)])
      }
    } else if (typeof json === 'object' && json !== null) {
      for (const [dest, weight] of Object.entries(json)) entries.push([dest, String(weight)])
    } else throw new CliArgumentError('--file', file, 'expected a JSON object or array of weights')
  }
  for (const pair of pairs) {
    const match = /^([^=:]+)[=:](.+)$/.exec(pair)
    if (!match) throw new CliArgumentError('weight', pair, 'expected <address>=<weight>')
    entries.push([match[1]!, match[2]!])
  }
  const seen = new Set<string>()
  return entries.map(([destText, weightText]) => {
    const dest = parseAddress(destText, 'weight destination')
    if (seen.has(dest)) throw new CliArgumentError('weight destination', dest, 'given twice')
    seen.add(dest)
    return { dest, weight: parseWeight(weightText, dest) }
  })
}

/** Scales weights to sum to 1 000 000 (largest remainders, so the sum is exact). */
export function normalizeWeights(weights: readonly ParsedWeight[]): ParsedWeight[] {
  const total = weights.reduce((sum, w) => sum + w.weight, 0n)
  if (total === 0n) return weights.map((w) => ({ ...w }))
  const scaled = weights.map((w) => ({
    dest: w.dest,
    weight: (w.weight * MAX_WEIGHT) / total,
    rest: (w.weight * MAX_WEIGHT) % total,
  }))
  let missing = MAX_WEIGHT - scaled.reduce((sum, w) => sum + w.weight, 0n)
  for (const w of [...scaled].sort((a, b) => (b.rest > a.rest ? 1 : b.rest < a.rest ? -1 : 0))) {
    if (missing === 0n) break
    w.weight += 1n
    missing -= 1n
  }
  return scaled.map(({ dest, weight }) => ({ dest, weight }))
}
