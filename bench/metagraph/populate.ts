// Fast population of a localnet subnet for the metagraph bench: impersonated senders (no signing), every
// transaction sent in JSON-RPC batches with explicit nonces while automine is off, then mined in a few
// huge blocks (block gas limit raised, base fee reset) so nothing waits in the pool.
import { type Address, encodeFunctionData, type Hex, numberToHex, parseEther } from 'viem'
import { NeuronManagerAbi, WeightsAbi } from '../../src/chain/actions/index.js'
import { type RpcRequest, rpcBatch } from '../../src/localnet/rpc.js'
import { registrationTxs } from '../../test/fixtures/localnet.js'

type Contracts = { WHETU: Address; GlobalStaking: Address; NeuronManager: Address; Weights?: Address }
type Call = RpcRequest

/** {@link rpcBatch} in batches of at most 2 000 requests (the populations send tens of thousands). */
export async function rpcBatchInChunks(url: string, calls: Call[]): Promise<unknown[]> {
  const out: unknown[] = []
  for (let i = 0; i < calls.length; i += 2_000) out.push(...(await rpcBatch(url, calls.slice(i, i + 2_000))))
  return out
}

export interface Sender {
  rpcUrl: string
  /** Next nonce per impersonated account. */
  nonces: Map<Address, number>
}

function tx(sender: Sender, from: Address, to: Address, data: Hex, gas: number, value = 0n): Call {
  const nonce = sender.nonces.get(from) ?? 0
  sender.nonces.set(from, nonce + 1)
  return {
    method: 'eth_sendTransaction',
    params: [
      {
        from,
        to,
        data,
        gas: numberToHex(gas),
        nonce: numberToHex(nonce),
        value: numberToHex(value),
        gasPrice: '0x3b9aca00',
      },
    ],
  }
}

/**
 * Sends `calls` with automine off, then mines blocks of the default gas limit (about 40 registrations
 * each), resetting the base fee before each so the fixed gas price always clears it, until the pool is
 * empty. Every receipt must succeed.
 */
export async function sendAll(sender: Sender, calls: Call[]): Promise<void> {
  await rpcBatchInChunks(sender.rpcUrl, [
    { method: 'anvil_autoImpersonateAccount', params: [true] },
    { method: 'evm_setAutomine', params: [false] },
  ])
  const hashes = (await rpcBatchInChunks(sender.rpcUrl, calls)) as Hex[]
  for (let round = 0; round < 10_000; round++) {
    const [status] = (await rpcBatchInChunks(sender.rpcUrl, [{ method: 'txpool_status', params: [] }])) as [
      { pending: Hex; queued: Hex },
    ]
    if (BigInt(status.pending) === 0n && BigInt(status.queued) === 0n) break
    await rpcBatchInChunks(
      sender.rpcUrl,
      Array.from({ length: 8 }, () => [
        { method: 'anvil_setNextBlockBaseFeePerGas', params: ['0x0'] },
        { method: 'evm_mine', params: [] },
      ]).flat(),
    )
  }
  await rpcBatchInChunks(sender.rpcUrl, [
    { method: 'evm_setAutomine', params: [true] },
    { method: 'anvil_autoImpersonateAccount', params: [false] },
  ])
  const receipts = (await rpcBatchInChunks(
    sender.rpcUrl,
    hashes.map((hash) => ({ method: 'eth_getTransactionReceipt', params: [hash] })),
  )) as ({ status: Hex } | null)[]
  const missing = receipts.filter((r) => r === null).length
  const reverted = receipts.filter((r) => r !== null && r.status !== '0x1').length
  if (missing + reverted > 0)
    throw new Error(`${reverted} of ${hashes.length} transactions reverted, ${missing} not mined`)
}

/** Funds, wraps, stakes and registers each account on `netuid` (validators with 600, miners with 200). */
export function registrationCalls(
  sender: Sender,
  contracts: Contracts,
  netuid: number,
  accounts: readonly Address[],
  options: { validator: boolean; portBase: number },
): { setup: Call[]; txs: Call[] } {
  const stake = parseEther(options.validator ? '600' : '200')
  const setup = accounts.map((a) => ({
    method: 'anvil_setBalance',
    params: [a, numberToHex(parseEther('1000'))],
  }))
  const txs = accounts.flatMap((from, i) =>
    registrationTxs(contracts, netuid, {
      ip: '127.0.0.1',
      port: options.portBase + i,
      validator: options.validator,
      stake,
    }).map(({ to, data, gas, value }) => tx(sender, from, to, data, gas, value)),
  )
  return { setup, txs }
}

export function setWeightsCall(
  sender: Sender,
  weights: Address,
  netuid: number,
  validator: Address,
  entries: readonly { dest: Address; weight: bigint }[],
): Call {
  return tx(
    sender,
    validator,
    weights,
    encodeFunctionData({ abi: WeightsAbi, functionName: 'setWeights', args: [netuid, entries] }),
    30_000_000,
  )
}

export function deregisterCall(
  sender: Sender,
  neuronManager: Address,
  netuid: number,
  account: Address,
): Call {
  return tx(
    sender,
    account,
    neuronManager,
    encodeFunctionData({ abi: NeuronManagerAbi, functionName: 'deregisterNeuron', args: [netuid] }),
    300_000,
  )
}

export function serviceCall(
  sender: Sender,
  neuronManager: Address,
  netuid: number,
  account: Address,
  port: number,
): Call {
  return tx(
    sender,
    account,
    neuronManager,
    encodeFunctionData({
      abi: NeuronManagerAbi,
      functionName: 'updateNeuronService',
      args: [netuid, '10.0.0.9', port, '', 0],
    }),
    300_000,
  )
}
