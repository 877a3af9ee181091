// Unlocking keystores at the standard cost (scrypt n=2^18, r=8, p=1, 256 MiB), in one run:
//  1. decryptKeystore (ours: parse, scrypt, MAC, AES, address check) vs a bare node:crypto scrypt with the
//     same parameters (the floor: the KDF alone);
//  2. Wallet.load of a coldkey + hotkey wallet (both derive in parallel on the thread pool) vs the two
//     bare scrypt derivations one after another (how a key-by-key loader unlocks a wallet);
//  3. decryptKeystore vs @noble/hashes' JavaScript scrypt (what JS-only keystore code runs), in time and in
//     the longest event-loop stall while it runs.
import { scrypt } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { scryptAsync } from '@noble/hashes/scrypt.js'
import { DEFAULT_SCRYPT, decryptKeystore, encryptKeystore, Wallet } from '../../src/index.js'
import { median, report } from '../report.js'

const runs = Number(process.env.RUNS ?? 5)
const password = 'bench-password'
const { n: N, r, p } = DEFAULT_SCRYPT
const salt = Buffer.alloc(32, 7)
const maxmem = 512 * 1024 * 1024

const bareScrypt = () =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, 32, { N, r, p, maxmem }, (err, key) => (err ? reject(err) : resolve(key))),
  )
async function time(action: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  await action()
  return performance.now() - start
}

const dir = await mkdtemp(join(tmpdir(), 'hetu-bench-wallet-'))
try {
  const keystore = await encryptKeystore(`0x${'11'.repeat(32)}`, password)
  await Wallet.create({ name: 'bench', password, dir })

  const ours: number[] = []
  const bare: number[] = []
  const load: number[] = []
  const bareTwice: number[] = []
  for (let i = 0; i < runs; i++) {
    ours.push(await time(() => decryptKeystore(keystore, password)))
    bare.push(await time(bareScrypt))
    load.push(await time(() => Wallet.load({ name: 'bench', password, dir })))
    bareTwice.push(
      await time(async () => {
        await bareScrypt()
        await bareScrypt()
      }),
    )
  }
  report(
    'decryptKeystore (n=2^18 r=8 p=1)',
    median(ours),
    'bare node:crypto scrypt, same params',
    median(bare),
    'ms',
  )
  report(
    'Wallet.load coldkey + hotkey',
    median(load),
    'two bare node:crypto scrypts in sequence',
    median(bareTwice),
    'ms',
  )

  const noble: number[] = []
  for (let i = 0; i < Math.min(runs, 3); i++) {
    noble.push(await time(() => scryptAsync(password, salt, { N, r, p, dkLen: 32, maxmem })))
  }
  report(
    'decryptKeystore (native scrypt)',
    median(ours),
    '@noble/hashes scryptAsync (JavaScript)',
    median(noble),
    'ms',
  )

  // What a server (axon, validator loop) feels while a key unlocks: the longest gap between 1 ms timer
  // ticks, up to the moment the key is ready (noble yields with microtasks only, so timers wait).
  const stall = async (action: () => Promise<unknown>) => {
    let last = performance.now()
    let longest = 0
    const timer = setInterval(() => {
      const now = performance.now()
      longest = Math.max(longest, now - last)
      last = now
    }, 1)
    await action()
    longest = Math.max(longest, performance.now() - last)
    clearInterval(timer)
    return longest
  }
  report(
    'longest event-loop stall during decryptKeystore',
    await stall(() => decryptKeystore(keystore, password)),
    'during @noble/hashes scryptAsync',
    await stall(() => scryptAsync(password, salt, { N, r, p, dkLen: 32, maxmem })),
    'ms',
  )
} finally {
  await rm(dir, { recursive: true, force: true })
}
