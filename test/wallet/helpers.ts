import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** scrypt n for test wallets: 1 MiB per key, milliseconds instead of ~0.5 s. */
export const TEST_SCRYPT_N = 1024

/** A fresh temp directory, removed by the returned cleanup. */
export async function tempDir(
  prefix = 'hetu-wallet-',
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) }
}

/** Catches the rejection of `promise` (or the throw of `fn`) so its type and text can be asserted. */
export async function caught(action: Promise<unknown> | (() => unknown)): Promise<Error> {
  try {
    await (typeof action === 'function' ? action() : action)
  } catch (err) {
    return err as Error
  }
  throw new Error('expected a rejection')
}
