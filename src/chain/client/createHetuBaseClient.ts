import type { Hex } from 'viem'
import { InvalidArgumentError } from '../errors/amount.js'
import { type ConnectOptions, type CreateHetuClientOptions, connectClient } from './connect.js'
import type { HetuBaseClient } from './types.js'

export type { CreateHetuClientOptions } from './connect.js'

/**
 * `createHetuClient` without the actions bound: pass it to the actions of `hetu-subnet/actions`
 * (`getSubnets(client)`). A program that imports only the actions it calls loads only their code.
 */
export function createHetuBaseClient(options: CreateHetuClientOptions = {}): Promise<HetuBaseClient> {
  return resolveAccount(options).then(connectClient)
}

/** `options` with a private key as a viem Account (viem's accounts and secp256k1 load only then). */
export async function resolveAccount(options: CreateHetuClientOptions): Promise<ConnectOptions> {
  const { account } = options
  if (typeof account !== 'string') return options as ConnectOptions
  if (!/^0x[0-9a-fA-F]{64}$/.test(account))
    throw new InvalidArgumentError('account', 'expected a viem Account or a 32-byte 0x private key')
  const { privateKeyToAccount } = await import('../internal/account.js')
  return { ...options, account: privateKeyToAccount(account as Hex) }
}
