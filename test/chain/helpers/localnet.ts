import { privateKeyToAccount } from 'viem/accounts'
import { HetuSubnet, type HetuSubnetConnectOptions } from '../../../src/index.js'
import type { Localnet } from '../../../src/localnet/localnet.js'

/** A facade on the localnet, isolated from the developer's ~/.hetu config and HETU_* env. */
export async function connect(net: Localnet, options: HetuSubnetConnectOptions = {}): Promise<HetuSubnet> {
  return HetuSubnet.connect({
    rpcUrl: net.rpcUrl,
    contracts: net.contracts,
    configPath: false,
    env: {},
    ...options,
  })
}

/** viem account of the i-th dev account. */
export function dev(net: Localnet, i: number) {
  return privateKeyToAccount(net.accounts[i]!.privateKey)
}

/** Raw JSON-RPC (anvil_* test controls). */
export async function rpc(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  })
  const body = (await res.json()) as { result?: unknown; error?: { message: string } }
  if (body.error) throw new Error(body.error.message)
  return body.result
}
