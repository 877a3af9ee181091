import type { HetuContractAddresses } from './contracts.js'
import {
  ADDRESS_SETS,
  type AddressSetId,
  type ContractGeneration,
  NETWORK_PRESETS,
  type NetworkPresetData,
  type Sourced,
} from './data.js'

/** A known Hetu network, built from the published data in `data.ts`. Networks are matched by RPC URL
 * and chain id together (docs/networks.md#chain-ids: 560000 is both the public test chain and mainnet). */
export interface HetuNetworkPreset {
  readonly name: string
  /** EVM chain id; undefined where no source publishes it (the node's answer is taken). */
  readonly chainId: number | undefined
  /** Default public RPC URL, if one is documented. */
  readonly rpcUrl?: string
  readonly explorerUrl?: string
  readonly faucetUrl?: string
  /** Local dev chains: any chain id the node reports is accepted, receipts are awaited without polling. */
  readonly local: boolean
  /** Average block time, used for receipt polling. */
  readonly blockTimeMs: number
  /** Last published addresses; deployment-specific, override them when they move. */
  readonly contracts: HetuContractAddresses
  /** Contract generation of those addresses (see {@link ContractGeneration}). */
  readonly generation: ContractGeneration | undefined
  /** Which published address set the contracts come from. */
  readonly addressSet: AddressSetId | undefined
  readonly description: string
  /** Where each value was published, and when. */
  readonly sources: Readonly<Record<string, Omit<Sourced<unknown>, 'value'>>>
}

function toPreset(data: NetworkPresetData): HetuNetworkPreset {
  const set = data.addressSet ? ADDRESS_SETS[data.addressSet] : undefined
  const sources: Record<string, Omit<Sourced<unknown>, 'value'>> = {}
  for (const key of ['chainId', 'rpcUrl', 'explorerUrl', 'faucetUrl', 'blockTimeMs'] as const) {
    const value = data[key]
    if (value) sources[key] = { source: value.source, date: value.date }
  }
  if (set) {
    sources.contracts = { source: set.source, date: set.date }
    sources.generation = { source: set.generation.source, date: set.generation.date }
  }
  return {
    name: data.name,
    chainId: data.chainId.value ?? undefined,
    ...(data.rpcUrl && { rpcUrl: data.rpcUrl.value }),
    ...(data.explorerUrl && { explorerUrl: data.explorerUrl.value }),
    ...(data.faucetUrl && { faucetUrl: data.faucetUrl.value }),
    local: data.local,
    blockTimeMs: data.blockTimeMs.value,
    contracts: { ...set?.contracts },
    generation: set?.generation.value,
    addressSet: data.addressSet,
    description: data.description,
    sources,
  }
}

export const hetuNetworks: readonly HetuNetworkPreset[] = NETWORK_PRESETS.map(toPreset)

export function findPreset(name: string): HetuNetworkPreset | undefined {
  return hetuNetworks.find((n) => n.name === name)
}

function preset(name: string): HetuNetworkPreset {
  return findPreset(name)!
}

export const localNetwork: HetuNetworkPreset = preset('local')
export const testnetNetwork: HetuNetworkPreset = preset('testnet')
export const mainnetNetwork: HetuNetworkPreset = preset('mainnet')
export const customNetwork: HetuNetworkPreset = preset('custom')
/** Chain id 560001 is the testnet id in hetu-chain's code; no public endpoint is documented for it. */
export const testnet560001Network: HetuNetworkPreset = preset('testnet-560001')

/**
 * Presets that describe the endpoint `rpcUrl` answering with `chainId`: those whose RPC URL has the
 * same origin (and whose chain id, when published, matches), plus a local preset of that chain id
 * wherever it runs. Several are possible (two tools publish different addresses for one dev node):
 * the caller decides, never this function.
 */
export function presetsForEndpoint(chainId: number, rpcUrl: string): HetuNetworkPreset[] {
  const origin = originOf(rpcUrl)
  return hetuNetworks.filter(
    (n) =>
      (n.rpcUrl !== undefined &&
        originOf(n.rpcUrl) === origin &&
        (n.chainId === undefined || n.chainId === chainId || n.local)) ||
      (n.local && n.chainId === chainId),
  )
}

/** Presets with this chain id (whatever their URL). */
export function presetsForChainId(chainId: number): HetuNetworkPreset[] {
  return hetuNetworks.filter((n) => n.chainId === chainId)
}

/**
 * The one preset for an endpoint, or undefined when none or several describe it.
 *
 * @deprecated Use {@link presetsForEndpoint}, which shows the candidates.
 */
export function findPresetByChain(chainId: number, rpcUrl: string): HetuNetworkPreset | undefined {
  const found = presetsForEndpoint(chainId, rpcUrl)
  return found.length === 1 ? found[0] : undefined
}

export function originOf(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return url
  }
}
