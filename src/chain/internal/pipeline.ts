import {
  type Account,
  type Address,
  formatTransactionReceipt,
  type Hash,
  type Hex,
  type LocalAccount,
  type TransactionReceipt,
} from 'viem'
import {
  getBlock,
  getGasPrice,
  getTransactionCount,
  getTransactionReceipt,
  sendTransaction,
  waitForTransactionReceipt,
} from 'viem/actions'
import type { HetuBaseClient } from '../client/types.js'
import { TransactionRevertedError } from '../errors/account.js'
import { toHetuError } from '../errors/decode.js'
import type { PrerequisiteTx } from '../types/tx.js'
import { errorContext } from './context.js'
import { elapsed } from './read.js'
import { isMethodUnsupported, txResult } from './write.js'

/** A prerequisite transaction whose success the action has already checked (balances, allowances). */
export interface PlannedTx {
  step: PrerequisiteTx['step']
  to: Address
  data: Hex
  value?: bigint
  /** Fixed limit: later steps cannot be estimated before earlier ones are mined. Unused gas is not paid. */
  gas: bigint
}

/** Gas limits for prerequisites, ~2× what our contracts and the public ones use. */
export const PREREQUISITE_GAS = {
  wrap: 120_000n,
  approve: 120_000n,
  addGlobalStake: 300_000n,
} as const

type Fees = { maxFeePerGas: bigint; maxPriorityFeePerGas: bigint } | { gasPrice: bigint }

/** Nonce and fees for the account, fetched alongside an action's other reads (same JSON-RPC batch). */
export interface TxContext {
  nonce: Promise<number>
  fees: Promise<Fees>
}

export function prefetchTxContext(client: HetuBaseClient, address: Address): TxContext {
  const nonce = getTransactionCount(client, { address, blockTag: 'pending' })
  // Block and priority fee together (viem's estimateFeesPerGas asks one after the other).
  const fees: Promise<Fees> = Promise.all([
    getBlock(client, { blockTag: 'latest' }),
    (client.request({ method: 'eth_maxPriorityFeePerGas' }) as Promise<Hex>).then(BigInt, () => undefined),
  ]).then(async ([block, tip]) => {
    if (block.baseFeePerGas === null || block.baseFeePerGas === undefined)
      return { gasPrice: await getGasPrice(client) }
    const maxPriorityFeePerGas = tip ?? 1_000_000_000n
    // Twice the base fee: still included after several full blocks of base-fee increases.
    return { maxFeePerGas: block.baseFeePerGas * 2n + maxPriorityFeePerGas, maxPriorityFeePerGas }
  })
  // Prefetched speculatively: an action that needs no prerequisite never awaits them.
  nonce.catch(() => {})
  fees.catch(() => {})
  return { nonce, fees }
}

/**
 * Sends prerequisite transactions back to back with consecutive nonces in one JSON-RPC batch and waits
 * for all receipts: they land in one block instead of one block each (on a 12 s chain, seconds saved
 * per step). Node-signed (JSON-RPC) accounts send them one at a time instead.
 */
export async function sendPlanned(
  client: HetuBaseClient,
  action: string,
  account: Account,
  planned: readonly PlannedTx[],
  context: TxContext,
): Promise<PrerequisiteTx[]> {
  if (planned.length === 0) return []
  const started = performance.now()
  let receipts: TransactionReceipt[]
  try {
    receipts =
      account.type === 'local'
        ? await sendSigned(client, account, planned, context)
        : await sendOneByOne(client, account, planned)
  } catch (err) {
    throw toHetuError(err, errorContext(client, action, account.address))
  }
  const results: PrerequisiteTx[] = []
  for (const [i, receipt] of receipts.entries()) {
    const step = planned[i]!.step
    client.hetu.logger?.debug(
      {
        action,
        call: step,
        from: account.address,
        to: planned[i]!.to,
        hash: receipt.transactionHash,
        blockNumber: receipt.blockNumber,
        gasUsed: receipt.gasUsed,
        status: receipt.status,
        ms: elapsed(started),
      },
      'chain tx',
    )
    if (receipt.status !== 'success')
      throw new TransactionRevertedError({
        action: `${action} (${step})`,
        hash: receipt.transactionHash,
        blockNumber: receipt.blockNumber,
      })
    results.push({ step, ...txResult(receipt) })
  }
  return results
}

async function sendSigned(
  client: HetuBaseClient,
  account: LocalAccount,
  planned: readonly PlannedTx[],
  context: TxContext,
): Promise<TransactionReceipt[]> {
  const [nonce, fees] = await Promise.all([context.nonce, context.fees])
  const signed = await Promise.all(
    planned.map((tx, i) =>
      account.signTransaction(
        {
          chainId: client.chain.id,
          nonce: nonce + i,
          to: tx.to,
          data: tx.data,
          value: tx.value ?? 0n,
          gas: tx.gas,
          ...('gasPrice' in fees
            ? { type: 'legacy', gasPrice: fees.gasPrice }
            : { type: 'eip1559', ...fees }),
        },
        { serializer: client.chain.serializers?.transaction },
      ),
    ),
  )
  const mode = client.hetu.receiptMode
  if (mode !== 'poll') {
    // Receipts in the same round trip; anvil serves a batch concurrently, so nonce order cannot deadlock.
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

async function sendOneByOne(
  client: HetuBaseClient,
  account: Account,
  planned: readonly PlannedTx[],
): Promise<TransactionReceipt[]> {
  const receipts: TransactionReceipt[] = []
  for (const tx of planned) {
    const hash = await sendTransaction(client, {
      account,
      chain: client.chain,
      to: tx.to,
      data: tx.data,
      value: tx.value ?? 0n,
      gas: tx.gas,
    })
    receipts.push(...(await waitAll(client, [hash])))
  }
  return receipts
}

/** Receipts of all hashes: one batched lookup (an automining node has them already), else polling. */
async function waitAll(client: HetuBaseClient, hashes: readonly Hash[]): Promise<TransactionReceipt[]> {
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
