// The file `hetu localnet` writes so other commands can find it: <tmpdir>/hetu-localnet-<port>.json,
// holding the localnet's JSON (RPC URL, chain id, contracts, dev accounts) plus the pid of the
// `hetu localnet` process (what `hetu localnet stop` signals).
import { readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Address } from 'viem'

const FILE = /^hetu-localnet-(\d+)\.json$/

export interface LocalnetFile {
  path: string
  rpcUrl: string
  chainId: number
  /** The `hetu localnet` process; absent in files written by older versions. */
  pid: number | undefined
  contracts: Record<string, Address>
  accounts: { address: Address; privateKey: `0x${string}` }[]
  /** Whether `pid` is a live process (true when unknown). */
  alive: boolean
}

export function localnetFilePath(port: number | string, dir: string = tmpdir()): string {
  return join(dir, `hetu-localnet-${port}.json`)
}

/** Reads one info file; undefined when it is missing or not a localnet's JSON. */
export function readLocalnetFile(path: string): LocalnetFile | undefined {
  let json: Record<string, unknown>
  try {
    json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
  } catch {
    return undefined
  }
  if (typeof json?.rpcUrl !== 'string' || typeof json.contracts !== 'object' || json.contracts === null)
    return undefined
  const pid = typeof json.pid === 'number' ? json.pid : undefined
  return {
    path,
    rpcUrl: json.rpcUrl,
    chainId: Number(json.chainId),
    pid,
    contracts: json.contracts as Record<string, Address>,
    accounts: Array.isArray(json.accounts) ? (json.accounts as LocalnetFile['accounts']) : [],
    alive: pid === undefined || isAlive(pid),
  }
}

/** Every localnet info file in `dir`, ordered by port. */
export function listLocalnetFiles(dir: string = tmpdir()): LocalnetFile[] {
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
    .map((m) => readLocalnetFile(join(dir, m[0])))
    .filter((f) => f !== undefined)
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The port of an RPC URL ('' when it has none). */
export function portOf(rpcUrl: string): string {
  try {
    const url = new URL(rpcUrl)
    return url.port || (url.protocol === 'https:' ? '443' : '80')
  } catch {
    return ''
  }
}

export function isLoopback(rpcUrl: string): boolean {
  try {
    const host = new URL(rpcUrl).hostname
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]' || host === '0.0.0.0'
  } catch {
    return false
  }
}
