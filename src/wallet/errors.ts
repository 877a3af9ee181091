import { HetuError, type HetuErrorCode, type HetuErrorOptions } from '../errors.js'

// Every message here names the wallet, file or field involved and never the key, mnemonic or password.

type WalletErrorOptions = Pick<HetuErrorOptions, 'details' | 'cause' | 'meta'>

/** No wallet (or no coldkey file) of that name in the wallet directory. */
export class WalletNotFoundError extends HetuError {
  override name = 'WalletNotFoundError'
  constructor({
    name,
    dir,
    available = [],
    hetucliFile,
    ...options
  }: { name: string; dir: string; available?: string[]; hetucliFile?: string } & WalletErrorOptions) {
    super('WALLET_NOT_FOUND', `Wallet "${name}" not found in ${dir}.`, {
      ...options,
      hint: hetucliFile
        ? `${hetucliFile} is a hetucli (Python SDK) keystore of that name: bring it over with Wallet.import({ name: '${name}', password, keystore: <its JSON text> }).`
        : (available.length > 0
            ? `Wallets there: ${available.join(', ')}. `
            : 'That directory has no wallet. ') +
          'Create one with Wallet.create({ name, password }) or Wallet.import(...), or pass `dir` / set HETU_WALLET_DIR to where your wallets are.',
      meta: { name, dir, ...options.meta },
    })
  }
}

/** A wallet of that name already exists and `overwrite` was not set. */
export class WalletExistsError extends HetuError {
  override name = 'WalletExistsError'
  constructor({ name, dir, ...options }: { name: string; dir: string } & WalletErrorOptions) {
    super('WALLET_EXISTS', `Wallet "${name}" already exists in ${dir}.`, {
      ...options,
      hint: 'Pick another name, remove it first with Wallet.remove({ name }), or pass `overwrite: true` to replace it (its keys are lost unless you have a backup).',
      meta: { name, dir, ...options.meta },
    })
  }
}

/** The keystore MAC did not match: the password is wrong (or the ciphertext was altered). */
export class WrongPasswordError extends HetuError {
  override name = 'WrongPasswordError'
  constructor({ file, ...options }: { file?: string } & WalletErrorOptions = {}) {
    super('WRONG_PASSWORD', `Wrong password${file ? ` for ${file}` : ''}.`, {
      ...options,
      details: options.details ?? 'The keystore MAC does not match the key derived from this password.',
      hint: 'Check the password (it is case- and whitespace-sensitive). If you are sure it is right, the file may have been altered: restore it from a backup.',
      meta: { file, ...options.meta },
    })
  }
}

/** A keystore file that is not valid JSON, not V3, or uses a cipher/KDF we do not support. */
export class KeystoreCorruptedError extends HetuError {
  override name = 'KeystoreCorruptedError'
  constructor({
    file,
    reason,
    code = 'KEYSTORE_CORRUPTED',
    hint = 'Restore the file from a backup, or re-import the key with Wallet.import({ name, password, privateKey | mnemonic, overwrite: true }). Supported: Web3 Secret Storage V3, aes-128-ctr, scrypt or pbkdf2 (hmac-sha256).',
    ...options
  }: { file?: string; reason: string; code?: HetuErrorCode; hint?: string } & WalletErrorOptions) {
    super(code, `Keystore${file ? ` ${file}` : ''} is unreadable: ${reason}.`, {
      ...options,
      hint,
      meta: { file, reason, ...options.meta },
    })
  }
}

/**
 * A keystore whose key derivation costs more than 4× the standard (scrypt n=2^18 r=8 p=1, pbkdf2
 * c=262144): refused before deriving, as such a file is corrupted or hostile (minutes of CPU,
 * gigabytes of memory). Also a {@link KeystoreCorruptedError}.
 */
export class KeystoreKdfTooCostlyError extends KeystoreCorruptedError {
  override name = 'KeystoreKdfTooCostlyError'
  constructor({ file, reason, ...options }: { file?: string; reason: string } & WalletErrorOptions) {
    super({
      ...options,
      file,
      reason,
      code: 'KEYSTORE_KDF_TOO_COSTLY',
      hint: 'Wallets use scrypt n=262144 r=8 p=1 (or r=1 p=8) or pbkdf2 c=262144; this file asks for far more and was not tried. Restore it from a backup, or re-import the key with Wallet.import({ name, password, privateKey | mnemonic, overwrite: true }), which writes standard parameters.',
    })
  }
}

/** A BIP-39 mnemonic with unknown words, a wrong word count or a bad checksum. */
export class InvalidMnemonicError extends HetuError {
  override name = 'InvalidMnemonicError'
  constructor({ reason, ...options }: { reason: string } & WalletErrorOptions) {
    super('INVALID_MNEMONIC', `Invalid mnemonic: ${reason}.`, {
      ...options,
      hint: 'Use the 12 or 24 words of an English BIP-39 phrase separated by spaces, in order, exactly as written down.',
    })
  }
}

/** A private key that is not 32 bytes of hex or not a valid secp256k1 scalar. */
export class InvalidPrivateKeyError extends HetuError {
  override name = 'InvalidPrivateKeyError'
  constructor({
    reason,
    field = 'privateKey',
    ...options
  }: { reason: string; field?: string } & WalletErrorOptions) {
    super('INVALID_PRIVATE_KEY', `Invalid ${field}: ${reason}.`, {
      ...options,
      hint: 'Pass 32 bytes as hex: 64 hex characters, with or without 0x (as exported by MetaMask or `hetu wallet export`).',
      meta: { field, ...options.meta },
    })
  }
}

/** A wallet name that could escape the wallet directory or is not a portable file name. */
export class InvalidWalletNameError extends HetuError {
  override name = 'InvalidWalletNameError'
  constructor({ name, ...options }: { name: string } & WalletErrorOptions) {
    super('INVALID_WALLET_NAME', `Invalid wallet name ${JSON.stringify(name.slice(0, 80))}.`, {
      ...options,
      details:
        options.details ??
        'A wallet name is 1-64 characters of letters, digits, ".", "_" or "-", starting with a letter or digit.',
      hint: 'Choose a simple name such as "alice" or "validator-1"; paths are set with `dir`, not in the name.',
      meta: { name, ...options.meta },
    })
  }
}

/** `Wallet.import` needs exactly one key source. */
export class InvalidWalletImportError extends HetuError {
  override name = 'InvalidWalletImportError'
  constructor({ reason, ...options }: { reason: string } & WalletErrorOptions) {
    super('INVALID_WALLET_IMPORT', `Cannot import wallet: ${reason}.`, {
      ...options,
      hint: 'Pass exactly one of `privateKey`, `mnemonic` or `keystore` (a V3 JSON from geth, ethers, MetaMask or hetucli).',
    })
  }
}

/** scrypt cost parameters that are not a power of two or would need more than 1 GiB. */
export class InvalidScryptParamsError extends HetuError {
  override name = 'InvalidScryptParamsError'
  constructor({ n, r, p }: { n: number; r: number; p: number }) {
    super('INVALID_SCRYPT_PARAMS', `Invalid scrypt parameters n=${n} r=${r} p=${p}.`, {
      hint: 'Use n a power of two (262144 by default, 4096 for throwaway test keys), r=8, p=1.',
      meta: { n, r, p },
    })
  }
}

/** An empty or non-string password for a new keystore. */
export class InvalidPasswordError extends HetuError {
  override name = 'InvalidPasswordError'
  constructor({ reason }: { reason: string }) {
    super('INVALID_PASSWORD', `Invalid password: ${reason}.`, {
      hint: 'Pass the password as a non-empty string; an empty password leaves the keystore effectively unencrypted.',
    })
  }
}
