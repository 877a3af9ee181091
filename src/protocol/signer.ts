import { type Account, getAddress, type Hex, isHex, type LocalAccount } from 'viem'
import { generatePrivateKey } from 'viem/accounts'
import { getSignatureBackend } from './crypto/secp256k1.js'
import { SignerError } from './errors.js'
import { hashPersonalMessage } from './signature.js'

/**
 * A wallet as the SDK takes it (`{ wallet }` of Axon, Dendrite, Miner, Validator and the `HetuSubnet`
 * writes): its two keys as viem accounts and a way to export one (a `KeyRole`, `'coldkey' | 'hotkey'`).
 * Structural, so the SDK's `Wallet` (src/wallet) and any compatible object fit.
 */
export interface WalletLike {
  /** Funds and stake; signs owner work on the `HetuSubnet` facade when asked to (`{ key: 'coldkey' }`). */
  readonly coldkey: Account
  /** The neuron's identity: signs its transactions, requests and answers. */
  readonly hotkey: LocalAccount
  exportPrivateKey(role: 'coldkey' | 'hotkey'): Hex
}

/**
 * Which key signs, for Axon, Dendrite, Miner and Validator: a hotkey given directly (a 32-byte 0x
 * private key, signed on the fast native path, or a viem local account) or a wallet (its hotkey). Axon
 * and Dendrite with neither use a fresh random hotkey (like the Python SDK); a Miner or Validator falls
 * back to the client's local account.
 */
export interface KeyOptions {
  hotkey?: Hex | LocalAccount
  wallet?: WalletLike
}

/** @deprecated Use `KeyOptions['hotkey']` (a 0x private key or a viem local account). */
export type HotkeyInput = Hex | LocalAccount

/**
 * A named wallet to unlock, the Python SDK's `Dendrite(username=…, password=…)`: `username` is the
 * wallet's name in the wallet directory (`walletDir`, else `HETU_WALLET_DIR`, else `~/.hetu/wallets`).
 * Used by `Axon.fromWallet` and `Dendrite.fromWallet`; the password is not kept.
 */
export interface WalletCredentials {
  /** Name of the wallet (as in `Wallet.load({ name })` and `hetu wallet create <name>`). */
  username: string
  /** Password of its keystore files. */
  password: string
  /** Wallet directory. Default: `HETU_WALLET_DIR`, else `~/.hetu/wallets`. */
  walletDir?: string
}

/** Key of a signer's synchronous signing method (see {@link signMessageNow}). */
const signNow: unique symbol = Symbol('signNow')

/** Signs EIP-191 personal messages with a hotkey; never exposes the key. */
export interface MessageSigner {
  /** EIP-55 checksummed address. */
  readonly address: string
  /** Lower-case address, for comparisons. */
  readonly addressLower: string
  /** `0x` + 65-byte r‖s‖v hex signature of the personal message. */
  signMessage(message: string): Promise<Hex>
  /** @internal Signs synchronously when the backend allows it (raw keys on the native backend). */
  readonly [signNow]?: (message: string) => Hex | Promise<Hex>
}

/**
 * Signs `message` with `signer`: synchronously for a raw key on the native backend, so the axon
 * and dendrite hot paths need no promise for it; through `signMessage` otherwise.
 */
export function signMessageNow(signer: MessageSigner, message: string): Hex | Promise<Hex> {
  const now = signer[signNow]
  return now ? now(message) : signer.signMessage(message)
}

const toHex = (signature: Uint8Array): Hex =>
  `0x${Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength).toString('hex')}`

const PRIVATE_KEY = /^0x[0-9a-fA-F]{64}$/

function privateKeySigner(privateKey: Hex): MessageSigner {
  if (!PRIVATE_KEY.test(privateKey))
    throw new SignerError('Hotkey is not a 32-byte hex private key', 'Pass `0x` followed by 64 hex digits.')
  const key = Buffer.from(privateKey.slice(2), 'hex')
  let addressLower: string
  try {
    addressLower = getSignatureBackend().addressOf(key)
  } catch {
    throw new SignerError('Hotkey is not a valid secp256k1 private key', 'Use a key in [1, n-1].')
  }
  const sign = (message: string): Hex | Promise<Hex> => {
    const signature = getSignatureBackend().sign(hashPersonalMessage(message), key)
    return signature instanceof Promise ? signature.then(toHex) : toHex(signature)
  }
  return {
    address: getAddress(addressLower),
    addressLower,
    async signMessage(message) {
      return sign(message)
    },
    [signNow]: sign,
  }
}

function accountSigner(account: LocalAccount): MessageSigner {
  return {
    address: getAddress(account.address),
    addressLower: account.address.toLowerCase(),
    signMessage: (message) => account.signMessage({ message }),
  }
}

function isLocalAccount(value: unknown): value is LocalAccount {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === 'local' &&
    typeof (value as { signMessage?: unknown }).signMessage === 'function'
  )
}

/**
 * The signer for `{ hotkey }` or `{ wallet }`. Raw keys (and wallets, which export one) sign on the
 * fast native path; a viem LocalAccount signs through its own (pure-JS) implementation.
 */
export function toMessageSigner(options: KeyOptions = {}): MessageSigner {
  if (options.hotkey !== undefined && options.wallet !== undefined)
    throw new SignerError('Both `hotkey` and `wallet` were given', 'Pass only one of them.')
  if (options.wallet !== undefined) {
    const key = options.wallet.exportPrivateKey('hotkey')
    const signer = privateKeySigner(key)
    if (signer.addressLower !== options.wallet.hotkey.address.toLowerCase())
      throw new SignerError(
        "The wallet's exported hotkey does not match its hotkey address",
        'Check that the wallet was unlocked with the right password and is not corrupted.',
      )
    return signer
  }
  const hotkey = options.hotkey
  if (hotkey === undefined) return privateKeySigner(generatePrivateKey())
  if (typeof hotkey === 'string') {
    if (!isHex(hotkey)) throw new SignerError('Hotkey is not hex', 'Pass a `0x`-prefixed private key.')
    return privateKeySigner(hotkey)
  }
  if (isLocalAccount(hotkey)) return accountSigner(hotkey)
  throw new SignerError(
    'Hotkey is neither a private key nor a local account',
    'Pass a hex private key, a viem LocalAccount (privateKeyToAccount) or `wallet`.',
  )
}
