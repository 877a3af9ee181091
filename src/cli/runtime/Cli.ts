import type { Address } from 'viem'
import { HetuSubnet } from '../../sdk/HetuSubnet.js'
// The wallet module (keystores, scrypt, BIP-32/39, secp256k1) loads when a command needs a wallet:
// a read such as `hetu subnet list` never does.
import type { KeyRole, Wallet, WalletSummary } from '../../wallet/index.js'
import { resolveWalletDir } from '../../wallet/paths.js'
import { AbortedError, CliArgumentError, ConfirmationRequiredError, NoWalletSelectedError } from './errors.js'
import { toJson } from './json.js'
import { type CliConnectTarget, resolveCliNetwork } from './network.js'
import { readPassword } from './password.js'
import { Progress } from './progress.js'
import { askLine, canPrompt } from './prompt.js'

/** The global options every command sees (commander's `optsWithGlobals()`). */
export interface GlobalOptions {
  network?: string
  rpcUrl?: string
  wallet?: string
  walletDir?: string
  key?: string
  json?: boolean
  yes?: boolean
  verbose?: boolean
  passwordEnv?: string
  password?: string
}

/**
 * One command invocation: where output goes (results on stdout, everything else on stderr), how to
 * reach the chain and the wallet, and how to ask the user. Commands stay thin layers over the SDK.
 */
export class Cli {
  readonly options: GlobalOptions
  readonly env: NodeJS.ProcessEnv
  readonly progress = new Progress(process.stderr)
  #connection: Promise<HetuSubnet> | undefined
  #target: Promise<CliConnectTarget> | undefined

  constructor(options: GlobalOptions, env: NodeJS.ProcessEnv = process.env) {
    this.options = options
    this.env = env
  }

  get json(): boolean {
    return this.options.json === true
  }

  /** Wallet directory: --wallet-dir, HETU_WALLET_DIR, ~/.hetu/wallets. */
  get walletDir(): string {
    return resolveWalletDir(this.options.walletDir)
  }

  // ── output ─────────────────────────────────────────────────────────────────────────────────
  /** The command's result: JSON with --json, else the human text. */
  result(data: unknown, human: () => string): void {
    process.stdout.write(`${this.json ? toJson(data) : human()}\n`)
  }

  log(message: string): void {
    process.stderr.write(`${message}\n`)
  }

  warn(message: string): void {
    process.stderr.write(`warning: ${message}\n`)
  }

  step<T>(label: string, work: () => Promise<T>, describe?: (result: T) => string): Promise<T> {
    return this.progress.step(label, work, describe)
  }

  /** Goes on after a "y"; --yes answers for scripts; without a terminal and --yes it refuses. */
  async confirm(question: string): Promise<void> {
    if (this.options.yes) return
    if (!canPrompt()) throw new ConfirmationRequiredError(question)
    const answer = (await askLine(`${question} [y/N] `)).trim().toLowerCase()
    if (answer !== 'y' && answer !== 'yes') throw new AbortedError()
  }

  // ── chain ──────────────────────────────────────────────────────────────────────────────────
  /** Where --network/--rpc-url (or the running localnet, asked whether it answers) point. */
  target(): Promise<CliConnectTarget> {
    this.#target ??= resolveCliNetwork(this.options, this.env)
    return this.#target
  }

  /**
   * Connects once per command: one round trip, the client's chain-id check, or the probe that found the
   * running localnet (whose answer stands for that check).
   */
  connect(): Promise<HetuSubnet> {
    this.#connection ??= this.target().then((target) =>
      HetuSubnet.connect({
        ...target.connect,
        walletDir: this.walletDir,
        ...(this.options.verbose && { logVerbose: true }),
      }),
    )
    return this.#connection
  }

  /** Connected, with the selected wallet unlocked and signing with `key` (or --key). */
  async signer(defaultKey: KeyRole): Promise<HetuSubnet> {
    return (await this.session(defaultKey)).hetu
  }

  /** {@link signer} plus the unlocked wallet (for axons and dendrites, which sign with its hotkey). */
  async session(defaultKey: KeyRole): Promise<{ hetu: HetuSubnet; wallet: Wallet }> {
    const key = this.key(defaultKey)
    const [hetu, wallet] = await Promise.all([this.connect(), this.unlock()])
    hetu.setWallet(wallet, { key })
    return { hetu, wallet }
  }

  // ── wallets ────────────────────────────────────────────────────────────────────────────────
  /** --key, else the command's default. */
  key(defaultKey: KeyRole): KeyRole {
    const key = this.options.key ?? defaultKey
    if (key !== 'hotkey' && key !== 'coldkey')
      throw new CliArgumentError('--key', key, 'expected hotkey or coldkey')
    return key
  }

  /** --wallet, else HETU_WALLET, else the wallet called "default" when there is one. */
  async walletName(): Promise<string> {
    const chosen = this.options.wallet ?? this.env.HETU_WALLET
    if (chosen) return chosen
    const { Wallet } = await wallets()
    if (await Wallet.exists({ name: 'default', dir: this.walletDir })) return 'default'
    const available = (await Wallet.list({ dir: this.walletDir })).map((w) => w.name)
    throw new NoWalletSelectedError({ dir: this.walletDir, available })
  }

  /** The selected wallet's name, or undefined when none is named and there is no "default". */
  async optionalWalletName(): Promise<string | undefined> {
    const chosen = this.options.wallet ?? this.env.HETU_WALLET
    if (chosen) return chosen
    const { Wallet } = await wallets()
    return (await Wallet.exists({ name: 'default', dir: this.walletDir })) ? 'default' : undefined
  }

  /** Names and addresses of the selected wallet, read without its password. */
  async walletSummary(name?: string): Promise<WalletSummary> {
    const wanted = name ?? (await this.walletName())
    const { Wallet, WalletNotFoundError } = await wallets()
    const all = await Wallet.list({ dir: this.walletDir })
    const found = all.find((w) => w.name === wanted)
    if (!found)
      throw new WalletNotFoundError({ name: wanted, dir: this.walletDir, available: all.map((w) => w.name) })
    return found
  }

  /** The address a read is about: the one given, else the selected wallet's key. */
  async address(given: string | undefined, defaultKey: KeyRole): Promise<Address> {
    if (given !== undefined) {
      const { parseAddress } = await import('./parse.js')
      return parseAddress(given)
    }
    const summary = await this.walletSummary()
    const key = this.key(defaultKey)
    const address = key === 'coldkey' ? summary.coldkeyAddress : summary.hotkeyAddress
    if (!address) throw new CliArgumentError('wallet', summary.name, `its ${key} file has no address field`)
    return address
  }

  /** Unlocks the selected wallet (the scrypt derivation is a visible step). */
  async unlock(name?: string): Promise<Wallet> {
    const wallet = name ?? (await this.walletName())
    const [password, { Wallet }] = await Promise.all([this.password(wallet), wallets()])
    return this.step(`unlocking wallet ${wallet}`, () =>
      Wallet.load({ name: wallet, password, dir: this.walletDir }),
    )
  }

  /** The password of `wallet` from --password-env, --password or a prompt. */
  password(wallet: string, options: { create?: boolean } = {}): Promise<string> {
    return readPassword(this.options, {
      wallet,
      env: this.env,
      warn: (message) => this.warn(message),
      ...options,
    })
  }
}

function wallets(): Promise<typeof import('../../wallet/index.js')> {
  return import('../../wallet/index.js')
}
