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
  getAddress,
  getContractError,
  type Hex,
  isAddressEqual,
  parseEventLogs,
  type TransactionReceipt,
} from 'viem'
import { getBlock, sendTransaction } from 'viem/actions'
import { HetuError } from '../../errors.js'
import type { HetuBaseClient } from '../client/types.js'
import { TransactionRevertedError } from '../errors/account.js'
import { toHetuError } from '../errors/decode.js'
import type { HetuTxResult } from '../types/tx.js'
import { errorContext } from './context.js'
import { estimateWithHeadroom } from './gas.js'
import { elapsed } from './read.js'
import { prefetchTxContext, signAndBroadcast, waitAll } from './send.js'

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
 * fails before anything is sent, with the revert decoded into a named {@link HetuError}; the limit sent
 * has the client's headroom ({@link estimateWithHeadroom}). On a localnet the receipt comes back in the
 * same round trip (eth_sendRawTransactionSync); elsewhere it is polled.
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
  const { abi, address, functionName } = request as any
  const args = (request as { args?: readonly unknown[] }).args
  return submit(client, action, {
    call: request.functionName,
    account: request.account,
    to: request.address,
    data: encodeFunctionData({ abi, functionName, args }),
    value: request.value,
    // Names the function and decodes the revert against the contract's ABI.
    explain: (err) =>
      err instanceof HetuError
        ? err
        : getContractError(err as BaseError, {
            abi,
            address,
            args,
            functionName,
            sender: request.account.address,
          }),
  })
}

/** Sends native HETU and waits for the receipt (same gas and receipt strategy as {@link writeHetu}). */
export async function sendValueHetu(
  client: HetuBaseClient,
  action: string,
  request: { account: Account; to: Address; value: bigint },
): Promise<TransactionReceipt> {
  return submit(client, action, { call: 'transfer', ...request, explain: (err) => err })
}

interface Submission {
  call: string
  account: Account
  to: Address
  data?: Hex | undefined
  value?: bigint | undefined
  explain: (err: unknown) => unknown
}

async function submit(
  client: HetuBaseClient,
  action: string,
  submission: Submission,
): Promise<TransactionReceipt> {
  const started = performance.now()
  let receipt: TransactionReceipt
  try {
    receipt = await sendAndWait(client, submission).catch((err) => {
      throw submission.explain(err)
    })
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

/**
 * Local accounts: nonce, fees, block gas limit and the estimate in one JSON-RPC batch, signed here and
 * broadcast (sync receipt or poll). Node-side (JSON-RPC) accounts: estimate with headroom, then the
 * node signs and sends.
 */
async function sendAndWait(client: HetuBaseClient, submission: Submission): Promise<TransactionReceipt> {
  const { account, to, data, value } = submission
  if (account.type === 'local') {
    const context = prefetchTxContext(client, account.address)
    const [gas, nonce, fees] = await Promise.all([
      estimateWithHeadroom(client, { account, to, data, value }, context.blockGasLimit),
      context.nonce,
      context.fees,
    ])
    const [receipt] = await signAndBroadcast(client, account, [{ to, data, value, gas, nonce, fees }])
    return receipt!
  }
  const blockGasLimit = getBlock(client, { blockTag: 'latest' }).then(
    (block) => block.gasLimit,
    () => undefined,
  )
  const gas = await estimateWithHeadroom(client, { account, to, data, value }, blockGasLimit)
  const hash = await sendTransaction(client, {
    account,
    chain: client.chain,
    to,
    ...(data !== undefined && { data }),
    ...(value !== undefined && { value }),
    gas,
  })
  const [receipt] = await waitAll(client, [hash])
  return receipt!
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
