import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  decryptKeystore,
  encryptKeystore,
  HetuError,
  InvalidScryptParamsError,
  KeystoreCorruptedError,
  KeystoreKdfTooCostlyError,
  Wallet,
} from '../../src/index.js'
import { caught, TEST_SCRYPT_N, tempDir } from './helpers.js'

// Hostile keystore files on disk: key derivation parameters far above the standard used to run
// (p=8 with n=2^18 r=8 took 7 s, p up to 64 and 1 GiB were accepted) before any check failed.
// Above 4× the standard (scrypt n=2^18 r=8 p=1, pbkdf2 c=262144) they are refused at once.

const password = 'correct horse battery staple'
let dir: string
let cleanup: () => Promise<void>

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir())
  await Wallet.create({ name: 'victim', password, dir, scryptN: TEST_SCRYPT_N })
})
afterAll(() => cleanup?.())

type Crypto = { kdf: string; kdfparams: Record<string, unknown> }

/** Rewrites the wallet's keystore files with hostile KDF parameters. */
async function tamper(edit: (crypto: Crypto) => void): Promise<void> {
  for (const file of ['coldkey.json', 'hotkey.json']) {
    const path = join(dir, 'victim', file)
    const json = JSON.parse(await readFile(path, 'utf8'))
    edit(json.crypto)
    await writeFile(path, JSON.stringify(json))
  }
}

const scrypt = (n: number, r: number, p: number) => (crypto: Crypto) => {
  crypto.kdfparams = { ...crypto.kdfparams, n, r, p }
}
const pbkdf2 = (c: number) => (crypto: Crypto) => {
  crypto.kdf = 'pbkdf2'
  crypto.kdfparams = { c, dklen: 32, prf: 'hmac-sha256', salt: crypto.kdfparams.salt }
}

describe('hostile keystore KDF parameters', () => {
  it.each([
    ['scrypt n=2^18 r=8 p=8 (the campaign: 7 s)', scrypt(2 ** 18, 8, 8), /8× the standard work/],
    ['scrypt n=2^18 r=8 p=64', scrypt(2 ** 18, 8, 64), /64× the standard work/],
    ['scrypt n=2^14 r=8 p=512', scrypt(2 ** 14, 8, 512), /more than 4×/],
    ['scrypt n=2^21 r=8 p=1 (2 GiB)', scrypt(2 ** 21, 8, 1), /needs more than 1 GiB/],
    ['pbkdf2 c=2^21', pbkdf2(2 ** 21), /pbkdf2 iteration count 2097152 is more than 4× the standard/],
  ])('%s: refused before deriving, with a typed error and a hint', async (_, edit, reason) => {
    await tamper(edit)
    const started = performance.now()
    const error = await caught(Wallet.load({ name: 'victim', password, dir }))
    expect(performance.now() - started).toBeLessThan(250) // no KDF ran (the cheapest case costs seconds)
    expect(error).toBeInstanceOf(KeystoreKdfTooCostlyError)
    expect(error).toBeInstanceOf(KeystoreCorruptedError)
    expect(error).toBeInstanceOf(HetuError)
    const typed = error as KeystoreKdfTooCostlyError
    expect(typed.code).toBe('KEYSTORE_KDF_TOO_COSTLY')
    expect(typed.shortMessage).toMatch(reason)
    expect(typed.shortMessage).toMatch(/coldkey\.json|hotkey\.json/)
    expect(typed.hint).toMatch(/n=262144 r=8 p=1.*re-import/s)
    expect(error.message).not.toContain(password)
  })

  it('still opens keystores with other parameter sets of standard cost (eth-keyfile: r=1 p=8)', async () => {
    const key = `0x${'22'.repeat(32)}` as const
    const json = await encryptKeystore(key, password, { scrypt: { n: TEST_SCRYPT_N, r: 1, p: 8 } })
    expect(await decryptKeystore(json, password)).toBe(key)
  })

  it('never writes a keystore it would refuse to open', async () => {
    const key = `0x${'11'.repeat(32)}`
    expect(
      await caught(encryptKeystore(key, password, { scrypt: { n: 2 ** 18, r: 8, p: 8 } })),
    ).toBeInstanceOf(InvalidScryptParamsError)
  })
})
