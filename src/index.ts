export * from './axon/index.js'
export * from './chain/abi/index.js'
export * from './chain/index.js'
export * from './consensus/index.js'
export * from './dashboard/index.js'
export * from './dendrite/index.js'
export { HetuError, type HetuErrorOptions } from './errors.js'
export {
  type AnvilOptions,
  type AnvilProcess,
  anvilBinaryPath,
  type DevAccount,
  startAnvil,
} from './localnet/anvil.js'
export {
  DEAD_ADDRESS,
  type DeployOptions,
  type DeployResult,
  deployHetuContracts,
  type HetuContracts,
  LOCAL_TREASURY,
  MULTICALL3_ADDRESS,
  SYSTEM_ADDRESS,
} from './localnet/deploy.js'
export {
  type BlockReport,
  EmissionBlockError,
  type EmissionEvents,
  type EmissionInfo,
  type EmissionModule,
  type EmissionOptions,
  EmissionOptionsError,
  EmissionStoppedError,
  type EmissionTotals,
  type EpochParticipantReport,
  type EpochReport,
  emissionRuleDefaults,
  type SkippedSubnet,
  type StartEmissionParameters,
  type SubnetBlockReport,
  type SubnetTotals,
  SYSTEM_BATCH_ADDRESS,
  startEmission,
} from './localnet/emission/index.js'
export {
  LOCAL_CHAIN_ID,
  type Localnet,
  type LocalnetInfo,
  type LocalnetOptions,
  startLocalnet,
} from './localnet/localnet.js'
export { AnvilStartError, PortInUseError } from './localnet/processes.js'
export {
  DEFAULT_LOCALNET_RULES,
  type LocalnetRules,
  LocalnetRulesError,
  resolveLocalnetRules,
} from './localnet/rules.js'
export {
  type CreateLoggerOptions,
  createLogger,
  isSecretKey,
  type Logger,
  type LogLevel,
  REDACTED,
  redactSecrets,
} from './logging/index.js'
export * from './metagraph/index.js'
export * from './neuron/index.js'
export * from './protocol/index.js'
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
