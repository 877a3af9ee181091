import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { InvalidWalletNameError } from './errors.js'

/** Where wallets live unless `dir` or `HETU_WALLET_DIR` says otherwise. */
export const DEFAULT_WALLET_DIR = '~/.hetu/wallets'

// Letters, digits, '.', '_', '-'; starts with a letter or digit, so never '.', '..', a hidden or temp name.
const WALLET_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/

/** Where hetucli, the Python SDK's CLI, keeps `<name>.json` single-key keystores. */
export const HETUCLI_WALLET_DIR = '~/.hetucli/wallets'

/** The wallet directory: `dir` option, else `HETU_WALLET_DIR`, else `~/.hetu/wallets`; `~` expanded. */
export function resolveWalletDir(dir?: string): string {
  const chosen = dir ?? process.env.HETU_WALLET_DIR ?? DEFAULT_WALLET_DIR
  const expanded = chosen === '~' || chosen.startsWith('~/') ? join(homedir(), chosen.slice(1)) : chosen
  return resolve(expanded)
}

/** @throws {InvalidWalletNameError} a name that could leave the wallet directory or is not portable. */
export function validateWalletName(name: unknown): string {
  if (typeof name !== 'string' || !WALLET_NAME.test(name))
    throw new InvalidWalletNameError({ name: String(name) })
  return name
}

export interface WalletPaths {
  dir: string
  walletDir: string
  coldkey: string
  hotkey: string
}

/** Layout: `<dir>/<name>/coldkey.json` and `<dir>/<name>/hotkey.json`. */
export function walletPaths(name: string, dir?: string): WalletPaths {
  const base = resolveWalletDir(dir)
  const walletDir = join(base, validateWalletName(name))
  return {
    dir: base,
    walletDir,
    coldkey: join(walletDir, 'coldkey.json'),
    hotkey: join(walletDir, 'hotkey.json'),
  }
}

/** True for names `validateWalletName` accepts (used to skip temp and foreign entries when listing). */
export function isWalletName(name: string): boolean {
  return WALLET_NAME.test(name)
}
