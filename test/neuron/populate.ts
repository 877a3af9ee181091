import { type Address, encodeFunctionData, type Hex, numberToHex, parseEther, toHex } from 'viem'
import { GlobalStakingAbi, NeuronManagerAbi, WHETUAbi } from '../../src/chain/actions/index.js'
import { rpcBatch } from '../../src/localnet/rpc.js'

type Contracts = { WHETU: Address; GlobalStaking: Address; NeuronManager: Address }

/**
 * Registers many miners at given endpoints as fast as anvil allows (benches and tests that need
 * hundreds of neurons with live axons): impersonated senders, the 4 transactions per neuron (wrap,
 * approve, stake, register) sent in JSON-RPC batches with automine off, then blocks mined until done.
 */
export async function registerMinersAt(
  rpcUrl: string,
  contracts: Contracts,
  netuid: number,
  miners: readonly { address: Address; ip: string; port: number }[],
  stake = parseEther('200'),
): Promise<void> {
  const amount = stake + parseEther('1')
  await rpcBatch(rpcUrl, [
    { method: 'anvil_autoImpersonateAccount', params: [true] },
    { method: 'evm_setAutomine', params: [false] },
    ...miners.map((m) => ({ method: 'anvil_setBalance', params: [m.address, toHex(parseEther('1000'))] })),
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
  const calls = miners.flatMap(({ address, ip, port }) => [
    tx(
      address,
      0,
      contracts.WHETU,
      encodeFunctionData({ abi: WHETUAbi, functionName: 'deposit' }),
      100_000,
      amount,
    ),
    tx(
      address,
      1,
      contracts.WHETU,
      encodeFunctionData({ abi: WHETUAbi, functionName: 'approve', args: [contracts.GlobalStaking, amount] }),
      100_000,
    ),
    tx(
      address,
      2,
      contracts.GlobalStaking,
      encodeFunctionData({ abi: GlobalStakingAbi, functionName: 'addGlobalStake', args: [amount] }),
      200_000,
    ),
    tx(
      address,
      3,
      contracts.NeuronManager,
      encodeFunctionData({
        abi: NeuronManagerAbi,
        functionName: 'registerNeuronWithStakeAllocation',
        args: [netuid, stake, false, ip, port, '', 0],
      }),
      900_000,
    ),
  ])
  for (let i = 0; i < calls.length; i += 2_000) await rpcBatch(rpcUrl, calls.slice(i, i + 2_000))
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
