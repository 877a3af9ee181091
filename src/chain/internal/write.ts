import {
  type Abi,
  type Account,
  type Address,
  type ContractEventName,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type ContractFunctionParameters,
  type DecodeEventLogReturnType,
  type Hash,
  isAddressEqual,
  parseEventLogs,
  type TransactionReceipt,
} from 'viem'
import {
  sendTransaction,
  sendTransactionSync,
  waitForTransactionReceipt,
  writeContract,
  writeContractSync,
} from 'viem/actions'
import type { HetuBaseClient } from '../client/types.js'
import { TransactionRevertedError } from '../errors/account.js'
import { toHetuError } from '../errors/decode.js'
import type { HetuTxResult } from '../types/tx.js'
import { elapsed } from './read.js'

/** A contract write: what to call and who signs. */
export type WriteRequest<
  abi extends Abi | readonly unknown[],
  functionName extends ContractFunctionName<abi, 'nonpayable' | 'payable'>,
  args extends ContractFunctionArgs<abi, 'nonpayable' | 'payable', functionName>,
> = ContractFunctionParameters<abi, 'nonpayable' | 'payable', functionName, args> & {
  account: Account
  value?: bigint
}

/**
 * Sends a contract write and waits for its receipt. Gas is estimated first, so a call that would revert
 * fails before anything is sent, with the revert decoded into a named {@link HetuError}. On a localnet
 * the receipt comes back in the same round trip (eth_sendRawTransactionSync); elsewhere it is polled.
 */
export async function writeHetu<
  const abi extends Abi | readonly unknown[],
  functionName extends ContractFunctionName<abi, 'nonpayable' | 'payable'>,
  const args extends ContractFunctionArgs<abi, 'nonpayable' | 'payable', functionName>,
>(
  client: HetuBaseClient,
  action: string,
  request: WriteRequest<abi, functionName, args>,
): Promise<TransactionReceipt> {
  // biome-ignore lint/suspicious/noExplicitAny: viem's write parameter type is a deep conditional union.
  const parameters: any = { ...request, chain: client.chain }
  return submit(client, action, {
    call: request.functionName,
    from: request.account.address,
    to: request.address,
    sync: (timeout) => writeContractSync(client, { ...parameters, throwOnReceiptRevert: false, timeout }),
    send: () => writeContract(client, parameters),
  })
}

/** Sends native HETU and waits for the receipt (same receipt strategy as {@link writeHetu}). */
export async function sendValueHetu(
  client: HetuBaseClient,
  action: string,
  request: { account: Account; to: Address; value: bigint },
): Promise<TransactionReceipt> {
  const parameters = { ...request, chain: client.chain }
  return submit(client, action, {
    call: 'transfer',
    from: request.account.address,
    to: request.to,
    sync: (timeout) => sendTransactionSync(client, { ...parameters, throwOnReceiptRevert: false, timeout }),
    send: () => sendTransaction(client, parameters),
  })
}

interface Submission {
  call: string
  from: Address
  to: Address
  sync: (timeoutMs: number) => Promise<TransactionReceipt>
  send: () => Promise<Hash>
}

async function submit(
  client: HetuBaseClient,
  action: string,
  submission: Submission,
): Promise<TransactionReceipt> {
  const started = performance.now()
  let receipt: TransactionReceipt
  try {
    receipt = await sendAndWait(client, submission)
  } catch (err) {
    const error = toHetuError(err, { action, account: submission.from, rpcUrl: client.hetu.network.rpcUrl })
    client.hetu.logger?.debug(
      { action, call: submission.call, from: submission.from, error: error.code, ms: elapsed(started) },
      'chain tx failed',
    )
    throw error
  }
  client.hetu.logger?.debug(
    {
      action,
      call: submission.call,
      from: submission.from,
      to: submission.to,
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
      action,
      hash: receipt.transactionHash,
      blockNumber: receipt.blockNumber,
    })
  return receipt
}

async function sendAndWait(client: HetuBaseClient, submission: Submission): Promise<TransactionReceipt> {
  const timeout = client.hetu.receiptTimeoutMs
  const mode = client.hetu.receiptMode
  if (mode !== 'poll') {
    try {
      const receipt = await submission.sync(timeout)
      if (mode === 'auto') client.hetu.receiptMode = 'sync'
      return receipt
    } catch (err) {
      if (mode !== 'auto' || !isMethodUnsupported(err)) throw err
      // The node does not implement eth_sendRawTransactionSync: nothing was broadcast, poll from now on.
      client.hetu.receiptMode = 'poll'
    }
  }
  const hash = await submission.send()
  return waitForTransactionReceipt(client, { hash, timeout, checkReplacement: false })
}

function isMethodUnsupported(err: unknown): boolean {
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

/** Hash, block and gas of a receipt. */
export function txResult(receipt: TransactionReceipt): HetuTxResult {
  return {
    hash: receipt.transactionHash,
    blockNumber: receipt.blockNumber,
    gasUsed: receipt.gasUsed,
    from: receipt.from,
  }
}

/** Decoded args of the first `eventName` log emitted by `address` in the receipt, if any. */
export function findEvent<const abi extends Abi, eventName extends ContractEventName<abi>>(
  receipt: TransactionReceipt,
  abi: abi,
  eventName: eventName,
  address: Address,
): DecodeEventLogReturnType<abi, eventName>['args'] | undefined {
  const logs = parseEventLogs({ abi, logs: receipt.logs, eventName, strict: false })
  const log = logs.find((l) => isAddressEqual(l.address, address))
  return (log as { args?: unknown } | undefined)?.args as
    | DecodeEventLogReturnType<abi, eventName>['args']
    | undefined
}
