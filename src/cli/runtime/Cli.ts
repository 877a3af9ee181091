import type { Address } from 'viem'
import type { HetuSubnet } from '../../sdk/HetuSubnet.js'
// The wallet module (keystores, scrypt, BIP-32/39, secp256k1) loads when a command needs a wallet:
// a read such as `hetu subnet list` never does.
import type { KeyRole, Wallet, WalletSummary } from '../../wallet/index.js'
import { resolveWalletDir } from '../../wallet/paths.js'
import { AbortedError, CliArgumentError, ConfirmationRequiredError, NoWalletSelectedError } from './errors.js'
import { readPassword } from './password.js'
import { askLine, canPrompt } from './prompt.js'
import { ReadCli } from './ReadCli.js'

export type { GlobalOptions } from './ReadCli.js'

/**
 * One command invocation: {@link ReadCli} (output, reads) plus how to reach the wallet and sign, and
 * how to ask the user. Commands stay thin layers over the SDK.
 */
export class Cli extends ReadCli {
  #connection: Promise<HetuSubnet> | undefined

  /** Wallet directory: --wallet-dir, HETU_WALLET_DIR, ~/.hetu/wallets. */
  get walletDir(): string {
    return resolveWalletDir(this.options.walletDir)
  }

  /** Goes on after a "y"; --yes answers for scripts; without a terminal and --yes it refuses. */
  async confirm(question: string): Promise<void> {
    if (this.options.yes) return
    if (!canPrompt()) throw new ConfirmationRequiredError(question)
    const answer = (await askLine(`${question} [y/N] `)).trim().toLowerCase()
    if (answer !== 'y' && answer !== 'yes') throw new AbortedError()
  }

  // ── chain ──────────────────────────────────────────────────────────────────────────────────
  /**
   * Connects once per command: one round trip, the client's chain-id check, or the probe that found the
   * running localnet (whose answer stands for that check).
   */
  connect(): Promise<HetuSubnet> {
    this.#connection ??= Promise.all([this.target(), import('../../sdk/HetuSubnet.js')]).then(
      ([target, { HetuSubnet }]) =>
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
