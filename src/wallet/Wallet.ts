import { access, readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { inspect } from 'node:util'
import { type Address, getAddress, type Hex } from 'viem'
import { generatePrivateKey, type PrivateKeyAccount, privateKeyToAccount } from 'viem/accounts'
import { HetuError } from '../errors.js'
import {
  InvalidPasswordError,
  InvalidWalletImportError,
  KeystoreCorruptedError,
  WalletExistsError,
  WalletNotFoundError,
} from './errors.js'
import { installDirectory, isNotFound } from './files.js'
import { decryptKeystore } from './keystore/decrypt.js'
import { encryptKeystore } from './keystore/encrypt.js'
import type { KeystoreV3 } from './keystore/types.js'
import { generateMnemonic, mnemonicToPrivateKeys } from './mnemonic.js'
import {
  HETUCLI_WALLET_DIR,
  isWalletName,
  resolveWalletDir,
  validateWalletName,
  type WalletPaths,
  walletPaths,
} from './paths.js'
import { normalizePrivateKey } from './privateKey.js'

/** Which key of a wallet: the coldkey holds funds and stake, the hotkey is the neuron's identity. */
export type KeyRole = 'coldkey' | 'hotkey'

/** @deprecated Use {@link KeyRole}. */
export type WalletKeyRole = KeyRole

export interface WalletDirOption {
  /** Wallet directory. Default: `HETU_WALLET_DIR`, else `~/.hetu/wallets`. */
  dir?: string
}

export interface WalletSaveOptions extends WalletDirOption {
  name: string
  /** Encrypts both key files. */
  password: string
  /** One key as both coldkey and hotkey (only coldkey.json is written). Default false. */
  singleKey?: boolean
  /** Replace an existing wallet of this name. Default false: a {@link WalletExistsError} instead. */
  overwrite?: boolean
  /** scrypt cost for the new files. Default 262144 (geth standard); lower only for tests. */
  scryptN?: number
}

export type CreateWalletParameters = WalletSaveOptions

type ImportSource =
  | { privateKey: Hex | string; mnemonic?: undefined; keystore?: undefined }
  | {
      mnemonic: string
      /** Coldkey index i in m/44'/60'/0'/0/i; the hotkey is i+1 unless given or `singleKey`. Default 0. */
      accountIndex?: number
      /** Optional BIP-39 passphrase ("25th word"). */
      mnemonicPassphrase?: string
      privateKey?: undefined
      keystore?: undefined
    }
  | {
      /** A V3 keystore (object or JSON text) from geth, ethers, MetaMask or hetucli, used as the coldkey. */
      keystore: KeystoreV3 | Record<string, unknown> | string
      /** Password of that keystore. Default: `password`. */
      keystorePassword?: string
      privateKey?: undefined
      mnemonic?: undefined
    }

/** Which hotkey an import gets, besides the key it imports. */
export interface ImportHotkeyOptions {
  /** This key as the hotkey (a two-key wallet). */
  hotkeyPrivateKey?: Hex | string
  /** A fresh random hotkey (a two-key wallet): it holds nothing until the coldkey funds it. */
  newHotkey?: boolean
}

/**
 * Import parameters: exactly one key source.
 *
 * A private key or a keystore is one account, as in MetaMask or the Python SDK: it becomes the coldkey
 * **and** the hotkey, so the wallet signs as the address whose funds the user knows. `hotkeyPrivateKey`
 * or `newHotkey: true` make a two-key wallet instead.
 *
 * A mnemonic keeps its two derived keys (coldkey m/44'/60'/0'/0/i, hotkey i+1): that is how `hetu wallet
 * create --mnemonic` writes a wallet, and restoring one must give back the same hotkey (the neuron's
 * on-chain identity). `singleKey: true` uses index i for both, as a MetaMask phrase's first account.
 */
export type ImportWalletParameters = WalletSaveOptions & ImportSource & ImportHotkeyOptions

export interface LoadWalletParameters extends WalletDirOption {
  name: string
  password: string
}

/** What `Wallet.list` reads without a password. Addresses come from the files' `address` fields. */
export interface WalletSummary {
  name: string
  coldkeyAddress: Address | undefined
  hotkeyAddress: Address | undefined
  singleKey: boolean
}

/** Marker we add to our keystore files; other tools ignore unknown fields (as with ethers' `x-ethers`). */
interface HetuKeystoreExtra {
  role: KeyRole
  singleKey?: boolean
}

/**
 * A named wallet: a coldkey (funds, stake) and a hotkey (neuron identity, signs requests), like a
 * Bittensor wallet, or one key for both. Stored as Ethereum V3 keystores in `<dir>/<name>/`.
 *
 * The private keys live in private fields: `JSON.stringify`, `util.inspect`, `String()` and every error
 * show names and addresses only. {@link Wallet.exportPrivateKey} is the one explicit way to read a key.
 *
 * @example
 * const wallet = await Wallet.create({ name: 'alice', password })
 * const again = await Wallet.load({ name: 'alice', password })
 * await client.writeContract({ account: again.coldkey, ... })
 */
export class Wallet {
  readonly name: string
  /** Directory holding the key files; undefined for an in-memory wallet. */
  readonly path: string | undefined
  /** True when coldkey and hotkey are the same key. */
  readonly singleKey: boolean
  /** viem account of the coldkey, for transactions that move funds or stake. */
  readonly coldkey: PrivateKeyAccount
  /** viem account of the hotkey, for the neuron's identity and request signing. */
  readonly hotkey: PrivateKeyAccount
  readonly #coldkeyPrivateKey: Hex
  readonly #hotkeyPrivateKey: Hex

  private constructor(name: string, path: string | undefined, coldkeyPrivateKey: Hex, hotkeyPrivateKey: Hex) {
    this.name = name
    this.path = path
    this.#coldkeyPrivateKey = coldkeyPrivateKey
    this.#hotkeyPrivateKey = hotkeyPrivateKey
    this.singleKey = coldkeyPrivateKey === hotkeyPrivateKey
    this.coldkey = privateKeyToAccount(coldkeyPrivateKey)
    this.hotkey = this.singleKey ? this.coldkey : privateKeyToAccount(hotkeyPrivateKey)
  }

  get coldkeyAddress(): Address {
    return this.coldkey.address
  }

  get hotkeyAddress(): Address {
    return this.hotkey.address
  }

  /** The raw private key, for native signers (Axon/Dendrite) or a backup. Handle with care. */
  exportPrivateKey(which: KeyRole): Hex {
    if (which === 'coldkey') return this.#coldkeyPrivateKey
    if (which === 'hotkey') return this.#hotkeyPrivateKey
    throw new HetuError('INVALID_KEY_ROLE', `Unknown key ${JSON.stringify(String(which))}.`, {
      hint: 'Pass "coldkey" or "hotkey".',
    })
  }

  /** Whether this wallet's coldkey file is (still) on disk. */
  async exists(): Promise<boolean> {
    return this.path !== undefined && (await fileExists(join(this.path, 'coldkey.json')))
  }

  toJSON(): { name: string; coldkeyAddress: Address; hotkeyAddress: Address; singleKey: boolean } {
    return {
      name: this.name,
      coldkeyAddress: this.coldkeyAddress,
      hotkeyAddress: this.hotkeyAddress,
      singleKey: this.singleKey,
    }
  }

  toString(): string {
    return `Wallet(${this.name}: coldkey ${this.coldkeyAddress}, hotkey ${this.hotkeyAddress})`
  }

  [inspect.custom](): string {
    return this.toString()
  }

  /** Creates a wallet with fresh random keys and saves it. For a phrase you can write down, use {@link Wallet.generateMnemonic} and {@link Wallet.import}. */
  static async create(params: CreateWalletParameters): Promise<Wallet> {
    const coldkey = generatePrivateKey()
    return Wallet.#save(params, coldkey, params.singleKey ? coldkey : generatePrivateKey())
  }

  /**
   * Saves a wallet from a private key, a BIP-39 mnemonic (m/44'/60'/0'/0/i) or another tool's keystore.
   * A private key or keystore makes a one-key wallet (coldkey = hotkey) unless `hotkeyPrivateKey` or
   * `newHotkey` is given; see {@link ImportWalletParameters}.
   *
   * @throws {InvalidPrivateKeyError | InvalidMnemonicError | InvalidWalletImportError | WalletExistsError | WrongPasswordError | KeystoreCorruptedError | InvalidWalletNameError}
   */
  static async import(params: ImportWalletParameters): Promise<Wallet> {
    const sources = (['privateKey', 'mnemonic', 'keystore'] as const).filter(
      (key) => params[key] !== undefined,
    )
    if (sources.length !== 1) {
      throw new InvalidWalletImportError({
        reason: sources.length === 0 ? 'no key source given' : `${sources.join(' and ')} given together`,
      })
    }
    validateWalletName(params.name)
    const explicitHotkey =
      params.hotkeyPrivateKey === undefined
        ? undefined
        : normalizePrivateKey(params.hotkeyPrivateKey, 'hotkeyPrivateKey')
    const hotkeyChoices = [
      explicitHotkey !== undefined && 'hotkeyPrivateKey',
      params.newHotkey === true && 'newHotkey',
      params.singleKey === true && 'singleKey',
    ].filter((choice) => choice !== false)
    if (hotkeyChoices.length > 1) {
      throw new InvalidWalletImportError({
        reason: `${hotkeyChoices.map((c) => `\`${c}\``).join(' and ')} exclude each other`,
      })
    }

    let coldkey: Hex
    let derivedHotkey: Hex | undefined
    if (params.mnemonic !== undefined) {
      const index = params.accountIndex ?? 0
      const needsHotkey = hotkeyChoices.length === 0
      const keys = mnemonicToPrivateKeys(params.mnemonic, needsHotkey ? [index, index + 1] : [index], {
        passphrase: params.mnemonicPassphrase,
      })
      coldkey = keys[0]!
      derivedHotkey = keys[1]
    } else if (params.privateKey !== undefined) {
      coldkey = normalizePrivateKey(params.privateKey)
    } else {
      coldkey = await decryptKeystore(params.keystore, params.keystorePassword ?? params.password)
    }
    // One key unless asked otherwise; a mnemonic's own hotkey is its next index (derivedHotkey).
    const hotkey = explicitHotkey ?? (params.newHotkey ? generatePrivateKey() : (derivedHotkey ?? coldkey))
    return Wallet.#save(params, coldkey, hotkey)
  }

  /**
   * Decrypts a saved wallet. Coldkey and hotkey derive in parallel on the thread pool.
   *
   * @throws {WalletNotFoundError | WrongPasswordError | KeystoreCorruptedError | InvalidWalletNameError}
   */
  static async load({ name, password, dir }: LoadWalletParameters): Promise<Wallet> {
    const paths = walletPaths(name, dir)
    if (typeof password !== 'string')
      throw new InvalidPasswordError({ reason: `expected a string, got ${typeof password}` })
    const coldkeyFile = await readKeystoreFile(paths.coldkey)
    if (coldkeyFile === undefined) throw await notFound(name, paths)
    const single = extraOf(coldkeyFile.json)?.singleKey === true
    const hotkeyFile = single ? undefined : await readKeystoreFile(paths.hotkey)
    if (!single && hotkeyFile === undefined) {
      throw new KeystoreCorruptedError({
        file: paths.hotkey,
        reason: 'missing (the wallet has a coldkey but no hotkey)',
      })
    }
    const [coldkey, hotkey] = await Promise.allSettled([
      decryptKeystore(coldkeyFile.json, password, { file: paths.coldkey }),
      hotkeyFile ? decryptKeystore(hotkeyFile.json, password, { file: paths.hotkey }) : undefined,
    ])
    // Both derive at once; when both fail (a wrong password), report the coldkey's error.
    if (coldkey.status === 'rejected') throw coldkey.reason
    if (hotkey.status === 'rejected') throw hotkey.reason
    return new Wallet(name, paths.walletDir, coldkey.value, hotkey.value ?? coldkey.value)
  }

  /** Wallets in the directory, sorted by name, read without a password. A missing directory lists none. */
  static async list({ dir }: WalletDirOption = {}): Promise<WalletSummary[]> {
    const base = resolveWalletDir(dir)
    const names = await walletNames(base)
    const summaries = await Promise.all(
      names.map(async (name): Promise<WalletSummary | undefined> => {
        const paths = walletPaths(name, base)
        const coldkey = await readKeystoreFile(paths.coldkey).catch(() => null)
        if (coldkey === undefined) return undefined // a directory that is not a wallet
        const single = extraOf(coldkey?.json)?.singleKey === true
        const hotkey = single ? coldkey : await readKeystoreFile(paths.hotkey).catch(() => undefined)
        const coldkeyAddress = addressOf(coldkey?.json)
        return {
          name,
          coldkeyAddress,
          hotkeyAddress: single ? coldkeyAddress : addressOf(hotkey?.json),
          singleKey: single,
        }
      }),
    )
    return summaries.filter((summary) => summary !== undefined)
  }

  /** Whether a wallet of that name exists (has a coldkey file). */
  static async exists({ name, dir }: { name: string } & WalletDirOption): Promise<boolean> {
    return fileExists(walletPaths(name, dir).coldkey)
  }

  /**
   * Deletes the wallet's directory and key files. Irreversible without a backup.
   *
   * @throws {WalletNotFoundError | InvalidWalletNameError}
   */
  static async remove({ name, dir }: { name: string } & WalletDirOption): Promise<void> {
    const paths = walletPaths(name, dir)
    if (!(await fileExists(paths.walletDir))) throw await notFound(name, paths)
    await rm(paths.walletDir, { recursive: true, force: true })
  }

  /**
   * Re-encrypts the key files of a wallet with a new password; the wallet directory is swapped whole, so
   * the files never hold two different passwords.
   *
   * @throws {WalletNotFoundError | WrongPasswordError | KeystoreCorruptedError | InvalidPasswordError}
   */
  static async changePassword({
    name,
    password,
    newPassword,
    dir,
    scryptN,
  }: LoadWalletParameters & { newPassword: string; scryptN?: number }): Promise<void> {
    checkNewPassword(newPassword)
    const wallet = await Wallet.load({ name, password, dir })
    const paths = walletPaths(name, dir)
    const files = await encryptWalletFiles(
      wallet.#coldkeyPrivateKey,
      wallet.#hotkeyPrivateKey,
      newPassword,
      scryptN,
    )
    await installDirectory(paths.dir, name, files, { replace: true })
  }

  /**
   * An unsaved wallet from keys you already hold (tests, CI, keys from a secret manager). Without
   * `hotkey`, the coldkey is used for both.
   *
   * @throws {InvalidPrivateKeyError}
   */
  static fromPrivateKeys({
    name = 'in-memory',
    coldkey,
    hotkey,
  }: {
    name?: string
    coldkey: Hex | string
    hotkey?: Hex | string
  }): Wallet {
    const cold = normalizePrivateKey(coldkey, 'coldkey')
    return new Wallet(
      name,
      undefined,
      cold,
      hotkey === undefined ? cold : normalizePrivateKey(hotkey, 'hotkey'),
    )
  }

  /** A fresh English BIP-39 phrase to write down, then pass to {@link Wallet.import}. */
  static generateMnemonic(options?: { strength?: 128 | 256 }): string {
    return generateMnemonic(options)
  }

  static async #save(params: WalletSaveOptions, coldkey: Hex, hotkey: Hex): Promise<Wallet> {
    const paths = walletPaths(params.name, params.dir)
    checkNewPassword(params.password)
    // Fail before the (slow) scrypt when the answer is already known.
    if (!params.overwrite && (await fileExists(paths.coldkey)))
      throw new WalletExistsError({ name: params.name, dir: paths.dir })
    const files = await encryptWalletFiles(coldkey, hotkey, params.password, params.scryptN)
    const installed = await installDirectory(paths.dir, params.name, files, { replace: params.overwrite })
    if (!installed) {
      throw new WalletExistsError({
        name: params.name,
        dir: paths.dir,
        details: `${paths.walletDir} exists and is not empty.`,
      })
    }
    return new Wallet(params.name, paths.walletDir, coldkey, hotkey)
  }
}

async function encryptWalletFiles(
  coldkey: Hex,
  hotkey: Hex,
  password: string,
  scryptN: number | undefined,
): Promise<Record<string, string>> {
  const single = coldkey === hotkey
  const scrypt = scryptN === undefined ? undefined : { n: scryptN }
  const [cold, hot] = await Promise.all([
    encryptKeystore(coldkey, password, { scrypt }),
    single ? undefined : encryptKeystore(hotkey, password, { scrypt }),
  ])
  const withRole = (json: KeystoreV3, extra: HetuKeystoreExtra) =>
    `${JSON.stringify({ ...json, 'x-hetu': extra }, null, 2)}\n`
  const files: Record<string, string> = {
    'coldkey.json': withRole(cold, { role: 'coldkey', singleKey: single }),
  }
  if (hot) files['hotkey.json'] = withRole(hot, { role: 'hotkey' })
  return files
}

function checkNewPassword(password: unknown): void {
  if (typeof password !== 'string')
    throw new InvalidPasswordError({ reason: `expected a string, got ${typeof password}` })
  if (password.length === 0) throw new InvalidPasswordError({ reason: 'empty' })
}

/** Reads and JSON-parses a key file; undefined when it does not exist. */
async function readKeystoreFile(path: string): Promise<{ json: Record<string, unknown> } | undefined> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    if (isNotFound(err)) return undefined
    throw new KeystoreCorruptedError({
      file: path,
      reason: `cannot be read (${(err as NodeJS.ErrnoException).code})`,
    })
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new KeystoreCorruptedError({ file: path, reason: 'not valid JSON (truncated or edited?)' })
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new KeystoreCorruptedError({ file: path, reason: 'not a JSON object' })
  }
  return { json: json as Record<string, unknown> }
}

function extraOf(json: Record<string, unknown> | undefined | null): Partial<HetuKeystoreExtra> | undefined {
  const extra = json?.['x-hetu']
  return typeof extra === 'object' && extra !== null ? (extra as Partial<HetuKeystoreExtra>) : undefined
}

function addressOf(json: Record<string, unknown> | undefined | null): Address | undefined {
  const raw = json?.address
  if (typeof raw !== 'string') return undefined
  const hex = raw.replace(/^0x/i, '')
  return /^[0-9a-fA-F]{40}$/.test(hex) ? getAddress(`0x${hex}`) : undefined
}

async function fileExists(path: string): Promise<boolean> {
  try {
    await access(path)
    return true
  } catch {
    return false
  }
}

async function walletNames(base: string): Promise<string[]> {
  try {
    const entries = await readdir(base, { withFileTypes: true })
    return entries
      .filter((entry) => entry.isDirectory() && isWalletName(entry.name))
      .map((entry) => entry.name)
      .sort()
  } catch (err) {
    if (isNotFound(err)) return []
    throw err
  }
}

async function notFound(name: string, paths: WalletPaths): Promise<WalletNotFoundError> {
  const available = (await Wallet.list({ dir: paths.dir }).catch(() => [])).map((wallet) => wallet.name)
  // Users of the Python SDK have their wallets in hetucli's layout (~/.hetucli/wallets/<name>.json, or
  // HETUCLI_WALLET_DIR): point at the file to import instead of silently reading another format.
  const legacy = join(resolveWalletDir(process.env.HETUCLI_WALLET_DIR ?? HETUCLI_WALLET_DIR), `${name}.json`)
  const hetucliFile = (await fileExists(legacy)) ? legacy : undefined
  return new WalletNotFoundError({ name, dir: paths.dir, available, hetucliFile })
}
