import type { Address } from 'viem'
import { type AnvilProcess, type DevAccount, startAnvil } from './anvil.js'
import { deployHetuContracts, type HetuContracts } from './deploy.js'

/** The spec's local EVM chain id (hetu_560002-1). */
export const LOCAL_CHAIN_ID = 560002

export interface LocalnetOptions {
  /** TCP port for the JSON-RPC endpoint; 0 (default from code) picks a free one. */
  port?: number
  host?: string
  chainId?: number
  /** Seconds between blocks; omitted = a block per transaction. */
  blockTime?: number
  /** Number of funded dev accounts (default 10). */
  accounts?: number
  /** Network-wide blocks between subnet registrations (default 1 locally; the spec's chain uses 1000). */
  networkRateLimit?: bigint
  /** WHETU each dev account starts with (default 100 000 HETU, wrapped from its native balance). */
  whetuPerAccount?: bigint
  /** Receives anvil's and our log lines (stderr in the CLI); silent by default. */
  onLog?: (line: string) => void
}

/** What a running localnet tells its users; also printed as one JSON line by `hetu localnet`. */
export interface LocalnetInfo {
  rpcUrl: string
  chainId: number
  contracts: HetuContracts
  accounts: DevAccount[]
  systemAddress: Address
  treasury: Address
  deployBlock: string
}

export interface Localnet extends LocalnetInfo {
  readonly pid: number
  /** The same fields as plain JSON (bigints as decimal strings). */
  toJSON(): LocalnetInfo
  stop(): Promise<void>
  [Symbol.asyncDispose](): Promise<void>
}

/**
 * Starts anvil, deploys and wires every Hetu contract plus Multicall3, funds the dev accounts with WHETU
 * and returns when the chain is ready. `await using net = await startLocalnet()` stops it at scope end.
 */
export async function startLocalnet(options: LocalnetOptions = {}): Promise<Localnet> {
  const chainId = options.chainId ?? LOCAL_CHAIN_ID
  const anvil: AnvilProcess = await startAnvil({
    port: options.port ?? 0,
    chainId,
    accounts: options.accounts ?? 10,
    ...(options.host !== undefined && { host: options.host }),
    ...(options.blockTime !== undefined && { blockTime: options.blockTime }),
    ...(options.onLog !== undefined && { onLog: options.onLog }),
  })
  try {
    const deployer = anvil.accounts[0]!.address
    const deployed = await deployHetuContracts({
      rpcUrl: anvil.rpcUrl,
      deployer,
      networkRateLimit: options.networkRateLimit ?? 1n,
      fund: anvil.accounts.map((a) => a.address),
      ...(options.whetuPerAccount !== undefined && { whetuPerAccount: options.whetuPerAccount }),
    })
    const info: LocalnetInfo = {
      rpcUrl: anvil.rpcUrl,
      chainId,
      contracts: deployed.contracts,
      accounts: [...anvil.accounts],
      systemAddress: deployed.systemAddress,
      treasury: deployed.treasury,
      deployBlock: deployed.deployBlock.toString(),
    }
    const stop = () => anvil.stop()
    return {
      ...info,
      pid: anvil.pid,
      toJSON: () => info,
      stop,
      [Symbol.asyncDispose]: stop,
    }
  } catch (err) {
    await anvil.stop()
    throw err
  }
}
