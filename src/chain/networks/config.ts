import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { getAddress, isAddress } from 'viem'
import { ConfigFileError } from '../errors/network.js'
import { HETU_CONTRACT_NAMES, type HetuContractAddresses } from './contracts.js'

/** One network entry of the config file. */
export interface HetuConfigNetwork {
  chainId?: number | undefined
  rpcUrl?: string | undefined
  explorerUrl?: string | undefined
  contracts?: HetuContractAddresses
  generation?: 'legacy' | 'current' | undefined
  checkedAt?: string | undefined
}

/** Shape of ~/.hetu/config.json (other top-level keys are left for other tools). */
export interface HetuConfig {
  network?: string
  networks: Record<string, HetuConfigNetwork>
}

/** HETU_CONFIG (a file) when set, else `config.json` in HETU_CONFIG_DIR, else ~/.hetu/config.json. */
export function defaultConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.HETU_CONFIG ?? join(env.HETU_CONFIG_DIR ?? join(env.HOME ?? homedir(), '.hetu'), 'config.json')
}

/**
 * Reads the Hetu config file. A missing file at the default location is an empty config; a missing
 * file that was asked for explicitly, unreadable JSON or a wrong shape is a {@link ConfigFileError}.
 */
export function loadHetuConfig(path?: string, env: NodeJS.ProcessEnv = process.env): HetuConfig {
  const explicit = path !== undefined || env.HETU_CONFIG !== undefined
  const file = path ?? defaultConfigPath(env)
  const json = readConfigJson(file, !explicit)
  if (json === undefined) return { networks: {} }
  return checkConfig(json, file)
}

const ENTRY_KEYS: ReadonlySet<string> = new Set([
  'chainId',
  'rpcUrl',
  'explorerUrl',
  'contracts',
  'generation',
  'checkedAt',
])

/**
 * The config's shape, checked by hand (a dozen fields; a schema library would be most of what a
 * one-shot command loads): `network` a non-empty string, `networks` names to entries with only the
 * known keys. Other top-level keys belong to other tools and are left out. The first problem is a
 * {@link ConfigFileError} whose reason starts with the path of the value, e.g.
 * `networks.local.contracts.WHETU: not a 0x address`.
 */
function checkConfig(json: Record<string, unknown>, path: string): HetuConfig {
  const fail = (at: string, message: string) => new ConfigFileError({ path, reason: `${at}: ${message}` })
  const { network, networks = {} } = json
  if (network !== undefined && (typeof network !== 'string' || network === ''))
    throw fail('network', 'expected a non-empty string')
  if (!isObject(networks)) throw fail('networks', 'expected an object')
  const out: Record<string, HetuConfigNetwork> = {}
  for (const [name, entry] of Object.entries(networks)) {
    const at = `networks.${name}`
    if (name === '') throw fail('networks', 'a network name must not be empty')
    if (!isObject(entry)) throw fail(at, 'expected an object')
    const unknown = Object.keys(entry).find((key) => !ENTRY_KEYS.has(key))
    if (unknown !== undefined)
      throw fail(at, `unknown key "${unknown}" (known: ${[...ENTRY_KEYS].join(', ')})`)
    const { chainId, rpcUrl, explorerUrl, contracts, generation, checkedAt } = entry
    if (chainId !== undefined && !(Number.isSafeInteger(chainId) && (chainId as number) > 0))
      throw fail(`${at}.chainId`, 'expected a positive integer')
    const urls: Record<string, string> = {}
    for (const [key, value] of Object.entries({ rpcUrl, explorerUrl })) {
      if (value === undefined) continue
      if (typeof value !== 'string' || !URL.canParse(value.trim())) throw fail(`${at}.${key}`, 'not a URL')
      urls[key] = value.trim()
    }
    if (contracts !== undefined && !isObject(contracts)) throw fail(`${at}.contracts`, 'expected an object')
    const checksummed: HetuContractAddresses = {}
    for (const [key, value] of Object.entries(contracts ?? {})) {
      if (!(HETU_CONTRACT_NAMES as readonly string[]).includes(key))
        throw fail(`${at}.contracts.${key}`, `unknown contract (known: ${HETU_CONTRACT_NAMES.join(', ')})`)
      if (typeof value !== 'string' || !isAddress(value, { strict: false }))
        throw fail(`${at}.contracts.${key}`, 'not a 0x address')
      checksummed[key as keyof HetuContractAddresses] = getAddress(value)
    }
    if (generation !== undefined && generation !== 'legacy' && generation !== 'current')
      throw fail(`${at}.generation`, 'expected "legacy" or "current"')
    if (checkedAt !== undefined && typeof checkedAt !== 'string')
      throw fail(`${at}.checkedAt`, 'expected a string')
    out[name] = {
      ...(chainId !== undefined && { chainId: chainId as number }),
      ...urls,
      contracts: checksummed,
      ...(generation !== undefined && { generation }),
      ...(checkedAt !== undefined && { checkedAt }),
    }
  }
  return { ...(network !== undefined && { network }), networks: out }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The file's JSON; undefined for a missing file when that is allowed. */
function readConfigJson(file: string, missingOk: boolean): Record<string, unknown> | undefined {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    if (missingOk && (err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new ConfigFileError({
      path: file,
      reason: (err as NodeJS.ErrnoException).code ?? 'unreadable',
      cause: err,
    })
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (err) {
    throw new ConfigFileError({ path: file, reason: 'not valid JSON', cause: err })
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new ConfigFileError({ path: file, reason: 'not a JSON object' })
  return json as Record<string, unknown>
}

/**
 * Changes the config file: `change` gets its current content (`{ networks: {} }` when there is no
 * file) and edits it in place. Keys other tools keep there are left alone; the result is checked
 * against the schema before it replaces the file (written to a temporary file, then renamed).
 *
 * @throws {ConfigFileError}
 */
export function updateHetuConfig(
  change: (config: { network?: string; networks: Record<string, HetuConfigNetwork> }) => void,
  path?: string,
  env: NodeJS.ProcessEnv = process.env,
): HetuConfig {
  const file = path ?? defaultConfigPath(env)
  const raw = readConfigJson(file, true) ?? {}
  const draft = { ...raw, networks: { ...(raw.networks as object) } } as {
    network?: string
    networks: Record<string, HetuConfigNetwork>
  }
  change(draft)
  checkConfig(draft, file)
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
  const staging = `${file}.${process.pid}.tmp`
  writeFileSync(staging, `${JSON.stringify(draft, null, 2)}\n`, { mode: 0o600 })
  renameSync(staging, file)
  return loadHetuConfig(file, env)
}
