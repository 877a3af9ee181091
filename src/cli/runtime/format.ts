import { formatHetu } from '../../chain/amounts.js'

/** `12.5 HETU` for people (at most 6 decimals, truncated); `--json` carries the exact wei. */
export function hetu(wei: bigint, unit = 'HETU'): string {
  const text = formatHetu(wei, { maxDecimals: 6 })
  return `${text === '0' && wei > 0n ? '<0.000001' : text} ${unit}`
}

/** A 1e18 fixed-point price as a decimal. */
export function price(fixed: bigint): string {
  return formatHetu(fixed, { maxDecimals: 6 })
}

/** Basis points as a percentage. */
export function percent(bps: bigint | number): string {
  return `${(Number(bps) / 100).toFixed(2)}%`
}

/** A shortened address for wide tables: 0x1234…abcd. */
export function short(address: string): string {
  return address.length > 14 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address
}

/** A neuron's announced axon as `host:port`, or `-` when it announces none (as `hetu metagraph` shows it). */
export function axonOf(neuron: { axonEndpoint: string; axonPort: number }): string {
  return neuron.axonEndpoint === '' || neuron.axonPort === 0
    ? '-'
    : `${neuron.axonEndpoint}:${neuron.axonPort}`
}

/** `1 validator`, `2 validators`: a count and its noun, plural unless one. */
export function count(n: number | bigint, noun: string): string {
  return `${n} ${n === 1 || n === 1n ? noun : `${noun}s`}`
}
