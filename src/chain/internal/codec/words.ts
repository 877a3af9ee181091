import type { Address, Hex } from 'viem'
import { checksumLower } from '../checksum.js'

/** 26 zero bytes: the part of a word above a small number's 6 bytes. */
const HIGH_ZEROS = '0'.repeat(52)
const ZERO_WORD = '0'.repeat(64)

/**
 * ABI-encoded data with word readers, over its hex digits (slicing a string is cheaper than copying
 * bytes, and JSON-RPC hands us hex). Offsets are in bytes; every read checks that its word is there.
 */
export class Words {
  /** The data as hex digits, without 0x: two per byte. */
  readonly hex: string

  /** From `0x`-prefixed data (what eth_call returns), or from bare hex digits with `bare`. */
  constructor(data: Hex | string, bare = false) {
    this.hex = bare ? data : data.slice(2)
  }

  /** Length in bytes. */
  get length(): number {
    return this.hex.length >> 1
  }

  /** A word as a small number (offsets, lengths, uint16/32, bools); throws when it does not fit 6 bytes. */
  number(offset: number): number {
    this.#check(offset)
    if (!this.hex.startsWith(HIGH_ZEROS, offset * 2))
      throw new RangeError(`ABI word at ${offset} is not a small number`)
    return Number.parseInt(this.hex.slice(offset * 2 + 52, offset * 2 + 64), 16)
  }

  bigint(offset: number): bigint {
    this.#check(offset)
    return BigInt(`0x${this.hex.slice(offset * 2, offset * 2 + 64)}`)
  }

  /** An address word, EIP-55 checksummed (natively, cached: the same accounts come back every read). */
  address(offset: number): Address {
    this.#check(offset)
    return checksumLower(this.hex.slice(offset * 2 + 24, offset * 2 + 64).toLowerCase())
  }

  bool(offset: number): boolean {
    return this.number(offset) !== 0
  }

  /** Whether the word is all zeros. */
  isZero(offset: number): boolean {
    this.#check(offset)
    return this.hex.startsWith(ZERO_WORD, offset * 2)
  }

  /** The `bytes` whose length word is at `offset`, as Words of their own. */
  bytes(offset: number): Words {
    const length = this.number(offset)
    const start = (offset + 32) * 2
    if (start + length * 2 > this.hex.length) throw new RangeError('ABI bytes run past the data')
    return new Words(this.hex.slice(start, start + length * 2), true)
  }

  /** The `string` whose length word is at `offset` (UTF-8). */
  string(offset: number): string {
    const { hex } = this.bytes(offset)
    return hex.length === 0 ? '' : Buffer.from(hex, 'hex').toString('utf8')
  }

  /** `0x`-prefixed. */
  toHex(): Hex {
    return `0x${this.hex}`
  }

  #check(offset: number) {
    if (offset < 0 || (offset + 32) * 2 > this.hex.length)
      throw new RangeError(`ABI data too short: word at ${offset} of ${this.length} bytes`)
  }
}
