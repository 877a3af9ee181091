import { ConsensusInputError } from '../errors.js'

/** One neuron taking part in a subnet's epoch. */
export interface YumaParticipant {
  /** 0x-prefixed 20-byte hex address, any letter case. */
  address: string
  /** Stake in wei (converted to float64 for the maths, as the chain does). */
  stake: bigint
  /** Only validators' weight rows count (see {@link yumaEpoch}). */
  isValidator: boolean
  /** Inactive participants keep their place in the output but get nothing and hold no bonds. */
  active: boolean
}

/** A map keyed by address: a plain object or a `Map`. Lookups are by lowercase address. */
export type AddressKeyed<V> = Readonly<Record<string, V>> | ReadonlyMap<string, V>

const ADDRESS = /^0x[0-9a-fA-F]{40}$/

/** Lowercase form of a checked address; the sort key of every participant. */
export function addressKey(address: unknown, what: string): string {
  if (typeof address !== 'string' || !ADDRESS.test(address))
    throw new ConsensusInputError(`${what} is not a 0x-prefixed 20-byte hex address.`, {
      details: `got ${JSON.stringify(address)}`,
    })
  return address.toLowerCase()
}

/**
 * Entries of an address-keyed map with lowercase keys. Two keys that differ only in letter case are
 * an error, since which one wins would depend on iteration order.
 */
export function addressEntries<V>(map: AddressKeyed<V>, what: string): Array<[string, V]> {
  const raw: Array<[string, V]> =
    map instanceof Map ? [...map.entries()] : Object.entries(map as Record<string, V>)
  const seen = new Set<string>()
  const out: Array<[string, V]> = []
  for (const [key, value] of raw) {
    const lower = addressKey(key, `A key of ${what}`)
    if (seen.has(lower))
      throw new ConsensusInputError(`${what} has the same address twice (different letter case).`, {
        details: lower,
      })
    seen.add(lower)
    out.push([lower, value])
  }
  return out
}

/** Participants checked and sorted by lowercase address, with their lowercase keys. */
export function sortParticipants(participants: readonly YumaParticipant[]): {
  sorted: YumaParticipant[]
  keys: string[]
} {
  const decorated = participants.map((p, i) => {
    if (p === null || typeof p !== 'object')
      throw new ConsensusInputError(`Participant ${i} is not an object.`)
    const key = addressKey(p.address, `Participant ${i}'s address`)
    if (typeof p.stake !== 'bigint' || p.stake < 0n)
      throw new ConsensusInputError('Participant stake must be a non-negative bigint (wei).', {
        details: `${p.address}: ${String(p.stake)}`,
      })
    if (typeof p.isValidator !== 'boolean' || typeof p.active !== 'boolean')
      throw new ConsensusInputError('Participant isValidator and active must be booleans.', {
        details: p.address,
      })
    return { key, p }
  })
  decorated.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  for (let i = 1; i < decorated.length; i++)
    if (decorated[i]!.key === decorated[i - 1]!.key)
      throw new ConsensusInputError('The same participant address appears twice.', {
        details: decorated[i]!.key,
      })
  return { sorted: decorated.map((d) => d.p), keys: decorated.map((d) => d.key) }
}
