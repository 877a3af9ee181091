import { KeystoreCorruptedError, KeystoreKdfTooCostlyError } from '../errors.js'

/** A keystore checked field by field and decoded to bytes, ready to decrypt. */
export interface ParsedKeystore {
  kdf:
    | { kind: 'scrypt'; n: number; r: number; p: number; dklen: number; salt: Buffer }
    | { kind: 'pbkdf2'; c: number; dklen: number; salt: Buffer }
  iv: Buffer
  ciphertext: Buffer
  mac: Buffer
  /** Lower-case 0x address from the file, when it has one (not trusted until the key is decrypted). */
  address: `0x${string}` | undefined
}

// Bounds that every real keystore satisfies: 4× the standard cost (geth, MetaMask: scrypt n=2^18 r=8
// p=1; eth-keyfile: n=2^18 r=1 p=8; pbkdf2 c=262144). Anything beyond is a corrupted or hostile file
// that would otherwise make us allocate a gigabyte or spin for seconds to minutes before failing.
const STANDARD_SCRYPT_WORK = 2 ** 18 * 8 * 1 // n·r·p: the number of block mixes
const MAX_SCRYPT_WORK = 4 * STANDARD_SCRYPT_WORK
const MAX_SCRYPT_MEMORY = 4 * scryptMemory(2 ** 18, 8, 1)
const MAX_PBKDF2_ITERATIONS = 4 * 262_144

/**
 * Why scrypt `n`, `r`, `p` are refused (checked before deriving anything), or undefined when they are
 * fine; `costly`: valid but beyond 4× the standard cost.
 */
export function scryptParamsProblem(
  n: number,
  r: number,
  p: number,
): { reason: string; costly: boolean } | undefined {
  if (![n, r, p].every((v) => Number.isSafeInteger(v) && v >= 1))
    return { reason: `scrypt n ${n} r ${r} p ${p} out of range`, costly: false }
  if (n < 2 || (n & (n - 1)) !== 0) return { reason: `scrypt n ${n} is not a power of two`, costly: false }
  if (scryptMemory(n, r, p) > MAX_SCRYPT_MEMORY)
    return { reason: `scrypt n ${n} r ${r} needs more than 1 GiB`, costly: true }
  const work = n * r * p
  if (work > MAX_SCRYPT_WORK)
    return {
      reason: `scrypt n ${n} r ${r} p ${p} is ${work / STANDARD_SCRYPT_WORK}× the standard work (n=2^18 r=8 p=1), more than 4×`,
      costly: true,
    }
  return undefined
}

/**
 * Validates a V3 keystore (object or JSON text) and decodes its hex fields. Accepts `crypto` or
 * `Crypto` (ethers writes the latter) and hex with or without 0x.
 *
 * @throws {KeystoreCorruptedError} not JSON, not version 3, a missing field, or an unsupported cipher/KDF.
 */
export function parseKeystore(input: unknown, file?: string): ParsedKeystore {
  const fail = (reason: string, cause?: unknown): never => {
    throw new KeystoreCorruptedError({ file, reason, cause })
  }
  let json = input
  if (typeof input === 'string' || Buffer.isBuffer(input)) {
    try {
      json = JSON.parse(input.toString())
    } catch (err) {
      // JSON.parse messages quote the input, which may be a secret pasted by mistake: keep only the kind.
      fail(`not valid JSON (${err instanceof SyntaxError ? 'syntax error' : 'unreadable'})`)
    }
  }
  if (!isRecord(json)) return fail('not a JSON object')
  if (json.version !== 3) return fail(`version ${JSON.stringify(json.version) ?? 'missing'}, expected 3`)
  const crypto = json.crypto ?? json.Crypto
  if (!isRecord(crypto)) return fail('missing "crypto" section')

  if (crypto.cipher !== 'aes-128-ctr') return fail(`unsupported cipher ${describe(crypto.cipher)}`)
  const cipherparams = isRecord(crypto.cipherparams)
    ? crypto.cipherparams
    : fail('missing crypto.cipherparams')
  const iv = hexField(cipherparams.iv, 'crypto.cipherparams.iv', fail, 16, 16)
  const ciphertext = hexField(crypto.ciphertext, 'crypto.ciphertext', fail, 1, 64)
  const mac = hexField(crypto.mac, 'crypto.mac', fail, 32, 32)
  const params = isRecord(crypto.kdfparams) ? crypto.kdfparams : fail('missing crypto.kdfparams')
  const salt = hexField(params.salt, 'crypto.kdfparams.salt', fail, 1, 1024)
  const dklen = intField(params.dklen, 'crypto.kdfparams.dklen', fail)
  if (dklen < 32 || dklen > 64) fail(`kdfparams.dklen ${dklen} outside 32..64`)

  let kdf: ParsedKeystore['kdf']
  if (crypto.kdf === 'scrypt') {
    const n = intField(params.n, 'crypto.kdfparams.n', fail)
    const r = intField(params.r, 'crypto.kdfparams.r', fail)
    const p = intField(params.p, 'crypto.kdfparams.p', fail)
    const problem = scryptParamsProblem(n, r, p)
    if (problem?.costly) throw new KeystoreKdfTooCostlyError({ file, reason: problem.reason })
    if (problem) fail(problem.reason)
    kdf = { kind: 'scrypt', n, r, p, dklen, salt }
  } else if (crypto.kdf === 'pbkdf2') {
    if (params.prf !== 'hmac-sha256') fail(`unsupported pbkdf2 prf ${describe(params.prf)}`)
    const c = intField(params.c, 'crypto.kdfparams.c', fail)
    if (c < 1) fail(`pbkdf2 iteration count ${c} out of range`)
    if (c > MAX_PBKDF2_ITERATIONS)
      throw new KeystoreKdfTooCostlyError({
        file,
        reason: `pbkdf2 iteration count ${c} is more than 4× the standard 262144`,
      })
    kdf = { kind: 'pbkdf2', c, dklen, salt }
  } else {
    return fail(`unsupported kdf ${describe(crypto.kdf)}`)
  }

  let address: ParsedKeystore['address']
  if (json.address !== undefined) {
    const hex = typeof json.address === 'string' ? json.address.replace(/^0x/i, '') : ''
    if (!/^[0-9a-fA-F]{40}$/.test(hex)) fail('"address" is not a 20-byte hex address')
    address = `0x${hex.toLowerCase()}`
  }
  return { kdf, iv, ciphertext, mac, address }
}

/** Bytes OpenSSL's scrypt allocates: B (p·128·r) plus V (128·r·(n+2)) plus a block; node's maxmem must cover it. */
export function scryptMemory(n: number, r: number, p: number): number {
  return 128 * r * (n + p + 3)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `"${value.slice(0, 40)}"` : 'missing'
}

function intField(value: unknown, field: string, fail: (reason: string) => never): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) return fail(`${field} is not an integer`)
  return value
}

function hexField(
  value: unknown,
  field: string,
  fail: (reason: string) => never,
  minBytes: number,
  maxBytes: number,
): Buffer {
  const hex = typeof value === 'string' ? value.replace(/^0x/i, '') : undefined
  if (hex === undefined || hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex))
    return fail(`${field} is not hex`)
  const bytes = hex.length / 2
  if (bytes < minBytes || bytes > maxBytes) {
    return fail(
      `${field} has ${bytes} bytes, expected ${minBytes === maxBytes ? minBytes : `${minBytes}..${maxBytes}`}`,
    )
  }
  return Buffer.from(hex, 'hex')
}
