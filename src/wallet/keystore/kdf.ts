import { pbkdf2, scrypt } from 'node:crypto'
import { scryptAsync } from '@noble/hashes/scrypt.js'
import { type ParsedKeystore, scryptMemory } from './parse.js'

/**
 * Derives the keystore key with node:crypto. Both KDFs run on libuv's thread pool (OpenSSL, native), so a
 * 256 MiB scrypt neither blocks the event loop nor runs as slow JavaScript, and the coldkey and hotkey of a
 * wallet derive in parallel.
 */
export async function deriveKeystoreKey(password: Uint8Array, kdf: ParsedKeystore['kdf']): Promise<Buffer> {
  if (kdf.kind === 'scrypt' && !opensslAcceptsScrypt(kdf.n, kdf.r)) {
    // OpenSSL enforces RFC 7914's N < 2^(16·r); geth does not, and the Web3 Secret Storage test vector
    // (n=2^18, r=1) breaks it. Such files are rare: derive them with @noble/hashes (JS, yields to the loop).
    const { n: N, r, p, dklen: dkLen, salt } = kdf
    return Buffer.from(
      await scryptAsync(password, salt, { N, r, p, dkLen, maxmem: scryptMemory(N, r, p) + 1024 * 1024 }),
    )
  }
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, key: Buffer) => (err ? reject(err) : resolve(key))
    if (kdf.kind === 'scrypt') {
      // Node's default maxmem (32 MiB) is below what n=2^18, r=8 needs (256 MiB): size it to the params,
      // which parseKeystore/encryptKeystore have already bounded.
      const maxmem = scryptMemory(kdf.n, kdf.r, kdf.p) + 1024 * 1024
      scrypt(password, kdf.salt, kdf.dklen, { N: kdf.n, r: kdf.r, p: kdf.p, maxmem }, done)
    } else {
      pbkdf2(password, kdf.salt, kdf.c, kdf.dklen, 'sha256', done)
    }
  })
}

function opensslAcceptsScrypt(n: number, r: number): boolean {
  return 16 * r >= 53 || n < 2 ** (16 * r)
}
