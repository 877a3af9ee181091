import { type Address, concat, createWalletClient, type Hex, http, numberToHex, size } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { waitForTransactionReceipt } from 'viem/actions'

/** anvil's first dev account (public test key). */
export const DEV_KEY: Hex = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'

const push2 = (n: number) => concat(['0x61', numberToHex(n, { size: 2 })])

/**
 * Deploys a contract that reverts every call with `revertData` (hand-assembled: CODECOPY the payload
 * after the code into memory, REVERT with it). Lets tests see real node/viem revert errors for any
 * revert string or custom error without compiling Solidity.
 */
export async function deployReverter(rpcUrl: string, revertData: Hex): Promise<Address> {
  // runtime: PUSH2 len DUP1 PUSH2 11 PUSH0 CODECOPY PUSH0 REVERT <payload>
  const runtime = concat([push2(size(revertData)), '0x80', push2(11), '0x5f395ffd', revertData])
  // init: PUSH2 rtlen DUP1 PUSH2 11 PUSH0 CODECOPY PUSH0 RETURN <runtime>
  const init = concat([push2(size(runtime)), '0x80', push2(11), '0x5f395ff3', runtime])
  const wallet = createWalletClient({ account: privateKeyToAccount(DEV_KEY), transport: http(rpcUrl) })
  const hash = await wallet.sendTransaction({ data: init, chain: null })
  const receipt = await waitForTransactionReceipt(wallet, { hash, pollingInterval: 20 })
  if (!receipt.contractAddress) throw new Error('reverter deployment failed')
  return receipt.contractAddress
}
