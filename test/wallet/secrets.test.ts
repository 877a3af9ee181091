import { readFile } from 'node:fs/promises'
import { format, inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { createLogger, decryptKeystore, HetuError, Wallet } from '../../src/index.js'
import { caught, TEST_SCRYPT_N, tempDir } from './helpers.js'

const PASSWORD = 'secret-pass-7f3a9'
const PHRASE = 'test test test test test test test test test test test junk'

/** Every way a wallet turns into text must hide both keys (with and without 0x) and the password. */
function expectNoSecret(text: string, wallet: Wallet): void {
  for (const key of [wallet.exportPrivateKey('coldkey'), wallet.exportPrivateKey('hotkey')]) {
    expect(text).not.toContain(key.slice(2))
    expect(text.toLowerCase()).not.toContain(key.slice(2, 34))
  }
  expect(text).not.toContain(PASSWORD)
}

describe('a wallet never shows its keys or password', () => {
  it('in JSON.stringify, util.inspect, String, template literals and format', async () => {
    const { dir, cleanup } = await tempDir()
    try {
      const wallet = await Wallet.create({ name: 'alice', password: PASSWORD, dir, scryptN: TEST_SCRYPT_N })
      const renderings = [
        JSON.stringify(wallet),
        JSON.stringify({ nested: { wallet } }),
        inspect(wallet),
        inspect(wallet, { showHidden: true, depth: Number.POSITIVE_INFINITY, getters: true }),
        inspect({ wallet }, { showHidden: true, depth: Number.POSITIVE_INFINITY }),
        inspect(wallet.coldkey, { showHidden: true, depth: Number.POSITIVE_INFINITY }),
        inspect(wallet.hotkey, { showHidden: true, depth: Number.POSITIVE_INFINITY }),
        String(wallet),
        `${wallet}`,
        format('%o %O %j %s', wallet, wallet, wallet, wallet),
        JSON.stringify(Object.entries(wallet)),
        JSON.stringify(structuredClone({ ...wallet, coldkey: undefined, hotkey: undefined })),
      ]
      for (const text of renderings) expectNoSecret(text, wallet)
      expect(JSON.parse(JSON.stringify(wallet))).toEqual({
        name: 'alice',
        coldkeyAddress: wallet.coldkeyAddress,
        hotkeyAddress: wallet.hotkeyAddress,
        singleKey: false,
      })
      expect(String(wallet)).toBe(
        `Wallet(alice: coldkey ${wallet.coldkeyAddress}, hotkey ${wallet.hotkeyAddress})`,
      )
      // The one explicit way out.
      expect(
        await decryptKeystore(JSON.parse(await readFile(`${wallet.path}/coldkey.json`, 'utf8')), PASSWORD),
      ).toBe(wallet.exportPrivateKey('coldkey'))
    } finally {
      await cleanup()
    }
  })

  it('in logs of the wallet or of its parameters', async () => {
    const { dir, cleanup } = await tempDir()
    try {
      const wallet = await Wallet.import({
        name: 'bob',
        password: PASSWORD,
        dir,
        scryptN: TEST_SCRYPT_N,
        mnemonic: PHRASE,
      })
      const lines: string[] = []
      const log = createLogger({ verbose: true, destination: { write: (line: string) => lines.push(line) } })
      log.debug({ wallet }, 'loaded')
      log.debug({
        params: {
          name: 'bob',
          password: PASSWORD,
          mnemonic: PHRASE,
          privateKey: wallet.exportPrivateKey('coldkey'),
        },
      })
      expect(lines).toHaveLength(2)
      for (const line of lines) {
        expectNoSecret(line, wallet)
        expect(line).not.toContain('junk')
      }
      expect(lines[0]).toContain(wallet.coldkeyAddress)
    } finally {
      await cleanup()
    }
  })

  it('in the text and JSON of every error a bad input produces', async () => {
    const { dir, cleanup } = await tempDir()
    try {
      const wallet = await Wallet.create({ name: 'alice', password: PASSWORD, dir, scryptN: TEST_SCRYPT_N })
      const key = wallet.exportPrivateKey('coldkey')
      const errors = [
        await caught(Wallet.load({ name: 'alice', password: `${PASSWORD}x`, dir })),
        await caught(Wallet.load({ name: 'nobody', password: PASSWORD, dir })),
        await caught(Wallet.import({ name: 'k', password: PASSWORD, dir, privateKey: key.slice(0, -2) })),
        await caught(Wallet.import({ name: 'k', password: PASSWORD, dir, privateKey: `${key}ff` })),
        await caught(
          Wallet.import({ name: 'k', password: PASSWORD, dir, privateKey: `${key.slice(0, -1)}g` }),
        ),
        await caught(
          Wallet.import({ name: 'k', password: PASSWORD, dir, mnemonic: PHRASE.replace('junk', 'junkk') }),
        ),
        await caught(
          Wallet.import({ name: 'k', password: PASSWORD, dir, mnemonic: PHRASE.replace('junk', 'test') }),
        ),
        await caught(Wallet.import({ name: 'k', password: PASSWORD, dir, mnemonic: `${PHRASE} test` })),
        // A private key pasted where a keystore JSON was expected must not come back in the JSON error.
        await caught(decryptKeystore(`{"version":3,"crypto":${key}`, PASSWORD)),
        await caught(decryptKeystore(key, PASSWORD)),
        await caught(Wallet.import({ name: '../alice', password: PASSWORD, dir, privateKey: key })),
      ]
      for (const err of errors) {
        expect(err).toBeInstanceOf(HetuError)
        const hetuError = err as HetuError
        expect(hetuError.hint).toBeTruthy()
        const text = [
          err.message,
          err.stack,
          JSON.stringify(err),
          JSON.stringify(hetuError.meta),
          inspect(err, { depth: 10 }),
        ].join('\n')
        expectNoSecret(text, wallet)
        expect(text).not.toContain('junkk')
      }
    } finally {
      await cleanup()
    }
  })
})
