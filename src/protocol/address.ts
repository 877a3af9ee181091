import { keccak256 } from './crypto/keccak.js'

const ADDRESS = /^0x[0-9a-fA-F]{40}$/

/** Whether `value` is a 20-byte `0x` hex address (any case; the checksum is not enforced). */
export function isAddressLike(value: unknown): value is string {
  return typeof value === 'string' && ADDRESS.test(value)
}

const cache = new Map<string, string>()
const CACHE_LIMIT = 4096

/** EIP-55 checksummed form of an address (native keccak, bounded cache: it is on the hot path). */
export function toChecksumAddress(address: string): string {
  const lower = address.toLowerCase()
  const hit = cache.get(lower)
  if (hit) return hit
  const hex = lower.slice(2)
  const hash = Buffer.from(keccak256(Buffer.from(hex, 'latin1'))).toString('hex')
  let out = '0x'
  for (let i = 0; i < hex.length; i++) {
    const char = hex[i]!
    out += Number.parseInt(hash[i]!, 16) >= 8 ? char.toUpperCase() : char
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!)
  cache.set(lower, out)
  return out
}
