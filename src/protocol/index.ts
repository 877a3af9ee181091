export { isAddressLike, toChecksumAddress } from './address.js'
export { encodeSynapseBody, type SynapseBodyMeta, terminalInfoJson, wireMetaFields } from './body.js'
export { computeBodyHash } from './bodyHash.js'
export { keccak256, keccak256Js, keccakIsNative } from './crypto/keccak.js'
export {
  getSignatureBackend,
  jsSignatureBackend,
  nativeSignatureBackend,
  type SignatureBackend,
  setSignatureBackend,
} from './crypto/secp256k1.js'
export { sha3Hex } from './crypto/sha3.js'
export { ProtocolHeaderError, SignerError, SynapseDefinitionError, SynapseValidationError } from './errors.js'
export {
  decodeSynapseHeaders,
  headerNames,
  parseFloatHeader,
  parseIntHeader,
  type SynapseHeaders,
  sanitizeHeaderValue,
  terminalInfoFromHeaders,
  terminalInfoToHeaders,
} from './headers.js'
export {
  NonceClock,
  type NonceRejection,
  type NonceReservation,
  type NonceStore,
  NonceTracker,
  type NonceTrackerOptions,
  NonceWindow,
  type NonceWindowOptions,
  nowNs,
} from './nonce.js'
export { pythonFloatRepr, pythonRepr, pythonStr, pythonStrRepr, type SchemaLike } from './pythonRepr.js'
export {
  type EncodedRequest,
  encodeRequest,
  inputObjHeaderValue,
  type PreparedPayload,
  preparePayload,
  type RequestSender,
  type RequestTarget,
} from './request.js'
export { computeResponseHash } from './responseHash.js'
export {
  hashPersonalMessage,
  parseSignature,
  type RequestMessageParts,
  type ResponseMessageParts,
  recoverMessageSigner,
  requestMessage,
  responseMessage,
  verifyMessageSignature,
} from './signature.js'
export {
  type HotkeyInput,
  type KeyOptions,
  type MessageSigner,
  toMessageSigner,
  type WalletCredentials,
  type WalletLike,
} from './signer.js'
export {
  type AnySynapseClass,
  type ChunkInputOf,
  type ChunkOf,
  defineSynapse,
  type FieldsSchema,
  instantiateSynapse,
  isSynapse,
  parseChunk,
  parseRequestFields,
  parseResponseFields,
  type ResponseInputOf,
  reservedFieldNames,
  Synapse,
  SynapseBase,
  type SynapseClass,
  type SynapseDefinition,
  type SynapseInstance,
  type SynapseOf,
  type SynapseSpec,
} from './synapse.js'
export { type TerminalField, type TerminalInfo, terminalFields } from './terminalInfo.js'
export { sdkVersion, sdkVersionAsInt, versionAsInt } from './version.js'
