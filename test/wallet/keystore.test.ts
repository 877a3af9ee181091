import { createDecipheriv } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { scrypt as nobleScrypt } from '@noble/hashes/scrypt.js'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { privateKeyToAddress } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_SCRYPT,
  decryptKeystore,
  encryptKeystore,
  InvalidPrivateKeyError,
  InvalidScryptParamsError,
  KeystoreCorruptedError,
  type KeystoreV3,
  WrongPasswordError,
} from '../../src/index.js'
import { caught, TEST_SCRYPT_N } from './helpers.js'

type VectorCase = { json: KeystoreV3; password: string; priv: string }
const vectors: { cases: Record<string, VectorCase> } = JSON.parse(
  readFileSync(new URL('../fixtures/keystore/web3-secret-storage-vectors.json', import.meta.url), 'utf8'),
)
type EthersCase = {
  name: string
  password: string
  privateKey: `0x${string}`
  address: string
  json: Record<string, unknown>
}
const ethers: { cases: EthersCase[] } = JSON.parse(
  readFileSync(new URL('../fixtures/keystore/ethers-keystores.json', import.meta.url), 'utf8'),
)
const ethersCase = (name: string) => ethers.cases.find((c) => c.name === name)!
const KEY = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318' as const

describe('Web3 Secret Storage test vectors', () => {
  for (const [name, vector] of Object.entries(vectors.cases)) {
    it(`decrypts ${name}`, async () => {
      const key = await decryptKeystore(vector.json, vector.password)
      // Keys stored without their leading zero bytes come back left-padded to 32 bytes.
      expect(key).toBe(`0x${vector.priv.padStart(64, '0')}`)
    })
  }

  it('rejects the scrypt vector with a wrong password', async () => {
    // pbkdf2 vector: the same check, without the ~3 s scrypt n=2^18,r=1 derivation.
    const vector = vectors.cases.wikipage_test_vector_pbkdf2!
    expect(await caught(decryptKeystore(vector.json, 'testpassworD'))).toBeInstanceOf(WrongPasswordError)
  })
})

describe('keystores written by ethers', () => {
  it('decrypts a "Crypto"-cased ethers keystore', async () => {
    const c = ethersCase('ethers_scrypt')
    expect(c.json.Crypto).toBeDefined()
    expect(await decryptKeystore(c.json, c.password)).toBe(c.privateKey)
    expect(await decryptKeystore(JSON.stringify(c.json), c.password)).toBe(c.privateKey)
  })

  it('decrypts one carrying x-ethers mnemonic fields', async () => {
    const c = ethersCase('ethers_with_mnemonic')
    expect(c.json['x-ethers']).toBeDefined()
    const key = await decryptKeystore(c.json, c.password)
    expect(privateKeyToAddress(key)).toBe(c.address)
  })

  it('accepts a non-ASCII password that ethers NFKC-normalized before hashing', async () => {
    const c = ethersCase('ethers_nfkc_password')
    expect(c.password.normalize('NFKC')).not.toBe(c.password)
    expect(await decryptKeystore(c.json, c.password)).toBe(c.privateKey)
  })

  it('produces the same bytes as ethers for the same salt, iv and cost', async () => {
    const c = ethersCase('ethers_scrypt')
    const crypto = c.json.Crypto as KeystoreV3['crypto']
    const ours = await encryptKeystore(c.privateKey, c.password, {
      salt: Buffer.from(crypto.kdfparams.salt, 'hex'),
      iv: Buffer.from(crypto.cipherparams.iv, 'hex'),
      scrypt: { n: 4096 },
    })
    expect(ours.crypto.ciphertext).toBe(crypto.ciphertext)
    expect(ours.crypto.mac).toBe(crypto.mac)
    expect(ours.address).toBe(c.json.address)
  })

  it('reports a wrong password as WrongPasswordError', async () => {
    const c = ethersCase('ethers_scrypt')
    const err = await caught(decryptKeystore(c.json, 'correct horse battery stapler'))
    expect(err).toBeInstanceOf(WrongPasswordError)
    expect((err as WrongPasswordError).code).toBe('WRONG_PASSWORD')
  })
})

describe('encryptKeystore', () => {
  it('round-trips and writes a geth-shaped V3 file', async () => {
    const json = await encryptKeystore(KEY, 'hunter2', { scrypt: { n: TEST_SCRYPT_N } })
    expect(json.version).toBe(3)
    expect(json.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(json.address).toBe(privateKeyToAddress(KEY).slice(2).toLowerCase())
    expect(json.crypto.cipher).toBe('aes-128-ctr')
    expect(json.crypto.kdf).toBe('scrypt')
    expect(json.crypto.kdfparams).toMatchObject({ dklen: 32, n: TEST_SCRYPT_N, r: 8, p: 1 })
    expect(json.crypto.ciphertext).toHaveLength(64)
    expect(await decryptKeystore(json, 'hunter2')).toBe(KEY)
    expect(await decryptKeystore(JSON.stringify(json), 'hunter2')).toBe(KEY)
  })

  it("uses n=262144, r=8, p=1 by default (256 MiB, above node's default scrypt maxmem)", async () => {
    expect(DEFAULT_SCRYPT).toEqual({ n: 262_144, r: 8, p: 1 })
    // One derivation at full cost; decryption shares the same sized-maxmem path (and runs in the bench).
    const json = await encryptKeystore(KEY, 'hunter2')
    expect(json.crypto.kdfparams).toMatchObject({ n: 262_144, r: 8, p: 1, dklen: 32 })
  })

  it('is decryptable by an independent reading of the spec (noble scrypt + keccak, AES-CTR)', async () => {
    const json = await encryptKeystore(KEY, 'pässwörd', { scrypt: { n: TEST_SCRYPT_N } })
    const params = json.crypto.kdfparams as { n: number; r: number; p: number; dklen: number; salt: string }
    const derived = nobleScrypt(new TextEncoder().encode('pässwörd'), Buffer.from(params.salt, 'hex'), {
      N: params.n,
      r: params.r,
      p: params.p,
      dkLen: params.dklen,
    })
    const ciphertext = Buffer.from(json.crypto.ciphertext, 'hex')
    const mac = keccak_256(Buffer.concat([derived.subarray(16, 32), ciphertext]))
    expect(Buffer.from(mac).toString('hex')).toBe(json.crypto.mac)
    const decipher = createDecipheriv(
      'aes-128-ctr',
      derived.subarray(0, 16),
      Buffer.from(json.crypto.cipherparams.iv, 'hex'),
    )
    expect(`0x${Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('hex')}`).toBe(KEY)
  })

  it('uses fresh salt, iv and id each time', async () => {
    const [a, b] = await Promise.all([
      encryptKeystore(KEY, 'x', { scrypt: { n: TEST_SCRYPT_N } }),
      encryptKeystore(KEY, 'x', { scrypt: { n: TEST_SCRYPT_N } }),
    ])
    expect(a.crypto.kdfparams.salt).not.toBe(b.crypto.kdfparams.salt)
    expect(a.crypto.cipherparams.iv).not.toBe(b.crypto.cipherparams.iv)
    expect(a.crypto.ciphertext).not.toBe(b.crypto.ciphertext)
    expect(a.id).not.toBe(b.id)
  })

  it('rejects bad keys and bad scrypt cost with typed errors', async () => {
    expect(await caught(encryptKeystore('0x1234', 'x'))).toBeInstanceOf(InvalidPrivateKeyError)
    expect(await caught(encryptKeystore(`0x${'0'.repeat(64)}`, 'x'))).toBeInstanceOf(InvalidPrivateKeyError)
    expect(await caught(encryptKeystore(`0x${'f'.repeat(64)}`, 'x'))).toBeInstanceOf(InvalidPrivateKeyError)
    expect(await caught(encryptKeystore(KEY, 'x', { scrypt: { n: 1000 } }))).toBeInstanceOf(
      InvalidScryptParamsError,
    )
    expect(await caught(encryptKeystore(KEY, 'x', { scrypt: { n: 2 ** 24, r: 8 } }))).toBeInstanceOf(
      InvalidScryptParamsError,
    )
  })
})

describe('corrupted keystores', () => {
  type Editable = {
    [field: string]: unknown
    Crypto: {
      [field: string]: unknown
      ciphertext: string
      cipherparams: { iv: string }
      kdfparams: Record<string, unknown>
    }
  }
  const good = () => structuredClone(ethersCase('ethers_scrypt').json) as Editable
  const password = ethersCase('ethers_scrypt').password
  const edit =
    (change: (json: Editable) => void) =>
    (json: Editable): Editable => {
      change(json)
      return json
    }

  const cases: [string, (json: Editable) => unknown, RegExp][] = [
    ['truncated JSON', (json) => JSON.stringify(json).slice(0, 120), /not valid JSON/],
    ['a JSON array', () => '[]', /not a JSON object/],
    ['version 1', (json) => ({ ...json, version: 1 }), /version 1, expected 3/],
    ['no crypto section', ({ Crypto: _, ...json }) => json, /missing "crypto"/],
    [
      'aes-128-cbc',
      edit((json) => {
        json.Crypto.cipher = 'aes-128-cbc'
      }),
      /unsupported cipher "aes-128-cbc"/,
    ],
    [
      'argon2 kdf',
      edit((json) => {
        json.Crypto.kdf = 'argon2id'
      }),
      /unsupported kdf "argon2id"/,
    ],
    [
      'a short iv',
      edit((json) => {
        json.Crypto.cipherparams.iv = 'abcd'
      }),
      /iv has 2 bytes, expected 16/,
    ],
    [
      'odd-length ciphertext',
      edit((json) => {
        json.Crypto.ciphertext = 'abc'
      }),
      /ciphertext is not hex/,
    ],
    [
      'a missing mac',
      edit((json) => {
        delete json.Crypto.mac
      }),
      /mac is not hex/,
    ],
    [
      'n not a power of two',
      edit((json) => {
        json.Crypto.kdfparams.n = 1000
      }),
      /not a power of two/,
    ],
    [
      'a hostile n of 2^30',
      edit((json) => {
        json.Crypto.kdfparams.n = 2 ** 30
      }),
      /more than 1 GiB/,
    ],
    [
      'pbkdf2 with hmac-sha512',
      edit((json) => {
        json.Crypto.kdf = 'pbkdf2'
        json.Crypto.kdfparams = { c: 10, dklen: 32, prf: 'hmac-sha512', salt: '00' }
      }),
      /unsupported pbkdf2 prf "hmac-sha512"/,
    ],
    [
      'a malformed address',
      edit((json) => {
        json.address = 'xyz'
      }),
      /address/,
    ],
  ]
  for (const [label, mutate, reason] of cases) {
    it(`reports ${label} as KeystoreCorruptedError`, async () => {
      const err = await caught(decryptKeystore(mutate(good()) as Record<string, unknown>, password))
      expect(err).toBeInstanceOf(KeystoreCorruptedError)
      expect((err as KeystoreCorruptedError).shortMessage).toMatch(reason)
      expect((err as KeystoreCorruptedError).hint).toMatch(/backup|re-import/)
    })
  }

  it('reports an address field that does not match the key (a swapped file) as corrupted', async () => {
    const json = good()
    json.address = '70997970c51812dc3a010c7d01b50e0d17dc79c8'
    const err = await caught(decryptKeystore(json, password))
    expect(err).toBeInstanceOf(KeystoreCorruptedError)
    expect(err.message).toMatch(/does not match the decrypted key/)
  })

  it('reports an altered ciphertext as a MAC mismatch', async () => {
    const json = good()
    const hex = json.Crypto.ciphertext
    json.Crypto.ciphertext = (hex[0] === '0' ? '1' : '0') + hex.slice(1)
    expect(await caught(decryptKeystore(json, password))).toBeInstanceOf(WrongPasswordError)
  })
})
