/**
 * The package root: what the README and the examples use. The rest of the surface is in subpaths:
 * hetu-subnet/actions (one function per contract call), /protocol (the wire format), /consensus (the
 * maths), /localnet (a chain of one's own). docs/architecture.md#the-package-surface
 *
 * @module hetu-subnet
 */
export * from './axon/index.js'
export * from './chain/index.js'
export * from './dashboard/index.js'
export * from './dendrite/index.js'
export { errorDocsPath, HetuError, type HetuErrorCode, type HetuErrorOptions } from './errors.js'
export {
  AnvilStartError,
  LOCAL_CHAIN_ID,
  type Localnet,
  type LocalnetInfo,
  type LocalnetOptions,
  LocalnetRulesError,
  PortInUseError,
  startLocalnet,
} from './localnet/index.js'
export { type CreateLoggerOptions, createLogger, type Logger, type LogLevel } from './logging/index.js'
export * from './metagraph/index.js'
export * from './neuron/index.js'
export {
  type AnySynapseClass,
  type ChunkInputOf,
  type ChunkOf,
  defineSynapse,
  type FieldsSchema,
  type HotkeyInput,
  isSynapse,
  type KeyOptions,
  type MessageSigner,
  type NonceStore,
  ProtocolHeaderError,
  type ResponseInputOf,
  SessionMessageError,
  SignerError,
  Synapse,
  SynapseBase,
  type SynapseClass,
  type SynapseDefinition,
  SynapseDefinitionError,
  type SynapseInstance,
  type SynapseOf,
  type SynapseSpec,
  SynapseValidationError,
  type TerminalInfo,
  type WalletCredentials,
  type WalletLike,
} from './protocol/index.js'
export * from './sdk/index.js'
export {
  type CreateWalletParameters,
  DEFAULT_SCRYPT,
  DEFAULT_WALLET_DIR,
  type DecryptKeystoreOptions,
  decryptKeystore,
  type EncryptKeystoreOptions,
  encryptKeystore,
  ethereumDerivationPath,
  generateMnemonic,
  type ImportHotkeyOptions,
  type ImportWalletParameters,
  InvalidMnemonicError,
  InvalidPasswordError,
  InvalidPrivateKeyError,
  InvalidScryptParamsError,
  InvalidWalletImportError,
  InvalidWalletNameError,
  type KeyRole,
  KeystoreCorruptedError,
  KeystoreKdfTooCostlyError,
  type KeystoreV3,
  type LoadWalletParameters,
  mnemonicToPrivateKeys,
  type Pbkdf2KdfParams,
  resolveWalletDir,
  type ScryptKdfParams,
  type ScryptParams,
  Wallet,
  type WalletDirOption,
  WalletExistsError,
  type WalletKeyRole,
  WalletNotFoundError,
  type WalletSaveOptions,
  type WalletSummary,
  WrongPasswordError,
} from './wallet/index.js'
