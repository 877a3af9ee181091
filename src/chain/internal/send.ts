import {
  type Address,
  formatTransactionReceipt,
  type Hash,
  type Hex,
  type LocalAccount,
  type TransactionReceipt,
} from 'viem'
import {
  getBalance,
  getBlock,
  getGasPrice,
  getTransactionCount,
  getTransactionReceipt,
  waitForTransactionReceipt,
} from 'viem/actions'
import type { HetuBaseClient } from '../client/types.js'
import { InsufficientFundsError } from '../errors/account.js'
import { isInsufficientFunds } from '../errors/decode.js'

export type Fees = { maxFeePerGas: bigint; maxPriorityFeePerGas: bigint } | { gasPrice: bigint }

/**
 * Nonce, fees and block gas limit for the account, fetched alongside an action's other reads (same
 * JSON-RPC batch).
 */
export interface TxContext {
  nonce: Promise<number>
  fees: Promise<Fees>
  /** Caps gas limits with headroom (a limit above it can never be mined). */
  blockGasLimit: Promise<bigint | undefined>
}

export function prefetchTxContext(client: HetuBaseClient, address: Address): TxContext {
  const nonce = getTransactionCount(client, { address, blockTag: 'pending' })
  const latest = getBlock(client, { blockTag: 'latest' })
  const blockGasLimit = latest.then(
    (block) => block.gasLimit,
    () => undefined,
  )
  // Block and priority fee together (viem's estimateFeesPerGas asks one after the other).
  const fees: Promise<Fees> = Promise.all([
    latest,
    (client.request({ method: 'eth_maxPriorityFeePerGas' }) as Promise<Hex>).then(BigInt, () => undefined),
  ]).then(async ([block, tip]) => {
    if (block.baseFeePerGas === null || block.baseFeePerGas === undefined)
      return { gasPrice: await getGasPrice(client) }
    const maxPriorityFeePerGas = tip ?? 1_000_000_000n
    // Twice the base fee: still included after several full blocks of base-fee increases.
    return { maxFeePerGas: block.baseFeePerGas * 2n + maxPriorityFeePerGas, maxPriorityFeePerGas }
  })
  // Prefetched speculatively: an action that needs no transaction never awaits them.
  nonce.catch(() => {})
  fees.catch(() => {})
  return { nonce, fees, blockGasLimit }
}

/** A transaction ready to sign: everything but the signature. */
export interface UnsignedTx {
  to: Address
  data?: Hex | undefined
  value?: bigint | undefined
  gas: bigint
  nonce: number
  fees: Fees
}

/** Signs locally (legacy or EIP-1559 by the fees the node asks for). */
export function signTx(client: HetuBaseClient, account: LocalAccount, tx: UnsignedTx): Promise<Hex> {
  return account.signTransaction(
    {
      chainId: client.chain.id,
      nonce: tx.nonce,
      to: tx.to,
      data: tx.data ?? '0x',
      value: tx.value ?? 0n,
      gas: tx.gas,
      ...('gasPrice' in tx.fees
        ? { type: 'legacy', gasPrice: tx.fees.gasPrice }
        : { type: 'eip1559', ...tx.fees }),
    },
    { serializer: client.chain.serializers?.transaction },
  )
}

/** The most native HETU the transactions can take: value plus gas limit × fee cap. */
export function maxSpend(txs: readonly UnsignedTx[]): { value: bigint; gasCost: bigint } {
  let value = 0n
  let gasCost = 0n
  for (const tx of txs) {
    value += tx.value ?? 0n
    gasCost += tx.gas * ('gasPrice' in tx.fees ? tx.fees.gasPrice : tx.fees.maxFeePerGas)
  }
  return { value, gasCost }
}

/**
 * Sends signed transactions and returns their receipts. With eth_sendRawTransactionSync the receipt comes
 * back in the same round trip (anvil serves a JSON-RPC batch concurrently, so consecutive nonces cannot
 * deadlock); in `auto` mode a node without the method switches the client to send + poll for good.
 * Only the raw transaction is passed: anvil rejects the optional timeout parameter.
 */
export async function broadcast(
  client: HetuBaseClient,
  signed: readonly Hex[],
): Promise<TransactionReceipt[]> {
  const mode = client.hetu.receiptMode
  if (mode !== 'poll') {
    try {
      const receipts = await Promise.all(
        signed.map((serialized) =>
          client.request({ method: 'eth_sendRawTransactionSync', params: [serialized] }, { retryCount: 0 }),
        ),
      )
      if (mode === 'auto') client.hetu.receiptMode = 'sync'
      return receipts.map((r) =>
        formatTransactionReceipt(r as Parameters<typeof formatTransactionReceipt>[0]),
      )
    } catch (err) {
      if (mode !== 'auto' || !isMethodUnsupported(err)) throw err
      // Nothing was broadcast: poll from now on.
      client.hetu.receiptMode = 'poll'
    }
  }
  const hashes = await Promise.all(
    signed.map(
      (serialized) =>
        client.request(
          { method: 'eth_sendRawTransaction', params: [serialized] },
          { retryCount: 0 },
        ) as Promise<Hash>,
    ),
  )
  return waitAll(client, hashes)
}

/**
 * Signs and broadcasts; a node that refuses for lack of funds becomes an {@link InsufficientFundsError}
 * with the balance and what the transactions needed (one extra read, on that path only).
 */
export async function signAndBroadcast(
  client: HetuBaseClient,
  account: LocalAccount,
  txs: readonly UnsignedTx[],
): Promise<TransactionReceipt[]> {
  const signed = await Promise.all(txs.map((tx) => signTx(client, account, tx)))
  try {
    return await broadcast(client, signed)
  } catch (err) {
    if (!isInsufficientFunds(err)) throw err
    const balance = await getBalance(client, { address: account.address }).catch(() => undefined)
    const { value, gasCost } = maxSpend(txs)
    throw new InsufficientFundsError({
      address: account.address,
      balance,
      required: value,
      gasCost,
      cause: err,
    })
  }
}

/** Receipts of all hashes: one batched lookup (an automining node has them already), else polling. */
export async function waitAll(
  client: HetuBaseClient,
  hashes: readonly Hash[],
): Promise<TransactionReceipt[]> {
  const found = await Promise.all(
    hashes.map((hash) => getTransactionReceipt(client, { hash }).catch(() => undefined)),
  )
  return Promise.all(
    hashes.map(
      (hash, i) =>
        found[i] ??
        waitForTransactionReceipt(client, {
          hash,
          timeout: client.hetu.receiptTimeoutMs,
          checkReplacement: false,
        }),
    ),
  )
}

/** The node does not implement the method (nothing was executed). */
export function isMethodUnsupported(err: unknown): boolean {
  let current: unknown = err
  while (current instanceof Error) {
    const code = (current as { code?: unknown }).code
    if (
      current.name === 'MethodNotFoundRpcError' ||
      current.name === 'MethodNotSupportedRpcError' ||
      code === -32601 ||
      code === -32004
    )
      return true
    current = (current as { cause?: unknown }).cause
  }
  return false
}
