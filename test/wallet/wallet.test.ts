import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { mnemonicToAccount, privateKeyToAccount } from 'viem/accounts'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  decryptKeystore,
  InvalidPasswordError,
  InvalidPrivateKeyError,
  InvalidWalletImportError,
  InvalidWalletNameError,
  KeystoreCorruptedError,
  resolveWalletDir,
  Wallet,
  WalletExistsError,
  WalletNotFoundError,
  WrongPasswordError,
} from '../../src/index.js'
import { caught, TEST_SCRYPT_N, tempDir } from './helpers.js'

const PASSWORD = 'correct horse battery staple'
const KEY = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318' as const
const HOTKEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d' as const

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
})
afterEach(() => cleanup())

const create = (name: string, extra: Partial<Parameters<typeof Wallet.create>[0]> = {}) =>
  Wallet.create({ name, password: PASSWORD, dir, scryptN: TEST_SCRYPT_N, ...extra })
const mode = async (path: string) => (await stat(path)).mode & 0o777

describe('Wallet.create and Wallet.load', () => {
  it('writes coldkey.json and hotkey.json as V3 keystores with 0600 files in 0700 directories', async () => {
    const base = join(dir, 'nested', 'wallets')
    const wallet = await Wallet.create({
      name: 'alice',
      password: PASSWORD,
      dir: base,
      scryptN: TEST_SCRYPT_N,
    })
    expect(wallet.path).toBe(join(base, 'alice'))
    expect(await readdir(wallet.path!)).toEqual(['coldkey.json', 'hotkey.json'])
    expect(await mode(base)).toBe(0o700)
    expect(await mode(wallet.path!)).toBe(0o700)
    expect(await mode(join(wallet.path!, 'coldkey.json'))).toBe(0o600)
    expect(await mode(join(wallet.path!, 'hotkey.json'))).toBe(0o600)

    const cold = JSON.parse(await readFile(join(wallet.path!, 'coldkey.json'), 'utf8'))
    expect(cold).toMatchObject({
      version: 3,
      crypto: { cipher: 'aes-128-ctr', kdf: 'scrypt' },
      'x-hetu': { role: 'coldkey' },
    })
    expect(cold.address).toBe(wallet.coldkeyAddress.slice(2).toLowerCase())
    expect(await decryptKeystore(cold, PASSWORD)).toBe(wallet.exportPrivateKey('coldkey'))
    const hot = JSON.parse(await readFile(join(wallet.path!, 'hotkey.json'), 'utf8'))
    expect(await decryptKeystore(hot, PASSWORD)).toBe(wallet.exportPrivateKey('hotkey'))
  })

  it('creates distinct coldkey and hotkey that load back as viem accounts', async () => {
    const created = await create('alice')
    expect(created.coldkeyAddress).not.toBe(created.hotkeyAddress)
    expect(created.singleKey).toBe(false)
    const loaded = await Wallet.load({ name: 'alice', password: PASSWORD, dir })
    expect(loaded.name).toBe('alice')
    expect(loaded.coldkey.type).toBe('local')
    expect(loaded.coldkeyAddress).toBe(created.coldkeyAddress)
    expect(loaded.hotkeyAddress).toBe(created.hotkeyAddress)
    expect(loaded.exportPrivateKey('hotkey')).toBe(created.exportPrivateKey('hotkey'))
    const signature = await loaded.hotkey.signMessage({ message: 'hello' })
    expect(signature).toBe(
      await privateKeyToAccount(created.exportPrivateKey('hotkey')).signMessage({ message: 'hello' }),
    )
  })

  it('keeps one key for both roles with singleKey', async () => {
    const wallet = await create('solo', { singleKey: true })
    expect(await readdir(wallet.path!)).toEqual(['coldkey.json'])
    const loaded = await Wallet.load({ name: 'solo', password: PASSWORD, dir })
    expect(loaded.singleKey).toBe(true)
    expect(loaded.hotkeyAddress).toBe(loaded.coldkeyAddress)
    expect(loaded.exportPrivateKey('hotkey')).toBe(loaded.exportPrivateKey('coldkey'))
  })

  it('refuses to overwrite an existing wallet unless overwrite is set', async () => {
    const first = await create('alice')
    const before = await readFile(join(first.path!, 'coldkey.json'), 'utf8')
    const err = await caught(create('alice'))
    expect(err).toBeInstanceOf(WalletExistsError)
    expect((err as WalletExistsError).hint).toMatch(/overwrite: true/)
    expect(await readFile(join(first.path!, 'coldkey.json'), 'utf8')).toBe(before)

    const second = await create('alice', { overwrite: true, singleKey: true })
    expect(second.coldkeyAddress).not.toBe(first.coldkeyAddress)
    expect(await readdir(second.path!)).toEqual(['coldkey.json'])
    expect((await Wallet.load({ name: 'alice', password: PASSWORD, dir })).coldkeyAddress).toBe(
      second.coldkeyAddress,
    )
    expect(await readdir(dir)).toEqual(['alice']) // no staging or retired directory left behind
  })

  it('lets exactly one of two concurrent creates of a name win', async () => {
    const results = await Promise.allSettled([create('race'), create('race'), create('race')])
    const won = results.filter((r) => r.status === 'fulfilled')
    const lost = results.filter((r) => r.status === 'rejected')
    expect(won).toHaveLength(1)
    for (const r of lost) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(WalletExistsError)
    const loaded = await Wallet.load({ name: 'race', password: PASSWORD, dir })
    expect(loaded.coldkeyAddress).toBe((won[0] as PromiseFulfilledResult<Wallet>).value.coldkeyAddress)
    expect(await readdir(dir)).toEqual(['race'])
  })

  it('reports a wrong password as WrongPasswordError naming the file, not the password', async () => {
    await create('alice')
    const err = await caught(Wallet.load({ name: 'alice', password: 'Correct horse battery staple', dir }))
    expect(err).toBeInstanceOf(WrongPasswordError)
    expect(err.message).toContain(join(dir, 'alice', 'coldkey.json'))
    expect(err.message).not.toContain('Correct horse')
  })

  it('reports a missing wallet with the names that do exist', async () => {
    await create('alice')
    await create('bob')
    const err = (await caught(Wallet.load({ name: 'carol', password: PASSWORD, dir }))) as WalletNotFoundError
    expect(err).toBeInstanceOf(WalletNotFoundError)
    expect(err.code).toBe('WALLET_NOT_FOUND')
    expect(err.hint).toContain('alice, bob')
    const empty = (await caught(
      Wallet.load({ name: 'carol', password: PASSWORD, dir: join(dir, 'none') }),
    )) as WalletNotFoundError
    expect(empty.hint).toMatch(/no wallet.*Wallet\.create/)
  })

  it('points a Python SDK user at their hetucli keystore of the same name, which then imports', async () => {
    const fixture = JSON.parse(
      await readFile(new URL('../fixtures/keystore/ethers-keystores.json', import.meta.url), 'utf8'),
    )
    const c = fixture.cases[0]
    const hetucli = join(dir, 'hetucli')
    await mkdir(hetucli)
    // hetucli's layout: <wallet_path>/<name>.json, a V3 keystore with extra name and address keys.
    const legacy = join(hetucli, 'miner1.json')
    await writeFile(legacy, JSON.stringify({ ...c.json, name: 'miner1' }))
    const saved = process.env.HETUCLI_WALLET_DIR
    process.env.HETUCLI_WALLET_DIR = hetucli
    try {
      const err = (await caught(
        Wallet.load({ name: 'miner1', password: c.password, dir }),
      )) as WalletNotFoundError
      expect(err).toBeInstanceOf(WalletNotFoundError)
      expect(err.hint).toContain(legacy)
      expect(err.hint).toContain('Wallet.import')
    } finally {
      if (saved === undefined) delete process.env.HETUCLI_WALLET_DIR
      else process.env.HETUCLI_WALLET_DIR = saved
    }
    const keystore = await readFile(legacy, 'utf8')
    await Wallet.import({
      name: 'miner1',
      password: c.password,
      dir,
      scryptN: TEST_SCRYPT_N,
      keystore,
      singleKey: true,
    })
    expect((await Wallet.load({ name: 'miner1', password: c.password, dir })).coldkeyAddress).toBe(c.address)
  })

  it('reports a truncated coldkey file, a missing hotkey file and a swapped address as corrupted', async () => {
    const wallet = await create('alice')
    const coldkeyPath = join(wallet.path!, 'coldkey.json')
    const original = await readFile(coldkeyPath, 'utf8')

    await writeFile(coldkeyPath, original.slice(0, original.length / 2))
    let err = await caught(Wallet.load({ name: 'alice', password: PASSWORD, dir }))
    expect(err).toBeInstanceOf(KeystoreCorruptedError)
    expect(err.message).toMatch(/not valid JSON/)

    await writeFile(
      coldkeyPath,
      original.replace(/"address": "[0-9a-f]+"/, `"address": "${'ab'.repeat(20)}"`),
    )
    err = await caught(Wallet.load({ name: 'alice', password: PASSWORD, dir }))
    expect(err).toBeInstanceOf(KeystoreCorruptedError)
    expect(err.message).toMatch(/does not match/)

    await writeFile(coldkeyPath, original)
    await rm(join(wallet.path!, 'hotkey.json'))
    err = await caught(Wallet.load({ name: 'alice', password: PASSWORD, dir }))
    expect(err).toBeInstanceOf(KeystoreCorruptedError)
    expect((err as KeystoreCorruptedError).meta.file).toBe(join(wallet.path!, 'hotkey.json'))
  })

  it('rejects an empty password for a new wallet', async () => {
    expect(await caught(create('alice', { password: '' }))).toBeInstanceOf(InvalidPasswordError)
    expect(await Wallet.exists({ name: 'alice', dir })).toBe(false)
  })
})

describe('wallet names and directories', () => {
  for (const name of ['../evil', 'a/b', '..', '.hidden', '', 'with space', 'x'.repeat(65), 'ok\0', '/abs']) {
    it(`rejects ${JSON.stringify(name)} before touching the disk`, async () => {
      const err = await caught(create(name))
      expect(err).toBeInstanceOf(InvalidWalletNameError)
      expect(await caught(Wallet.load({ name, password: PASSWORD, dir }))).toBeInstanceOf(
        InvalidWalletNameError,
      )
      expect(await readdir(dir)).toEqual([])
    })
  }

  it('accepts names made of letters, digits, dot, dash and underscore', async () => {
    await create('validator-1.main_2')
    expect(await Wallet.exists({ name: 'validator-1.main_2', dir })).toBe(true)
  })

  it('uses HETU_WALLET_DIR when no dir is passed, and ~/.hetu/wallets otherwise', async () => {
    const saved = process.env.HETU_WALLET_DIR
    try {
      process.env.HETU_WALLET_DIR = join(dir, 'from-env')
      const wallet = await Wallet.create({ name: 'envy', password: PASSWORD, scryptN: TEST_SCRYPT_N })
      expect(wallet.path).toBe(join(dir, 'from-env', 'envy'))
      expect((await Wallet.list()).map((w) => w.name)).toEqual(['envy'])
      delete process.env.HETU_WALLET_DIR
      expect(resolveWalletDir()).toMatch(/\/\.hetu\/wallets$/)
      expect(resolveWalletDir('~/w')).not.toContain('~')
    } finally {
      if (saved === undefined) delete process.env.HETU_WALLET_DIR
      else process.env.HETU_WALLET_DIR = saved
    }
  })
})

describe('Wallet.list, exists and remove', () => {
  it('lists wallets by name with their addresses, without a password', async () => {
    const bob = await create('bob')
    const alice = await create('alice', { singleKey: true })
    await mkdir(join(dir, '.alice.1234.tmp')) // a crashed staging directory
    await mkdir(join(dir, 'not-a-wallet'))
    await writeFile(join(dir, 'stray.json'), '{}')
    expect(await Wallet.list({ dir })).toEqual([
      {
        name: 'alice',
        coldkeyAddress: alice.coldkeyAddress,
        hotkeyAddress: alice.coldkeyAddress,
        singleKey: true,
      },
      { name: 'bob', coldkeyAddress: bob.coldkeyAddress, hotkeyAddress: bob.hotkeyAddress, singleKey: false },
    ])
  })

  it('lists a wallet with a corrupted file without its addresses instead of failing', async () => {
    const wallet = await create('alice')
    await create('bob')
    await writeFile(join(wallet.path!, 'coldkey.json'), '{"version":3,')
    const list = await Wallet.list({ dir })
    expect(list.map((w) => w.name)).toEqual(['alice', 'bob'])
    expect(list[0]!.coldkeyAddress).toBeUndefined()
  })

  it('lists nothing for a directory that does not exist', async () => {
    expect(await Wallet.list({ dir: join(dir, 'missing') })).toEqual([])
  })

  it('removes a wallet, and reports removing a missing one', async () => {
    const wallet = await create('alice')
    expect(await wallet.exists()).toBe(true)
    await Wallet.remove({ name: 'alice', dir })
    expect(await wallet.exists()).toBe(false)
    expect(await Wallet.exists({ name: 'alice', dir })).toBe(false)
    expect(await caught(Wallet.remove({ name: 'alice', dir }))).toBeInstanceOf(WalletNotFoundError)
  })
})

describe('Wallet.import', () => {
  const PHRASE = 'test test test test test test test test test test test junk'

  it('imports a private key (with or without 0x, padded with whitespace) as coldkey and hotkey', async () => {
    const wallet = await Wallet.import({
      name: 'pk',
      password: PASSWORD,
      dir,
      scryptN: TEST_SCRYPT_N,
      privateKey: ` ${KEY.slice(2)}\n`,
    })
    expect(wallet.coldkeyAddress).toBe(privateKeyToAccount(KEY).address)
    expect(wallet.exportPrivateKey('coldkey')).toBe(KEY)
    // One account, as in MetaMask or the Python SDK: it signs as the address whose funds the user knows.
    expect(wallet.hotkeyAddress).toBe(wallet.coldkeyAddress)
    expect(wallet.singleKey).toBe(true)
    const again = await Wallet.load({ name: 'pk', password: PASSWORD, dir })
    expect(again.hotkey.address).toBe(privateKeyToAccount(KEY).address)
    expect((await readdir(join(dir, 'pk'))).sort()).toEqual(['coldkey.json'])
  })

  it('makes a fresh hotkey on request, and refuses contradictory hotkey choices', async () => {
    const fresh = await Wallet.import({
      name: 'fresh',
      password: PASSWORD,
      dir,
      scryptN: TEST_SCRYPT_N,
      privateKey: KEY,
      newHotkey: true,
    })
    expect(fresh.coldkeyAddress).toBe(privateKeyToAccount(KEY).address)
    expect(fresh.hotkeyAddress).not.toBe(fresh.coldkeyAddress)
    const base = { name: 'x', password: PASSWORD, dir, privateKey: KEY }
    for (const [given, reason] of [
      [
        { newHotkey: true, hotkeyPrivateKey: HOTKEY },
        '`hotkeyPrivateKey` and `newHotkey` exclude each other',
      ],
      [{ newHotkey: true, singleKey: true }, '`newHotkey` and `singleKey` exclude each other'],
    ] as const) {
      const err = await caught(Wallet.import({ ...base, ...given }))
      expect(err).toBeInstanceOf(InvalidWalletImportError)
      expect(err.message).toContain(reason)
    }
  })

  it('takes an explicit hotkey, or uses the coldkey with singleKey', async () => {
    const pair = await Wallet.import({
      name: 'pair',
      password: PASSWORD,
      dir,
      scryptN: TEST_SCRYPT_N,
      privateKey: KEY,
      hotkeyPrivateKey: HOTKEY,
    })
    expect(pair.hotkeyAddress).toBe(privateKeyToAccount(HOTKEY).address)
    const solo = await Wallet.import({
      name: 'solo',
      password: PASSWORD,
      dir,
      scryptN: TEST_SCRYPT_N,
      privateKey: KEY,
      singleKey: true,
    })
    expect(solo.hotkeyAddress).toBe(solo.coldkeyAddress)
  })

  it("derives coldkey and hotkey from a mnemonic at m/44'/60'/0'/0/i and i+1, as viem does", async () => {
    const wallet = await Wallet.import({
      name: 'm',
      password: PASSWORD,
      dir,
      scryptN: TEST_SCRYPT_N,
      mnemonic: PHRASE,
    })
    expect(wallet.coldkeyAddress).toBe(mnemonicToAccount(PHRASE, { addressIndex: 0 }).address)
    expect(wallet.hotkeyAddress).toBe(mnemonicToAccount(PHRASE, { addressIndex: 1 }).address)
    // The well-known first two accounts of this phrase (anvil's defaults).
    expect(wallet.coldkeyAddress).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266')
    expect(wallet.hotkeyAddress).toBe('0x70997970C51812dc3A010C7d01b50e0d17dc79C8')

    const indexed = await Wallet.import({
      name: 'm5',
      password: PASSWORD,
      dir,
      scryptN: TEST_SCRYPT_N,
      mnemonic: PHRASE,
      accountIndex: 5,
    })
    expect(indexed.coldkeyAddress).toBe(mnemonicToAccount(PHRASE, { addressIndex: 5 }).address)
    expect(indexed.hotkeyAddress).toBe(mnemonicToAccount(PHRASE, { addressIndex: 6 }).address)
  })

  it('honours a BIP-39 passphrase, a generated phrase and sloppy spacing or case', async () => {
    const phrase = Wallet.generateMnemonic()
    expect(phrase.split(' ')).toHaveLength(12)
    const wallet = await Wallet.import({
      name: 'p',
      password: PASSWORD,
      dir,
      scryptN: TEST_SCRYPT_N,
      mnemonic: `  ${phrase.toUpperCase().replaceAll(' ', '   ')} `,
      mnemonicPassphrase: 'extra',
      singleKey: true,
    })
    expect(wallet.coldkeyAddress).toBe(mnemonicToAccount(phrase, { passphrase: 'extra' }).address)
    expect(wallet.hotkeyAddress).toBe(wallet.coldkeyAddress)
  })

  it('imports a keystore from another tool (ethers) as its one key, re-encrypted with our password', async () => {
    const fixture = JSON.parse(
      await readFile(new URL('../fixtures/keystore/ethers-keystores.json', import.meta.url), 'utf8'),
    )
    const c = fixture.cases[0]
    const wallet = await Wallet.import({
      name: 'from-ethers',
      password: PASSWORD,
      dir,
      scryptN: TEST_SCRYPT_N,
      keystore: JSON.stringify(c.json),
      keystorePassword: c.password,
    })
    expect(wallet.coldkeyAddress).toBe(c.address)
    expect(wallet.hotkeyAddress).toBe(c.address)
    expect(
      (await Wallet.load({ name: 'from-ethers', password: PASSWORD, dir })).exportPrivateKey('coldkey'),
    ).toBe(c.privateKey)
    const err = await caught(
      Wallet.import({ name: 'x', password: PASSWORD, dir, keystore: c.json, keystorePassword: 'nope' }),
    )
    expect(err).toBeInstanceOf(WrongPasswordError)
  })

  it('needs exactly one key source', async () => {
    const none = await caught(Wallet.import({ name: 'x', password: PASSWORD, dir } as never))
    expect(none).toBeInstanceOf(InvalidWalletImportError)
    const both = await caught(
      Wallet.import({ name: 'x', password: PASSWORD, dir, privateKey: KEY, mnemonic: PHRASE } as never),
    )
    expect(both).toBeInstanceOf(InvalidWalletImportError)
    expect(both.message).toContain('privateKey and mnemonic')
    expect(await readdir(dir)).toEqual([])
  })

  it('rejects malformed private keys without echoing them', async () => {
    for (const bad of [KEY.slice(0, -1), `${KEY}00`, KEY.replace('4c', 'zz'), `0x${'0'.repeat(64)}`]) {
      const err = await caught(Wallet.import({ name: 'x', password: PASSWORD, dir, privateKey: bad }))
      expect(err).toBeInstanceOf(InvalidPrivateKeyError)
      expect(err.message).not.toContain(KEY.slice(6, 30))
    }
    const hot = await caught(
      Wallet.import({ name: 'x', password: PASSWORD, dir, privateKey: KEY, hotkeyPrivateKey: '0x12' }),
    )
    expect((hot as InvalidPrivateKeyError).meta.field).toBe('hotkeyPrivateKey')
  })
})

describe('Wallet.changePassword', () => {
  it('re-encrypts every key file: the old password stops working, the keys stay', async () => {
    const wallet = await create('alice')
    await Wallet.changePassword({
      name: 'alice',
      password: PASSWORD,
      newPassword: 'new one',
      dir,
      scryptN: TEST_SCRYPT_N,
    })
    expect(await caught(Wallet.load({ name: 'alice', password: PASSWORD, dir }))).toBeInstanceOf(
      WrongPasswordError,
    )
    const reloaded = await Wallet.load({ name: 'alice', password: 'new one', dir })
    expect(reloaded.exportPrivateKey('coldkey')).toBe(wallet.exportPrivateKey('coldkey'))
    expect(reloaded.exportPrivateKey('hotkey')).toBe(wallet.exportPrivateKey('hotkey'))
    expect(await mode(join(wallet.path!, 'hotkey.json'))).toBe(0o600)
    expect(await readdir(dir)).toEqual(['alice'])
  })
})

describe('Wallet.fromPrivateKeys', () => {
  it('builds an unsaved wallet from keys already held', async () => {
    const wallet = Wallet.fromPrivateKeys({ name: 'ci', coldkey: KEY, hotkey: HOTKEY })
    expect(wallet.path).toBeUndefined()
    expect(await wallet.exists()).toBe(false)
    expect(wallet.hotkeyAddress).toBe(privateKeyToAccount(HOTKEY).address)
    expect(Wallet.fromPrivateKeys({ coldkey: KEY }).singleKey).toBe(true)
  })
})
