import { type Address, getAddress, isAddress } from 'viem'
import { InvalidArgumentError } from '../errors/amount.js'
import {
  AmbiguousNetworkError,
  MissingContractAddressError,
  MissingRpcUrlError,
  UnknownNetworkError,
  WrongNetworkError,
} from '../errors/network.js'
import { type HetuConfig, loadHetuConfig } from './config.js'
import {
  CORE_CONTRACTS,
  contractEnvName,
  HETU_CONTRACT_NAMES,
  type HetuContractAddresses,
} from './contracts.js'
import type { ContractGeneration } from './data.js'
import { localnetContracts } from './localnetInfo.js'
import {
  findPreset,
  type HetuNetworkPreset,
  hetuNetworks,
  originOf,
  presetsForChainId,
  presetsForEndpoint,
} from './presets.js'
import { rpcUrlProblem } from './rpcUrl.js'

/**
 * How the caller named the network. Precedence everywhere: option > env (HETU_NETWORK, HETU_RPC_URL)
 * > config file (its default network, set by `hetu network use`) > preset.
 */
export interface NetworkOptions {
  /** Preset or config-file network name: 'local' | 'testnet' | 'mainnet' | 'custom' | your own. */
  network?: string
  /** RPC URL; without `network` the chain is recognised from the chain id the RPC reports. */
  rpcUrl?: string
  /** Contract addresses; override env (HETU_CONTRACT_<NAME>), config file and preset. */
  contracts?: HetuContractAddresses
  /** Config file path (default ~/.hetu/config.json, or HETU_CONFIG). `false` ignores config files. */
  configPath?: string | false
  /** Environment to read HETU_* variables from (default process.env). */
  env?: NodeJS.ProcessEnv
}

/** First half of the resolution: what to connect to (before the RPC is asked for its chain id). */
export interface NetworkRequest {
  name: string | undefined
  rpcUrl: string
  config: HetuConfig
  options: NetworkOptions
  env: NodeJS.ProcessEnv
}

/** The network the client ended up on. */
export interface ResolvedNetwork {
  name: string
  chainId: number
  rpcUrl: string
  local: boolean
  blockTimeMs: number
  contracts: HetuContractAddresses & { [name in (typeof CORE_CONTRACTS)[number]]: Address }
  explorerUrl?: string | undefined
  /** Contract generation of the addresses, when known (preset data, or checked by `hetu network add`). */
  generation?: ContractGeneration | undefined
}

export function resolveNetworkRequest(options: NetworkOptions = {}): NetworkRequest {
  const env = options.env ?? process.env
  const config: HetuConfig =
    options.configPath === false ? { networks: {} } : loadHetuConfig(options.configPath, env)
  // An explicit URL (option, else HETU_RPC_URL) is recognised from its chain id unless a name is given
  // at the same level or above: HETU_RPC_URL outranks the config file's default network.
  const name =
    options.network ??
    (options.rpcUrl === undefined ? env.HETU_NETWORK : undefined) ??
    (options.rpcUrl === undefined && env.HETU_RPC_URL === undefined ? (config.network ?? 'local') : undefined)
  if (name !== undefined && !findPreset(name) && !config.networks[name])
    throw new UnknownNetworkError({ network: name, known: knownNames(config) })
  const rpcUrl =
    options.rpcUrl ??
    env.HETU_RPC_URL ??
    (name !== undefined ? (config.networks[name]?.rpcUrl ?? findPreset(name)?.rpcUrl) : undefined)
  if (!rpcUrl) throw new MissingRpcUrlError(name ?? 'unnamed')
  const problem = rpcUrlProblem(rpcUrl)
  if (problem) throw new InvalidArgumentError('rpcUrl', problem, { hint: 'Pass e.g. http://127.0.0.1:8545.' })
  return { name, rpcUrl, config, options, env }
}

/** Second half: checks the chain id the RPC reports and collects the contract addresses. */
export function finalizeNetwork(request: NetworkRequest, chainId: number): ResolvedNetwork {
  const { config, options, env, rpcUrl } = request
  let name = request.name
  let preset: HetuNetworkPreset | undefined
  if (name !== undefined) {
    preset = findPreset(name)
    const expected = config.networks[name]?.chainId ?? preset?.chainId
    // A localnet may run with any chain id (anvil defaults to 31337): take what it reports.
    if (expected !== undefined && expected !== chainId && !preset?.local)
      throw new WrongNetworkError({
        network: name,
        expectedChainId: expected,
        actualChainId: chainId,
        rpcUrl,
      })
  } else {
    ;({ name, preset } = recognise(config, chainId, rpcUrl))
  }
  const presetContracts =
    preset && (preset.chainId === undefined || preset.chainId === chainId || preset.local)
      ? preset.contracts
      : {}
  // A `hetu localnet` on this machine publishes its addresses (for its port, while its process lives
  // and its chain answers with the recorded id); lowest precedence after the preset. An endpoint no
  // preset or config entry names may be one too (a localnet started with its own chain id).
  const localnet = preset?.local || name === undefined ? localnetContracts(rpcUrl, chainId, env) : undefined
  const explicit: HetuContractAddresses = {
    ...(name !== undefined ? config.networks[name]?.contracts : undefined),
    ...contractsFromEnv(env),
    ...normalizeContracts(options.contracts ?? {}, 'contracts'),
  }
  const contracts: HetuContractAddresses = { ...presetContracts, ...localnet, ...explicit }
  const missing = CORE_CONTRACTS.filter((c) => !contracts[c])
  if (name === undefined && missing.length > 0) {
    // An endpoint no preset or config entry describes: its chain id alone never picks a preset.
    const byChainId = presetsForChainId(chainId).filter((n) => !n.local)
    if (byChainId.length > 1)
      throw new AmbiguousNetworkError({ chainId, rpcUrl, candidates: byChainId.map((n) => n.name) })
    if (missing.length === CORE_CONTRACTS.length)
      throw new UnknownNetworkError({ chainId, rpcUrl, known: knownNames(config) })
  }
  const resolvedName = name ?? `chain-${chainId}`
  if (missing.length > 0)
    throw new MissingContractAddressError({ contracts: missing, network: resolvedName, chainId })
  const entry = name !== undefined ? config.networks[name] : undefined
  return {
    name: resolvedName,
    chainId,
    rpcUrl,
    local: preset?.local ?? false,
    blockTimeMs: preset?.blockTimeMs ?? 12_000,
    contracts: contracts as ResolvedNetwork['contracts'],
    explorerUrl: entry?.explorerUrl ?? preset?.explorerUrl,
    // The generation describes a SubnetManager: it holds only while that address is the one it was found for.
    generation:
      entry?.generation && entry.contracts?.SubnetManager === contracts.SubnetManager
        ? entry.generation
        : presetContracts.SubnetManager === contracts.SubnetManager
          ? preset?.generation
          : undefined,
  }
}

/**
 * The network an unnamed endpoint is: the one config entry for that URL, else the one preset for it
 * (URL and chain id, or a local chain id). Several candidates are an {@link AmbiguousNetworkError};
 * none leaves the name undefined (the endpoint is then called `chain-<id>`).
 */
function recognise(
  config: HetuConfig,
  chainId: number,
  rpcUrl: string,
): { name: string | undefined; preset: HetuNetworkPreset | undefined } {
  const origin = originOf(rpcUrl)
  const fromConfig = Object.entries(config.networks)
    .filter(([, n]) => n.rpcUrl !== undefined && originOf(n.rpcUrl) === origin)
    .filter(([name, n]) => (n.chainId ?? findPreset(name)?.chainId ?? chainId) === chainId)
    .map(([name]) => name)
  const presets = presetsForEndpoint(chainId, rpcUrl)
  const candidates = fromConfig.length > 0 ? fromConfig : presets.map((n) => n.name)
  if (candidates.length > 1) throw new AmbiguousNetworkError({ chainId, rpcUrl, candidates })
  const name = candidates[0]
  return { name, preset: name !== undefined ? findPreset(name) : undefined }
}

/** Addresses from HETU_CONTRACT_<NAME> (e.g. HETU_CONTRACT_GLOBAL_STAKING); invalid values are errors. */
export function contractsFromEnv(env: NodeJS.ProcessEnv): HetuContractAddresses {
  const found: Record<string, string> = {}
  for (const name of HETU_CONTRACT_NAMES) {
    const value = env[contractEnvName(name)] ?? env[`HETU_CONTRACT_${name.toUpperCase()}`]
    if (value) found[name] = value
  }
  return normalizeContracts(found, 'HETU_CONTRACT_*')
}

function normalizeContracts(
  contracts: Record<string, string | undefined>,
  source: string,
): HetuContractAddresses {
  const out: HetuContractAddresses = {}
  for (const [key, value] of Object.entries(contracts)) {
    if (value === undefined) continue
    if (!(HETU_CONTRACT_NAMES as readonly string[]).includes(key))
      throw new InvalidArgumentError(
        `${source}.${key}`,
        `unknown contract; known: ${HETU_CONTRACT_NAMES.join(', ')}`,
      )
    if (!isAddress(value, { strict: false }))
      throw new InvalidArgumentError(`${source}.${key}`, `"${value}" is not a 0x address`)
    out[key as keyof HetuContractAddresses] = getAddress(value)
  }
  return out
}

function knownNames(config: HetuConfig): string[] {
  return [...new Set([...hetuNetworks.map((n) => n.name), ...Object.keys(config.networks)])]
}
