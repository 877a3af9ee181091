import { createRequire } from 'node:module'
import type { Address } from 'viem'

// EIP-55 checksums for addresses decoded in bulk (every neuron of a subnet): native keccak plus a cache,
// since viem's getAddress costs tens of µs per new address and metagraph resyncs see the same ones again.
const cache = new Map<string, Address>()
const CACHE_LIMIT = 65_536

type CreateKeccak = typeof import('keccak')
let createKeccak: CreateKeccak | undefined

/** The `keccak` package, loaded on the first checksum: a command that decodes no address list never needs it. */
function loadKeccak(): CreateKeccak {
  const require = createRequire(import.meta.url)
  return require('keccak') as CreateKeccak
}

/** EIP-55 form of 40 lowercase hex characters (no 0x). */
export function checksumLower(lower: string): Address {
  const hit = cache.get(lower)
  if (hit) return hit
  createKeccak ??= loadKeccak()
  const hash = createKeccak('keccak256').update(lower).digest()
  let out = '0x'
  for (let i = 0; i < 40; i++) {
    const c = lower.charCodeAt(i)
    const nibble = (hash[i >> 1]! >> (i & 1 ? 0 : 4)) & 0xf
    // a-f (97..102) become A-F when the hash nibble is >= 8.
    out += String.fromCharCode(c >= 97 && nibble >= 8 ? c - 32 : c)
  }
  if (cache.size >= CACHE_LIMIT) cache.clear()
  cache.set(lower, out as Address)
  return out as Address
}
