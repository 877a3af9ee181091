import type { LocalAccount } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { HetuClient } from '../chain/client/createHetuClient.js'
import type { KeyOptions, WalletLike } from '../protocol/signer.js'
import { NeuronKeyError } from './errors.js'

/** @deprecated Use {@link WalletLike}. */
export type NeuronWallet = WalletLike

/** @deprecated Use {@link KeyOptions}. */
export type NeuronKeyOptions = KeyOptions

/** The neuron's key, resolved once: the chain signer and what Axon/Dendrite take. */
export interface NeuronKey {
  readonly account: LocalAccount
  readonly protocol: KeyOptions
}

/**
 * On Hetu the neuron is the account that registers (the contract allocates `tx.origin`'s stake), and
 * dendrites check answers against that address: one key does both jobs. Falls back to the client's
 * account when it is a local one.
 */
export function resolveNeuronKey(options: KeyOptions, client: HetuClient): NeuronKey {
  if (options.hotkey !== undefined && options.wallet !== undefined)
    throw new NeuronKeyError('Both `hotkey` and `wallet` were given; pass one.')
  if (options.wallet) return { account: options.wallet.hotkey, protocol: { wallet: options.wallet } }
  const hotkey = options.hotkey
  if (typeof hotkey === 'string') {
    let account: LocalAccount
    try {
      account = privateKeyToAccount(hotkey)
    } catch {
      throw new NeuronKeyError('`hotkey` is not a 32-byte hex private key.')
    }
    return { account, protocol: { hotkey } }
  }
  if (hotkey !== undefined) return { account: hotkey, protocol: { hotkey } }
  const fallback = client.account
  if (fallback?.type === 'local') return { account: fallback, protocol: { hotkey: fallback } }
  throw new NeuronKeyError(
    fallback
      ? 'The client signs through a JSON-RPC account, which cannot sign axon messages.'
      : 'No key was given.',
  )
}
