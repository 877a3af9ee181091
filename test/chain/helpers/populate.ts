import { type Address, encodeFunctionData, type Hex, numberToHex, pad, parseEther, toHex } from 'viem'
import { GlobalStakingAbi, NeuronManagerAbi, WHETUAbi } from '../../../src/chain/actions/index.js'
import { rpcBatch } from '../../../src/localnet/rpc.js'

type Contracts = { WHETU: Address; GlobalStaking: Address; NeuronManager: Address }

/** Deterministic, distinct addresses that no key controls (anvil impersonates them). */
export function syntheticAddresses(count: number, salt = 0): Address[] {
  return Array.from({ length: count }, (_, i) =>
    pad(toHex(0x4e0000000 + salt * 100_000 + i + 1), { size: 20 }),
  )
}

/**
 * Registers `accounts` as miners of `netuid` as fast as anvil allows, for tests and benches that need
 * many neurons: impersonated senders (no signing), fixed gas, automine off; the 4 steps (wrap, approve,
 * stake, register) go out one layer at a time for every account in JSON-RPC batches, then blocks are
 * mined until the pool is empty. A high gas price keeps up with the base fee of thousands of full blocks.
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
    ...accounts.map((a) => ({ method: 'anvil_setBalance', params: [a, toHex(parseEther('100000'))] })),
  ])
  const tx = (from: Address, to: Address, data: Hex, gas: number, value = 0n) => ({
    method: 'eth_sendTransaction',
    params: [
      { from, to, data, gas: numberToHex(gas), value: toHex(value), gasPrice: toHex(parseEther('0.00001')) },
    ],
  })
  const layers = [
    (from: Address) =>
      tx(
        from,
        contracts.WHETU,
        encodeFunctionData({ abi: WHETUAbi, functionName: 'deposit' }),
        100_000,
        amount,
      ),
    (from: Address) =>
      tx(
        from,
        contracts.WHETU,
        encodeFunctionData({
          abi: WHETUAbi,
          functionName: 'approve',
          args: [contracts.GlobalStaking, amount],
        }),
        100_000,
      ),
    (from: Address) =>
      tx(
        from,
        contracts.GlobalStaking,
        encodeFunctionData({ abi: GlobalStakingAbi, functionName: 'addGlobalStake', args: [amount] }),
        200_000,
      ),
    (from: Address, i: number) =>
      tx(
        from,
        contracts.NeuronManager,
        encodeFunctionData({
          abi: NeuronManagerAbi,
          functionName: 'registerNeuronWithStakeAllocation',
          args: [netuid, stake, false, '127.0.0.1', 10_000 + (i % 50_000), '', 0],
        }),
        900_000,
      ),
  ]
  for (const layer of layers) {
    const calls = accounts.map((from, i) => layer(from, i))
    for (let i = 0; i < calls.length; i += 1_000) await rpcBatch(rpcUrl, calls.slice(i, i + 1_000))
    await mineUntilEmpty(rpcUrl)
  }
  await rpcBatch(rpcUrl, [
    { method: 'evm_setAutomine', params: [true] },
    { method: 'anvil_autoImpersonateAccount', params: [false] },
  ])
}

async function mineUntilEmpty(rpcUrl: string) {
  for (let round = 0; round < 10_000; round++) {
    const [status] = (await rpcBatch(rpcUrl, [{ method: 'txpool_status', params: [] }])) as [
      { pending: Hex; queued: Hex },
    ]
    if (BigInt(status.pending) === 0n && BigInt(status.queued) === 0n) return
    await rpcBatch(rpcUrl, [{ method: 'anvil_mine', params: ['0x4'] }])
  }
  throw new Error('transactions still pending after 10 000 mining rounds')
}
