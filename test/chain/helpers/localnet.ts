import { type Address, encodeFunctionData, type Hex, maxUint256, numberToHex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { AlphaTokenAbi, SubnetAMMAbi, WHETUAbi } from '../../../src/chain/abi/index.js'
import type { Localnet } from '../../../src/localnet/localnet.js'
import { rpc } from '../../../src/localnet/rpc.js'

/** Raw JSON-RPC (anvil_* test controls): the localnet's own. */
export { rpc }

/** viem account of the i-th dev account. */
export function dev(net: Localnet, i: number) {
  return privateKeyToAccount(net.accounts[i]!.privateKey)
}

/** The receipt fields the tests read (hex, as JSON-RPC gives them). */
export interface MinedReceipt {
  status: Hex
  blockNumber: Hex
}

/** Sends a transaction from any address (anvil impersonation); resolves with its receipt once mined. */
export async function sendAs(
  net: Localnet,
  from: Address,
  to: Address,
  data: Hex,
  value = 0n,
): Promise<MinedReceipt> {
  await rpc(net.rpcUrl, 'anvil_impersonateAccount', [from])
  const hash = (await rpc(net.rpcUrl, 'eth_sendTransaction', [
    { from, to, data, value: numberToHex(value), gas: numberToHex(1_000_000) },
  ])) as Hex
  // Automine mines right away, but the receipt can trail the send by a moment.
  let receipt: MinedReceipt | null = null
  for (let tries = 0; tries < 200 && !receipt; tries++) {
    receipt = (await rpc(net.rpcUrl, 'eth_getTransactionReceipt', [hash])) as MinedReceipt | null
    if (!receipt) await new Promise((resolve) => setTimeout(resolve, 10))
  }
  if (receipt?.status !== '0x1') {
    const reason = await rpc(net.rpcUrl, 'eth_call', [
      { from, to, data, value: numberToHex(value) },
      'latest',
    ]).catch((err: Error) => err.message)
    throw new Error(
      `transaction from ${from} failed (${receipt ? 'reverted' : 'not mined'}): ${String(reason)}`,
    )
  }
  await rpc(net.rpcUrl, 'anvil_stopImpersonatingAccount', [from])
  return receipt
}

/**
 * Plays the chain's blockinflation module: from the system address, wraps `amount` HETU, mints as much
 * Alpha, approves both to the pool and injects them.
 */
export async function injectLiquidityAsSystem(
  net: Localnet,
  pool: { ammPool: Address; alphaToken: Address },
  amount: bigint,
): Promise<void> {
  const { ammPool, alphaToken } = pool
  const from = net.systemAddress
  await rpc(net.rpcUrl, 'anvil_setBalance', [from, numberToHex(amount * 2n)])
  const send = (to: Address, data: Hex, value = 0n) => sendAs(net, from, to, data, value)
  await send(net.contracts.WHETU, encodeFunctionData({ abi: WHETUAbi, functionName: 'deposit' }), amount)
  await send(
    alphaToken,
    encodeFunctionData({ abi: AlphaTokenAbi, functionName: 'mint', args: [from, amount] }),
  )
  await send(
    net.contracts.WHETU,
    encodeFunctionData({ abi: WHETUAbi, functionName: 'approve', args: [ammPool, maxUint256] }),
  )
  await send(
    alphaToken,
    encodeFunctionData({ abi: AlphaTokenAbi, functionName: 'approve', args: [ammPool, maxUint256] }),
  )
  await send(
    ammPool,
    encodeFunctionData({ abi: SubnetAMMAbi, functionName: 'injectLiquidity', args: [amount, amount] }),
  )
}
