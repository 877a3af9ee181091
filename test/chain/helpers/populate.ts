import { type Address, encodeFunctionData, type Hex, numberToHex, pad, parseEther, toHex } from 'viem'
import { GlobalStakingAbi, NeuronManagerAbi, WHETUAbi } from '../../../src/index.js'

type Contracts = { WHETU: Address; GlobalStaking: Address; NeuronManager: Address }

async function rpcBatch(url: string, calls: { method: string; params: unknown[] }[]): Promise<unknown[]> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(calls.map((c, id) => ({ jsonrpc: '2.0', id, ...c }))),
  })
  const body = (await res.json()) as { id: number; result?: unknown; error?: { message: string } }[]
  const failed = body.find((r) => r.error)
  if (failed) throw new Error(`${calls[failed.id]?.method}: ${failed.error!.message}`)
  return body.sort((a, b) => a.id - b.id).map((r) => r.result)
}

/** Deterministic, distinct addresses that no key controls (anvil impersonates them). */
export function syntheticAddresses(count: number, salt = 0): Address[] {
  return Array.from({ length: count }, (_, i) =>
    pad(toHex(0x4e0000000 + salt * 100_000 + i + 1), { size: 20 }),
  )
}

/**
 * Registers `accounts` as miners of `netuid` as fast as anvil allows, for tests and benches that need
 * many neurons: impersonated senders (no signing), explicit nonces and gas, automine off while the
 * 4 transactions per neuron (wrap, approve, stake, register) go out in JSON-RPC batches, then blocks are
 * mined until the pool is empty.
 */
export async function registerMiners(
  rpcUrl: string,
  contracts: Contracts,
  netuid: number,
  accounts: readonly Address[],
  stake = parseEther('200'),
): Promise<void> {
  const amount = stake + parseEther('1')
  await rpcBatch(rpcUrl, [
    { method: 'anvil_autoImpersonateAccount', params: [true] },
    { method: 'evm_setAutomine', params: [false] },
    ...accounts.map((a) => ({ method: 'anvil_setBalance', params: [a, toHex(parseEther('1000'))] })),
  ])
  const tx = (from: Address, nonce: number, to: Address, data: Hex, gas: number, value = 0n) => ({
    method: 'eth_sendTransaction',
    params: [
      {
        from,
        to,
        data,
        gas: numberToHex(gas),
        nonce: numberToHex(nonce),
        value: toHex(value),
        gasPrice: '0x77359400',
      },
    ],
  })
  const calls = accounts.flatMap((from, i) => [
    tx(
      from,
      0,
      contracts.WHETU,
      encodeFunctionData({ abi: WHETUAbi, functionName: 'deposit' }),
      100_000,
      amount,
    ),
    tx(
      from,
      1,
      contracts.WHETU,
      encodeFunctionData({ abi: WHETUAbi, functionName: 'approve', args: [contracts.GlobalStaking, amount] }),
      100_000,
    ),
    tx(
      from,
      2,
      contracts.GlobalStaking,
      encodeFunctionData({ abi: GlobalStakingAbi, functionName: 'addGlobalStake', args: [amount] }),
      200_000,
    ),
    tx(
      from,
      3,
      contracts.NeuronManager,
      encodeFunctionData({
        abi: NeuronManagerAbi,
        functionName: 'registerNeuronWithStakeAllocation',
        args: [netuid, stake, false, '127.0.0.1', 10_000 + (i % 50_000), '', 0],
      }),
      900_000,
    ),
  ])
  for (let i = 0; i < calls.length; i += 2_000) await rpcBatch(rpcUrl, calls.slice(i, i + 2_000))
  // Mine until every transaction is in; each block takes as many as its gas limit allows.
  for (let round = 0; round < 10_000; round++) {
    const [status] = (await rpcBatch(rpcUrl, [{ method: 'txpool_status', params: [] }])) as [
      { pending: Hex; queued: Hex },
    ]
    if (BigInt(status.pending) === 0n && BigInt(status.queued) === 0n) break
    await rpcBatch(rpcUrl, [{ method: 'anvil_mine', params: ['0x10'] }])
  }
  await rpcBatch(rpcUrl, [
    { method: 'evm_setAutomine', params: [true] },
    { method: 'anvil_autoImpersonateAccount', params: [false] },
  ])
}
