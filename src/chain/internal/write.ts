import {
  type Abi,
  type Account,
  type Address,
  type BaseError,
  type ContractEventName,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type ContractFunctionParameters,
  type DecodeEventLogReturnType,
  encodeFunctionData,
  formatTransactionReceipt,
  getAddress,
  getContractError,
  type Hash,
  type Hex,
  isAddressEqual,
  parseEventLogs,
  type TransactionReceipt,
} from 'viem'
import {
  prepareTransactionRequest,
  sendTransaction,
  waitForTransactionReceipt,
  writeContract,
} from 'viem/actions'
import type { HetuBaseClient } from '../client/types.js'
import { TransactionRevertedError } from '../errors/account.js'
import { toHetuError } from '../errors/decode.js'
import type { HetuTxResult } from '../types/tx.js'
import { errorContext } from './context.js'
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
  const { abi, address, functionName } = parameters
  const args = parameters.args as readonly unknown[] | undefined
  return submit(client, action, {
    call: request.functionName,
    account: request.account,
    to: request.address,
    sync: async () => {
      const data = encodeFunctionData({ abi, functionName, args })
      try {
        return await sendSync(client, { account: request.account, to: address, data, value: request.value })
      } catch (err) {
        throw getContractError(err as BaseError, {
          abi,
          address,
          args,
          functionName,
          sender: request.account.address,
        })
      }
    },
    send: () => writeContract(client, parameters),
  })
}

/** Sends native HETU and waits for the receipt (same receipt strategy as {@link writeHetu}). */
export async function sendValueHetu(
  client: HetuBaseClient,
  action: string,
  request: { account: Account; to: Address; value: bigint },
): Promise<TransactionReceipt> {
  return submit(client, action, {
    call: 'transfer',
    account: request.account,
    to: request.to,
    sync: () => sendSync(client, request),
    send: () => sendTransaction(client, { ...request, chain: client.chain }),
  })
}

/**
 * Prepares (nonce, fees, gas estimate), signs locally and sends with eth_sendRawTransactionSync, which
 * answers with the receipt once mined. Only the raw transaction is passed: anvil rejects the optional
 * timeout parameter that viem's sendRawTransactionSync adds.
 */
async function sendSync(
  client: HetuBaseClient,
  request: { account: Account; to: Address; data?: Hex; value?: bigint | undefined },
): Promise<TransactionReceipt> {
  const { account } = request
  if (account.type !== 'local' || !account.signTransaction) throw new SyncUnsupportedError()
  const prepared = await prepareTransactionRequest(client, {
    account,
    chain: client.chain,
    to: request.to,
    ...(request.data !== undefined && { data: request.data }),
    ...(request.value !== undefined && { value: request.value }),
  })
  const serialized = await account.signTransaction(
    prepared as Parameters<typeof account.signTransaction>[0],
    {
      serializer: client.chain.serializers?.transaction,
    },
  )
  const receipt = await client.request(
    { method: 'eth_sendRawTransactionSync', params: [serialized] },
    { retryCount: 0 },
  )
  return formatTransactionReceipt(receipt as Parameters<typeof formatTransactionReceipt>[0])
}

/** A node-side (JSON-RPC) account cannot be signed for locally: use send + poll. */
class SyncUnsupportedError extends Error {
  override name = 'SyncUnsupportedError'
}

interface Submission {
  call: string
  account: Account
  to: Address
  sync: () => Promise<TransactionReceipt>
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
    const error = toHetuError(err, errorContext(client, action, submission.account.address))
    client.hetu.logger?.debug(
      {
        action,
        call: submission.call,
        from: submission.account.address,
        error: error.code,
        ms: elapsed(started),
      },
      'chain tx failed',
    )
    throw error
  }
  client.hetu.logger?.debug(
    {
      action,
      call: submission.call,
      from: submission.account.address,
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
  if (mode !== 'poll' && submission.account.type === 'local') {
    try {
      const receipt = await submission.sync()
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

/** Hash, block and gas of a receipt. */
export function txResult(receipt: TransactionReceipt): HetuTxResult {
  return {
    hash: receipt.transactionHash,
    blockNumber: receipt.blockNumber,
    gasUsed: receipt.gasUsed,
    from: getAddress(receipt.from),
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
