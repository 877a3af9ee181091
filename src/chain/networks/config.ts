import { readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { getAddress, isAddress } from 'viem'
import { z } from 'zod'
import { ConfigFileError } from '../errors/network.js'
import { HETU_CONTRACT_NAMES, type HetuContractAddresses } from './contracts.js'

const address = z.string().refine((s) => isAddress(s, { strict: false }), 'not a 0x address')

const networkEntry = z.strictObject({
  chainId: z.number().int().positive().optional(),
  rpcUrl: z.url().optional(),
  contracts: z.partialRecord(z.enum(HETU_CONTRACT_NAMES), address).optional(),
})

const configSchema = z.object({
  /** Network used when none is passed. */
  network: z.string().min(1).optional(),
  networks: z.record(z.string().min(1), networkEntry).optional(),
})

/** One network entry of the config file. */
export interface HetuConfigNetwork {
  chainId?: number
  rpcUrl?: string
  contracts?: HetuContractAddresses
}

/** Shape of ~/.hetu/config.json (other top-level keys are left for other tools). */
export interface HetuConfig {
  network?: string
  networks: Record<string, HetuConfigNetwork>
}

/** ~/.hetu/config.json, or HETU_CONFIG when set. */
export function defaultConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.HETU_CONFIG ?? join(env.HOME ?? homedir(), '.hetu', 'config.json')
}

/**
 * Reads the Hetu config file. A missing file at the default location is an empty config; a missing
 * file that was asked for explicitly, unreadable JSON or a wrong shape is a {@link ConfigFileError}.
 */
export function loadHetuConfig(path?: string, env: NodeJS.ProcessEnv = process.env): HetuConfig {
  const explicit = path !== undefined || env.HETU_CONFIG !== undefined
  const file = path ?? defaultConfigPath(env)
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    if (!explicit && (err as NodeJS.ErrnoException).code === 'ENOENT') return { networks: {} }
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
    networks[name] = { chainId: entry.chainId, rpcUrl: entry.rpcUrl, contracts }
  }
  return { network: parsed.data.network, networks }
}
