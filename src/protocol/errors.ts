import { HetuError } from '../errors.js'

/** A synapse definition or synapse value that breaks the schema rules. */
export class SynapseDefinitionError extends HetuError {
  override name = 'SynapseDefinitionError'
  constructor(shortMessage: string, details?: string) {
    super('SYNAPSE_DEFINITION', shortMessage, {
      details,
      hint: 'Check the `defineSynapse({ name, request, response, hashFields })` arguments.',
    })
  }
}

/** Field values that do not match the synapse's request or response schema. */
export class SynapseValidationError extends HetuError {
  override name = 'SynapseValidationError'
  constructor(synapseName: string, part: 'request' | 'response' | 'chunk', details: string) {
    super('SYNAPSE_VALIDATION', `${synapseName} ${part} does not match its schema`, {
      details,
      hint: `Pass values that satisfy the ${part} schema of ${synapseName}.`,
      meta: { synapse: synapseName, part },
    })
  }
}

/** A `bt_header_*` header (or another protocol header) that cannot be parsed. */
export class ProtocolHeaderError extends HetuError {
  override name = 'ProtocolHeaderError'
  constructor(header: string, details: string) {
    super('PROTOCOL_BAD_HEADER', `Malformed protocol header '${header}'`, {
      details,
      hint: "Send headers in the Python SDK's wire format (docs/protocol.md#headers: integers for nonce/port/version, a float timeout).",
      meta: { header },
    })
  }
}

/** The key material given to an Axon or Dendrite cannot be used for signing. */
export class SignerError extends HetuError {
  override name = 'SignerError'
  constructor(shortMessage: string, hint: string) {
    super('PROTOCOL_SIGNER', shortMessage, { hint })
  }
}
