import type { Account, Chain, Client, Transport } from 'viem'
import type { ResolvedNetwork } from '../networks/resolve.js'
import type { ChainLogger } from './logger.js'

/** How much gas a transaction may use beyond its estimate: `estimate × multiplier + buffer`. */
export interface GasHeadroom {
  multiplier: number
  buffer: bigint
}

/** How a transaction's receipt is awaited: `sync` = eth_sendRawTransactionSync (one round trip, anvil
 * and EIP-7966 nodes), `poll` = send then poll for the receipt, `auto` = sync, falling back to poll
 * the first time the node says it does not know the method. */
export type ReceiptMode = 'sync' | 'poll' | 'auto'

/** Hetu-specific state every action reads from the client. */
export interface HetuContext {
  readonly network: ResolvedNetwork
  readonly logger: ChainLogger | undefined
  /** Calls per Multicall3 aggregate; chunks are sent concurrently and JSON-RPC batched. */
  readonly multicallChunkSize: number
  /** Mutable: `auto` settles on `sync` or `poll` after the first transaction. */
  receiptMode: ReceiptMode
  /** Receipt timeout in ms. */
  readonly receiptTimeoutMs: number
  /** HTTP attempts per request (1 + retries), reported by RpcUnavailableError. */
  readonly rpcAttempts: number
  /** Gas limit of every transaction: estimate × multiplier + buffer, capped at the block gas limit. */
  readonly gasHeadroom: GasHeadroom
}

/** The client type actions take: any viem client carrying the {@link HetuContext}. */
export type HetuBaseClient = Client<Transport, Chain, Account | undefined> & { readonly hetu: HetuContext }
