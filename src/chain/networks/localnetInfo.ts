// The info file `hetu localnet` writes while it runs, <dir>/hetu-localnet-<port>.json: the localnet's JSON
// (RPC URL, chain id, contracts, dev accounts) plus the pid of the `hetu localnet` process. The SDK reads
// contract addresses from it; the CLI lists, probes and stops localnets through it.
import { readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Address, getAddress, isAddress } from 'viem'
import { rpcBatchSettled } from '../internal/rpc.js'
import { HETU_CONTRACT_NAMES, type HetuContractAddresses } from './contracts.js'

const FILE = /^hetu-localnet-(\d+)\.json$/

/** One localnet info file, as read. */
export interface LocalnetInfoFile {
  path: string
  rpcUrl: string
  chainId: number
  /** The `hetu localnet` process; absent in files written by older versions. */
  pid: number | undefined
  /** Its anvil (pid and temp HOME), to find one left running after `hetu localnet` was killed; absent in older files. */
  anvil: { pid: number; home: string | undefined } | undefined
  contracts: Record<string, Address>
  accounts: { address: Address; privateKey: `0x${string}` }[]
  /** How it plays the chain's part (`--tempo`, payout and dividends rules); undefined without emission. */
  emission: LocalnetInfoEmission | undefined
}

/** The emission settings of a localnet's info file (its `LocalnetInfo.emission`). */
export interface LocalnetInfoEmission {
  /** Every subnet's epoch length overridden (`hetu localnet --tempo`), or null: each subnet's own. */
  tempo: number | null
  payout: 'conserving' | 'chain'
  dividends: 'bondHolder' | 'receiver'
}

/** Where info files live: `HETU_LOCALNET_DIR`, else the OS temp dir. */
export function localnetInfoDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.HETU_LOCALNET_DIR || tmpdir()
}

/** The file `hetu localnet` writes for `port` while it runs (removed when it stops). */
export function localnetInfoPath(port: string | number, env: NodeJS.ProcessEnv = process.env): string {
  return join(localnetInfoDir(env), `hetu-localnet-${port}.json`)
}

/** Reads one info file; undefined when it is missing or not a localnet's JSON. */
export function readLocalnetInfoFile(path: string): LocalnetInfoFile | undefined {
  let json: Record<string, unknown>
  try {
    json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
  } catch {
    return undefined
  }
  if (typeof json?.rpcUrl !== 'string' || typeof json.contracts !== 'object' || json.contracts === null)
    return undefined
  return {
    path,
    rpcUrl: json.rpcUrl,
    chainId: Number(json.chainId),
    pid: typeof json.pid === 'number' ? json.pid : undefined,
    anvil: anvilOf(json.anvil),
    contracts: json.contracts as Record<string, Address>,
    accounts: Array.isArray(json.accounts) ? (json.accounts as LocalnetInfoFile['accounts']) : [],
    emission: emissionOf(json.emission),
  }
}

function emissionOf(value: unknown): LocalnetInfoEmission | undefined {
  const emission = value as Partial<Record<keyof LocalnetInfoEmission, unknown>> | null | undefined
  if (!emission || typeof emission !== 'object') return undefined
  const { tempo, payout, dividends } = emission
  if (
    (payout !== 'conserving' && payout !== 'chain') ||
    (dividends !== 'bondHolder' && dividends !== 'receiver')
  )
    return undefined
  return { tempo: typeof tempo === 'number' ? tempo : null, payout, dividends }
}

function anvilOf(value: unknown): LocalnetInfoFile['anvil'] {
  const anvil = value as { pid?: unknown; home?: unknown } | null | undefined
  if (typeof anvil?.pid !== 'number') return undefined
  return { pid: anvil.pid, home: typeof anvil.home === 'string' ? anvil.home : undefined }
}

/** Every info file in `dir`, ordered by port, live or not (see {@link probeLocalnet}). */
export function listLocalnetInfoFiles(dir: string): LocalnetInfoFile[] {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return []
  }
  return names
    .map((name) => FILE.exec(name))
    .filter((m) => m !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]))
    .map((m) => readLocalnetInfoFile(join(dir, m[0])))
    .filter((f) => f !== undefined)
}

export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Whether an info file describes a running localnet, given the chain id its RPC URL answered with
 * (undefined: no answer). A recorded pid must be a live process, and the RPC must answer with the
 * recorded chain id: files outlive crashes, pids get reused, another chain may take the port.
 */
export function isLocalnetAlive(file: LocalnetInfoFile, answeredChainId: number | undefined): boolean {
  if (file.pid !== undefined && !processExists(file.pid)) return false
  return answeredChainId === file.chainId
}

/** What {@link probeLocalnet} found. */
export interface LocalnetProbe {
  alive: boolean
  /** The head the RPC reported, when it answered. */
  block: number | undefined
}

/**
 * Applies {@link isLocalnetAlive} to a file, asking its RPC for the chain id and head (one batch)
 * unless the recorded process is already gone. The timeout is short (1 s) for a file without a pid;
 * when the recorded process lives, a slow answer means a busy machine far more often than a reused pid,
 * so it waits longer (5 s) rather than fall back to another endpoint.
 */
export async function probeLocalnet(
  file: LocalnetInfoFile,
  timeoutMs = file.pid === undefined ? 1_000 : 5_000,
): Promise<LocalnetProbe> {
  if (file.pid !== undefined && !processExists(file.pid)) return { alive: false, block: undefined }
  const { chainId, block } = await askChain(file.rpcUrl, timeoutMs)
  return { alive: isLocalnetAlive(file, chainId), block }
}

/** The chain id and head an RPC URL answers with (one batch); undefined where it does not answer. */
export async function askChain(
  rpcUrl: string,
  timeoutMs: number,
): Promise<{ chainId: number | undefined; block: number | undefined }> {
  let chainId: number | undefined
  let block: number | undefined
  try {
    const [id, head] = await rpcBatchSettled(
      rpcUrl,
      [{ method: 'eth_chainId' }, { method: 'eth_blockNumber' }],
      { timeoutMs },
    )
    if (id?.ok && id.result) chainId = Number(id.result)
    if (head?.ok && head.result) block = Number(head.result)
  } catch {}
  return { chainId, block }
}

/**
 * Contract addresses of a running `hetu localnet` on this machine, found through the info file it writes
 * for its port, when that file describes the chain the RPC answered with (`chainId`) and its process
 * lives. Anything else (another host, no file, a stale or foreign file) is simply no answer: the caller
 * then asks for addresses explicitly.
 */
export function localnetContracts(
  rpcUrl: string,
  chainId: number,
  env: NodeJS.ProcessEnv = process.env,
): HetuContractAddresses | undefined {
  let url: URL
  try {
    url = new URL(rpcUrl)
  } catch {
    return undefined
  }
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) || !url.port) return undefined
  const file = readLocalnetInfoFile(localnetInfoPath(url.port, env))
  if (!file || !isLocalnetAlive(file, chainId)) return undefined
  const contracts: HetuContractAddresses = {}
  for (const name of HETU_CONTRACT_NAMES) {
    const value = file.contracts[name]
    if (typeof value === 'string' && isAddress(value, { strict: false })) contracts[name] = getAddress(value)
  }
  return contracts
}
