import {
  type Account,
  type Chain,
  type Client,
  createClient,
  defineChain,
  type Hex,
  type Transport,
} from 'viem'
import { getChainId } from 'viem/actions'
import { createLogger } from '../../logging/index.js'
import { InvalidArgumentError } from '../errors/amount.js'
import { RPC_RETRY_COUNT, toHetuError } from '../errors/decode.js'
import { resolveGasHeadroom } from '../internal/gas.js'
import { rpcTransport } from '../internal/rpc.js'
import {
  finalizeNetwork,
  type NetworkOptions,
  type ResolvedNetwork,
  resolveNetworkRequest,
} from '../networks/resolve.js'
import type { ChainLogger } from './logger.js'
import type { GasHeadroom, HetuContext, ReceiptMode } from './types.js'

export interface CreateHetuClientOptions extends NetworkOptions {
  /** Default signer of writes: a viem Account, or a 0x private key (kept inside the viem account). */
  account?: Account | Hex
  /** Debug logs of every chain call and transaction on stderr (never a secret). */
  logVerbose?: boolean
  /** Your own pino-compatible logger (takes precedence over logVerbose). */
  logger?: ChainLogger
  /** JSON-RPC batching of concurrent requests (default true). */
  batch?: boolean
  /**
   * Retries of a failed HTTP request before RpcUnavailableError (default 3, exponential backoff). A
   * request that times out is retried once at most: an endpoint that did not answer twice is given up.
   */
  retryCount?: number
  /** HTTP request timeout in ms (default 10 000). */
  timeoutMs?: number
  /**
   * Timeout of a new connection's TCP handshake in ms (default 5 000, at most `timeoutMs`): an
   * address that drops packets fails within it.
   */
  connectTimeoutMs?: number
  /** How receipts are awaited (default: `auto` on local networks, `poll` elsewhere). */
  receiptMode?: ReceiptMode
  /** Receipt timeout in ms (default 60 000, or 3 × block time when longer). */
  receiptTimeoutMs?: number
  /** Receipt polling interval in ms (default 50 on local networks, a quarter block elsewhere). */
  pollingIntervalMs?: number
  /** Calls per Multicall3 aggregate and neurons per reader call (default 500); chunks go out together. */
  multicallChunkSize?: number
  /**
   * Gas limit sent = estimate × gasMultiplier + gasBuffer, capped at the block gas limit (default 1.2).
   * An estimate is exact only for the block it ran against: in the next one a storage write that was a
   * no-op (e.g. `lastUpdate = block.timestamp`) costs real gas. Unused gas is not paid.
   */
  gasMultiplier?: number
  /** Gas added on top of the multiplied estimate (default 10 000). */
  gasBuffer?: bigint
  /** Replace the HTTP transport (tests, custom fetch, websockets). */
  transport?: Transport
  /**
   * The chain id the RPC reported to the caller just before (the CLI's localnet probe asks it): the
   * client takes it instead of asking again, and checks it against the network the same way.
   */
  chainId?: number
}

/** The base client as viem types it, which `extend` needs. */
export type HetuViemClient = Client<Transport, Chain, Account | undefined, undefined, { hetu: HetuContext }>

/** Options whose account, if any, is a viem Account already (see `resolveAccount`). */
export type ConnectOptions = Omit<CreateHetuClientOptions, 'account'> & { account?: Account | undefined }

/**
 * The base client, typed for `extend`. Takes no private key: turning one into an account loads
 * viem's accounts and secp256k1 (`createHetuBaseClient` does), which a reader never needs.
 */
export async function connectClient(options: ConnectOptions): Promise<HetuViemClient> {
  if (options.chainId !== undefined && !(Number.isSafeInteger(options.chainId) && options.chainId > 0))
    throw new InvalidArgumentError('chainId', `expected a positive integer, got ${options.chainId}`)
  const gasHeadroom = resolveGasHeadroom(options.gasMultiplier, options.gasBuffer)
  const request = resolveNetworkRequest(options)
  const retryCount = options.retryCount ?? RPC_RETRY_COUNT
  const logger =
    options.logger ?? (options.logVerbose ? createLogger({ verbose: true, name: 'hetu-chain' }) : undefined)
  const transport =
    options.transport ??
    // The SDK's one JSON-RPC transport (kept-alive node:http connections, shared with the localnet).
    rpcTransport(request.rpcUrl, {
      batch: options.batch !== false,
      batchSize: 1_000,
      retryCount,
      retryDelay: 150,
      timeoutMs: options.timeoutMs ?? 10_000,
      ...(options.connectTimeoutMs !== undefined && { connectTimeoutMs: options.connectTimeoutMs }),
      ...(logger && { onRequest: (methods: string[]) => logRpc(logger, methods) }),
    })

  let chainId: number
  if (options.chainId !== undefined) chainId = options.chainId
  else
    try {
      chainId = await getChainId(createClient({ transport }))
    } catch (err) {
      throw toHetuError(err, { action: 'connect', rpcUrl: request.rpcUrl, attempts: 1 + retryCount })
    }
  const network = finalizeNetwork(request, chainId)
  return buildClient(network, transport, { ...options, retryCount }, logger, gasHeadroom)
}

function buildClient(
  network: ResolvedNetwork,
  transport: Transport,
  options: ConnectOptions,
  logger: ChainLogger | undefined,
  gasHeadroom: GasHeadroom,
): HetuViemClient {
  const chain = defineChain({
    id: network.chainId,
    name: `Hetu ${network.name}`,
    nativeCurrency: { name: 'HETU', symbol: 'HETU', decimals: 18 },
    rpcUrls: { default: { http: [network.rpcUrl] } },
    blockTime: network.blockTimeMs,
    ...(network.contracts.Multicall3
      ? { contracts: { multicall3: { address: network.contracts.Multicall3 } } }
      : {}),
    ...(network.explorerUrl
      ? { blockExplorers: { default: { name: 'Hetu explorer', url: network.explorerUrl } } }
      : {}),
  })
  const context: HetuContext = {
    network,
    logger,
    multicallChunkSize: options.multicallChunkSize ?? 500,
    receiptMode: options.receiptMode ?? (network.local ? 'auto' : 'poll'),
    receiptTimeoutMs: options.receiptTimeoutMs ?? Math.max(60_000, 3 * network.blockTimeMs),
    rpcAttempts: 1 + (options.retryCount ?? RPC_RETRY_COUNT),
    gasHeadroom,
  }
  return createClient({
    chain,
    transport,
    account: options.account,
    key: 'hetu',
    name: 'Hetu Client',
    pollingInterval:
      options.pollingIntervalMs ?? (network.local ? 50 : Math.max(500, network.blockTimeMs / 4)),
    cacheTime: 0,
  }).extend(() => ({ hetu: context }))
}

/** Logs JSON-RPC method names only: params may be signed transactions and results are noise. */
function logRpc(logger: ChainLogger, methods: string[]): void {
  try {
    logger.debug({ rpc: methods.length === 1 ? methods[0] : methods, requests: methods.length }, 'rpc')
  } catch {
    // Never let logging break a request.
  }
}
