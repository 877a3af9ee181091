import { readFile } from 'node:fs/promises'
import { UnknownNetworkError } from '../../../chain/errors/network.js'
import { defaultConfigPath, type HetuConfig, loadHetuConfig } from '../../../chain/networks/config.js'
import {
  contractFlag,
  HETU_CONTRACT_NAMES,
  type HetuContractAddresses,
  type HetuContractName,
} from '../../../chain/networks/contracts.js'
import { findPreset, type HetuNetworkPreset, hetuNetworks } from '../../../chain/networks/presets.js'
import type { Cli } from '../../runtime/Cli.js'
import { CliArgumentError } from '../../runtime/errors.js'
import { parseAddress } from '../../runtime/parse.js'

/** The config file these commands read and write, and its content. */
export function configOf(cli: Cli): { path: string; config: HetuConfig } {
  return { path: defaultConfigPath(cli.env), config: loadHetuConfig(undefined, cli.env) }
}

/** Network names: what `--network` takes, safe as a JSON key and in a shell. */
export function checkNetworkName(name: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name))
    throw new CliArgumentError(
      'network name',
      name,
      'expected 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit',
      'Choose a name such as "lab" or "testnet-2".',
    )
}

/** Every known name: presets, then saved networks. */
export function knownNetworks(config: HetuConfig): string[] {
  return [...new Set([...hetuNetworks.map((n) => n.name), ...Object.keys(config.networks)])]
}

/** What a name stands for: its preset and/or saved entry; an UnknownNetworkError when neither. */
export function lookupNetwork(
  name: string,
  config: HetuConfig,
): { preset: HetuNetworkPreset | undefined; saved: HetuConfig['networks'][string] | undefined } {
  const preset = findPreset(name)
  const saved = config.networks[name]
  if (!preset && !saved) throw new UnknownNetworkError({ network: name, known: knownNetworks(config) })
  return { preset, saved }
}

/** The default network of the CLI: --network, HETU_NETWORK, the config file's, else local. */
export function defaultNetworkName(cli: Cli, config: HetuConfig): string {
  return cli.options.network ?? cli.env.HETU_NETWORK ?? config.network ?? 'local'
}

const BY_KEY = new Map<string, HetuContractName>(HETU_CONTRACT_NAMES.map((n) => [normalKey(n), n]))

function normalKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '')
}

/**
 * Addresses from a JSON file: `{ "WHETU": "0x…", … }`, the same under `contracts` (a `hetu localnet`
 * JSON), or values of the form `{ "address": "0x…" }`. Names match loosely (`subnet_manager`,
 * `SUBNET-MANAGER`); an unknown name or a bad address is an error naming it.
 */
export async function readContractsFile(file: string): Promise<HetuContractAddresses> {
  let json: unknown
  try {
    json = JSON.parse(await readFile(file, 'utf8'))
  } catch (err) {
    throw new CliArgumentError(
      '--contracts-file',
      file,
      (err as NodeJS.ErrnoException).code ?? 'not valid JSON',
      'Pass a JSON file such as { "WHETU": "0x…", "GlobalStaking": "0x…", "SubnetManager": "0x…", "NeuronManager": "0x…" }.',
    )
  }
  const root = json as { contracts?: unknown }
  const table = typeof root?.contracts === 'object' && root.contracts !== null ? root.contracts : json
  if (typeof table !== 'object' || table === null || Array.isArray(table))
    throw new CliArgumentError('--contracts-file', file, 'not a JSON object of contract addresses')
  const out: HetuContractAddresses = {}
  for (const [key, value] of Object.entries(table)) {
    const name = BY_KEY.get(normalKey(key))
    if (!name)
      throw new CliArgumentError(
        `--contracts-file key`,
        key,
        `not a Hetu contract (known: ${HETU_CONTRACT_NAMES.join(', ')})`,
        'Remove the entry or rename it; per-subnet AlphaToken and SubnetAMM addresses are read from the chain.',
      )
    const address =
      typeof value === 'object' && value !== null ? (value as { address?: unknown }).address : value
    out[name] = parseAddress(String(address), `--contracts-file ${key}`)
  }
  return out
}

/** Addresses given as --whetu, --global-staking, … (commander's camelCase keys of those flags). */
export function contractsFromOptions(options: Record<string, unknown>): HetuContractAddresses {
  const out: HetuContractAddresses = {}
  for (const name of HETU_CONTRACT_NAMES) {
    const flag = contractFlag(name)
    const value = options[flag.slice(2).replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase())]
    if (typeof value === 'string') out[name] = parseAddress(value, flag)
  }
  return out
}
