import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { getAddress, isAddress } from 'viem'
import { z } from 'zod'
import { ConfigFileError } from '../errors/network.js'
import { HETU_CONTRACT_NAMES, type HetuContractAddresses } from './contracts.js'

const address = z.string().refine((s) => isAddress(s, { strict: false }), 'not a 0x address')

const networkEntry = z.strictObject({
  chainId: z.number().int().positive().optional(),
  rpcUrl: z.url().optional(),
  explorerUrl: z.url().optional(),
  contracts: z.partialRecord(z.enum(HETU_CONTRACT_NAMES), address).optional(),
  /** Contract generation found by `hetu network add` (SubnetManager bytecode). */
  generation: z.enum(['legacy', 'current']).optional(),
  /** When `hetu network add` last checked the entry against the chain (ISO date). */
  checkedAt: z.string().optional(),
})

const configSchema = z.object({
  /** Network used when none is passed. */
  network: z.string().min(1).optional(),
  networks: z.record(z.string().min(1), networkEntry).optional(),
})

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
  const parsed = configSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new ConfigFileError({ path: file, reason: `${issue.path.join('.') || '(root)'}: ${issue.message}` })
  }
  const networks: Record<string, HetuConfigNetwork> = {}
  for (const [name, entry] of Object.entries(parsed.data.networks ?? {})) {
    const contracts: HetuContractAddresses = {}
    for (const [key, value] of Object.entries(entry.contracts ?? {}))
      contracts[key as keyof HetuContractAddresses] = getAddress(value as string)
    networks[name] = { ...entry, contracts }
  }
  return { network: parsed.data.network, networks }
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
  const parsed = configSchema.safeParse(draft)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new ConfigFileError({ path: file, reason: `${issue.path.join('.') || '(root)'}: ${issue.message}` })
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
  const staging = `${file}.${process.pid}.tmp`
  writeFileSync(staging, `${JSON.stringify(draft, null, 2)}\n`, { mode: 0o600 })
  renameSync(staging, file)
  return loadHetuConfig(file, env)
}
