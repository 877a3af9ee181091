import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getAddress, isAddress } from 'viem'
import { HETU_CONTRACT_NAMES, type HetuContractAddresses } from './contracts.js'

/** The file `hetu localnet` writes while it runs (removed when it stops). */
export function localnetInfoPath(port: string | number): string {
  return join(tmpdir(), `hetu-localnet-${port}.json`)
}

/**
 * Contract addresses of a running `hetu localnet` on this machine, found through the info file it writes
 * for its port, when that file describes the same chain. Anything else (another host, no file, a stale
 * or foreign file) is simply no answer: the caller then asks for addresses explicitly.
 */
export function localnetContracts(rpcUrl: string, chainId: number): HetuContractAddresses | undefined {
  let url: URL
  try {
    url = new URL(rpcUrl)
  } catch {
    return undefined
  }
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) || !url.port) return undefined
  try {
    const info = JSON.parse(readFileSync(localnetInfoPath(url.port), 'utf8')) as {
      chainId?: unknown
      contracts?: Record<string, unknown>
    }
    if (info.chainId !== chainId || typeof info.contracts !== 'object' || info.contracts === null)
      return undefined
    const contracts: HetuContractAddresses = {}
    for (const name of HETU_CONTRACT_NAMES) {
      const value = info.contracts[name]
      if (typeof value === 'string' && isAddress(value, { strict: false }))
        contracts[name] = getAddress(value)
    }
    return contracts
  } catch {
    return undefined
  }
}
