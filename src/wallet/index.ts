export {
  InvalidMnemonicError,
  InvalidPasswordError,
  InvalidPrivateKeyError,
  InvalidScryptParamsError,
  InvalidWalletImportError,
  InvalidWalletNameError,
  KeystoreCorruptedError,
  KeystoreKdfTooCostlyError,
  WalletExistsError,
  WalletNotFoundError,
  WrongPasswordError,
} from './errors.js'
export { type DecryptKeystoreOptions, decryptKeystore } from './keystore/decrypt.js'
export { DEFAULT_SCRYPT, type EncryptKeystoreOptions, encryptKeystore } from './keystore/encrypt.js'
export type { KeystoreV3, Pbkdf2KdfParams, ScryptKdfParams, ScryptParams } from './keystore/types.js'
export { ethereumDerivationPath, generateMnemonic, mnemonicToPrivateKeys } from './mnemonic.js'
export { DEFAULT_WALLET_DIR, resolveWalletDir } from './paths.js'
export {
  type CreateWalletParameters,
  type ImportHotkeyOptions,
  type ImportWalletParameters,
  type KeyRole,
  type LoadWalletParameters,
  Wallet,
  type WalletDirOption,
  type WalletKeyRole,
  type WalletSaveOptions,
  type WalletSummary,
} from './Wallet.js'
