import { pbkdf2Sync } from 'node:crypto'
import { HDKey } from '@scure/bip32'
import { generateMnemonic as generateBip39Mnemonic, validateMnemonic } from '@scure/bip39'
import { wordlist } from '@scure/bip39/wordlists/english'
import type { Hex } from 'viem'
import { InvalidMnemonicError, InvalidWalletImportError } from './errors.js'

/** BIP-44 path of account `index` for coin type 60 (Ethereum, and EVM chains such as Hetu). */
export function ethereumDerivationPath(index: number): string {
  return `m/44'/60'/0'/0/${index}`
}

/** A fresh English BIP-39 mnemonic: 12 words (128-bit) by default, 24 with `strength: 256`. */
export function generateMnemonic({ strength = 128 }: { strength?: 128 | 256 } = {}): string {
  return generateBip39Mnemonic(wordlist, strength)
}

/**
 * Canonical form of a phrase as typed: trimmed, single spaces, lower case, NFKD (BIP-39's normalization).
 *
 * @throws {InvalidMnemonicError} wrong word count, a word outside the English list (by position, never
 * by value), or a bad checksum.
 */
export function normalizeMnemonic(input: unknown): string {
  if (typeof input !== 'string')
    throw new InvalidMnemonicError({ reason: `expected a string, got ${typeof input}` })
  const words = input.normalize('NFKD').trim().toLowerCase().split(/\s+/).filter(Boolean)
  if (![12, 15, 18, 21, 24].includes(words.length)) {
    throw new InvalidMnemonicError({ reason: `${words.length} words, expected 12, 15, 18, 21 or 24` })
  }
  const known = new Set(wordlist)
  const unknown = words.flatMap((word, i) => (known.has(word) ? [] : [i + 1]))
  if (unknown.length > 0) {
    throw new InvalidMnemonicError({
      reason: `word${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} not in the English BIP-39 list`,
    })
  }
  const phrase = words.join(' ')
  if (!validateMnemonic(phrase, wordlist))
    throw new InvalidMnemonicError({ reason: 'checksum mismatch (a word is wrong or out of order)' })
  return phrase
}

/**
 * Derives the private keys at `m/44'/60'/0'/0/i` for each index. The BIP-39 seed uses node:crypto's
 * native PBKDF2 (2048 rounds of HMAC-SHA512); derivation is @scure/bip32.
 *
 * @throws {InvalidMnemonicError} when the phrase is not valid BIP-39 (see `normalizeMnemonic` in this file).
 * @throws {InvalidWalletImportError} an index outside 0..2^31-1.
 */
export function mnemonicToPrivateKeys(
  mnemonic: string,
  indexes: readonly number[],
  { passphrase = '' }: { passphrase?: string } = {},
): Hex[] {
  const phrase = normalizeMnemonic(mnemonic)
  const seed = pbkdf2Sync(phrase, `mnemonic${passphrase.normalize('NFKD')}`, 2048, 64, 'sha512')
  const root = HDKey.fromMasterSeed(seed)
  seed.fill(0)
  return indexes.map((index) => {
    if (!Number.isSafeInteger(index) || index < 0 || index >= 2 ** 31) {
      throw new InvalidWalletImportError({ reason: `account index ${index} must be an integer in 0..2^31-1` })
    }
    const key = root.derive(ethereumDerivationPath(index)).privateKey
    if (!key) throw new InvalidMnemonicError({ reason: `no private key at index ${index}` })
    return `0x${Buffer.from(key).toString('hex')}` as Hex
  })
}
