/**
 * hetu-subnet/protocol: the synapse wire format shared with the Python SDK (docs/protocol.md): synapses,
 * headers, body and response hashes, what is signed and how, nonces. The root re-exports what a
 * miner or a validator writes against (Synapse, defineSynapse, …).
 *
 * @module hetu-subnet/protocol
 */
export { isAddressLike, toChecksumAddress } from './address.js'
export { encodeSynapseBody, type SynapseBodyMeta, terminalInfoJson } from './body.js'
export { computeBodyHash } from './bodyHash.js'
export { keccak256 } from './crypto/keccak.js'
export { sha3Hex } from './crypto/sha3.js'
export { ProtocolHeaderError, SignerError, SynapseDefinitionError, SynapseValidationError } from './errors.js'
export {
  decodeSynapseHeaders,
  headerNames,
  type SynapseHeaders,
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
} from './nonce.js'
export type { SchemaLike } from './pythonRepr.js'
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
  acceptHash,
  acceptMessage,
  answerMac,
  dendriteSessionKeys,
  deriveSessionKeys,
  type EphemeralKey,
  initHash,
  initMessage,
  MacKey,
  macEquals,
  type PreparedInit,
  parseAccept,
  parseInit,
  parseSessionRequestHeader,
  prepareInit,
  refusalMessage,
  requestMac,
  SESSION_PATH,
  SESSION_VERSION,
  type SessionAccept,
  type SessionInit,
  type SessionKeys,
  SessionMessageError,
  type SessionRefusal,
  type SessionRequestHeader,
  sessionHeaderNames,
  sessionRequestHeader,
} from './session.js'
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
