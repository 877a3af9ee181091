import { connectClient } from './connect.js'
import { type CreateHetuClientOptions, resolveAccount } from './createHetuBaseClient.js'
import { type HetuActions, hetuActions } from './decorator.js'
import type { HetuBaseClient } from './types.js'

export type { CreateHetuClientOptions } from './createHetuBaseClient.js'

/** A viem client with the Hetu context and every Hetu action bound to it. */
export type HetuClient = HetuBaseClient & HetuActions

/**
 * Connects to a Hetu network: resolves the network (name, RPC URL, contract addresses from option,
 * env, config file or preset), checks the chain id the RPC reports, and returns a viem client extended
 * with every Hetu action. One round trip (eth_chainId), none when `chainId` is given.
 */
export async function createHetuClient(options: CreateHetuClientOptions = {}): Promise<HetuClient> {
  return (await connectClient(await resolveAccount(options))).extend(hetuActions) as unknown as HetuClient
}
