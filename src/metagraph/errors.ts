import { HetuError } from '../errors.js'

/** A metagraph file could not be read or is not a metagraph this SDK wrote. */
export class MetagraphFileError extends HetuError {
  override name = 'MetagraphFileError'
  constructor(path: string, reason: string, cause?: unknown) {
    super('METAGRAPH_FILE_INVALID', `${path} is not a readable metagraph file.`, {
      details: reason,
      hint: 'Write it with metagraph.save(path), or sync again with Metagraph.sync({ client, netuid }).',
      meta: { path },
      ...(cause !== undefined && { cause }),
    })
  }
}

/** `resync()` was asked of a metagraph that has no client (loaded from a file). */
export class MetagraphClientMissingError extends HetuError {
  override name = 'MetagraphClientMissingError'
  constructor() {
    super('METAGRAPH_CLIENT_MISSING', 'This metagraph has no chain client to resync with.', {
      hint: 'Pass one: metagraph.resync({ client }) or Metagraph.load(path, { client }).',
    })
  }
}

/** The client talks to another chain or other contracts than the metagraph was read from. */
export class MetagraphNetworkMismatchError extends HetuError {
  override name = 'MetagraphNetworkMismatchError'
  constructor(what: string, expected: string, actual: string) {
    super('METAGRAPH_NETWORK_MISMATCH', `The client's ${what} is not the one this metagraph was read from.`, {
      details: `metagraph: ${expected}, client: ${actual}`,
      hint: 'Resync with a client of the same network, or sync a new metagraph with Metagraph.sync.',
      meta: { what, expected, actual },
    })
  }
}
