import { createClient, type Hex } from 'viem'
import { getChainId, getCode } from 'viem/actions'
import { InvalidArgumentError } from '../errors/amount.js'
import { toHetuError } from '../errors/decode.js'
import { NoContractCodeError, WrongNetworkError } from '../errors/network.js'
import { featuresOf } from '../internal/generation.js'
import { rpcTransport } from '../internal/rpc.js'
import { HETU_CONTRACT_NAMES, type HetuContractAddresses, type HetuContractName } from './contracts.js'
import { rpcUrlProblem } from './rpcUrl.js'

/** What {@link checkNetwork} found on the chain. */
export interface NetworkCheck {
  chainId: number
  /** `current` when the SubnetManager's code has `addSubnetMinter(uint16,address)`, else `legacy`. */
  generation: 'current' | 'legacy' | undefined
  /** Bytes of runtime code at each address. */
  codeSize: Partial<Record<HetuContractName, number>>
}

/**
 * Asks the chain behind `rpcUrl` whether it is what the caller says: the chain id it answers (equal to
 * `expectedChainId` when given), code at every address, and which contract generation its
 * SubnetManager is (current code contains the 4 selector bytes of `addSubnetMinter(uint16,address)`,
 * the c4a14b7 "legacy" code does not). One JSON-RPC batch.
 *
 * @throws {RpcUnavailableError | WrongNetworkError | NoContractCodeError | InvalidArgumentError}
 */
export async function checkNetwork(args: {
  network: string
  rpcUrl: string
  contracts: HetuContractAddresses
  expectedChainId?: number | undefined
  timeoutMs?: number
}): Promise<NetworkCheck> {
  const problem = rpcUrlProblem(args.rpcUrl)
  if (problem)
    throw new InvalidArgumentError('rpcUrl', problem, {
      hint: 'Pass e.g. https://rpc.example.org or http://127.0.0.1:8545.',
    })
  const retryCount = 1
  // The SDK's own transport: its connect timeout and retries, as the client that will use the network.
  const client = createClient({
    transport: rpcTransport(args.rpcUrl, { retryCount, timeoutMs: args.timeoutMs ?? 10_000 }),
  })
  const names = HETU_CONTRACT_NAMES.filter((name) => args.contracts[name] !== undefined)
  let chainId: number
  let codes: (string | undefined)[]
  try {
    ;[chainId, codes] = await Promise.all([
      getChainId(client),
      Promise.all(names.map((name) => getCode(client, { address: args.contracts[name]! }))),
    ])
  } catch (err) {
    throw toHetuError(err, { action: 'checkNetwork', rpcUrl: args.rpcUrl, attempts: 1 + retryCount })
  }
  if (args.expectedChainId !== undefined && args.expectedChainId !== chainId)
    throw new WrongNetworkError({
      network: args.network,
      expectedChainId: args.expectedChainId,
      actualChainId: chainId,
      rpcUrl: args.rpcUrl,
    })
  const empty = names
    .map((name, i) => ({ name, address: args.contracts[name]!, code: codes[i] }))
    .filter((c) => c.code === undefined || c.code === '0x')
    .map(({ name, address }) => ({ name, address }))
  if (empty.length > 0) throw new NoContractCodeError({ network: args.network, chainId, contracts: empty })
  const codeSize: Partial<Record<HetuContractName, number>> = {}
  names.forEach((name, i) => {
    codeSize[name] = (codes[i]!.length - 2) / 2
  })
  const manager = codes[names.indexOf('SubnetManager')]
  return { chainId, generation: manager ? generationOf(manager as Hex) : undefined, codeSize }
}

/** `current` when the SubnetManager's runtime code dispatches addSubnetMinter(uint16,address). */
export function generationOf(runtimeCode: Hex): 'current' | 'legacy' {
  return featuresOf(runtimeCode).generation
}
