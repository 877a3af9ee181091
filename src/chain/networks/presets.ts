import type { HetuContractAddresses } from './contracts.js'

/** A known Hetu network. Networks are matched by chain id *and* RPC URL (spec §4.1: 560000 has been
 * used both for the public test chain and for mainnet). */
export interface HetuNetworkPreset {
  readonly name: string
  readonly chainId: number
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
  readonly description: string
}

export const localNetwork: HetuNetworkPreset = {
  name: 'local',
  chainId: 560002,
  rpcUrl: 'http://127.0.0.1:8545',
  local: true,
  blockTimeMs: 1_000,
  contracts: {},
  description: 'A localnet (`hetu localnet`, anvil) or a local hetud node (chain id 560002).',
}

export const testnetNetwork: HetuNetworkPreset = {
  name: 'testnet',
  chainId: 560000,
  rpcUrl: 'https://rpc.testchainv1.hetuscan.com',
  explorerUrl: 'http://testchainv1.hetuscan.com',
  faucetUrl: 'https://faucet.testchainv1.hetuscan.com',
  local: false,
  blockTimeMs: 12_000,
  // hetu-chain x/event/abi/contracts-customchain.json (2025-08-08, contracts c4a14b7).
  contracts: {
    WHETU: '0x523a0BB7026CB3139906Dc37833030326245A70E',
    SubnetAMMFactory: '0x8024Ac2Ae4dCF2696Bf3A4594687ECEb53AdC643',
    GlobalStaking: '0xe136faC621C86f5E2855b65D12755A8A64DFE9A7',
    SubnetManager: '0x2f0021635d03d107c4FA82FA2fAB6d5dCb6e53e7',
    NeuronManager: '0xE57A131598563e65aF94D7407632433D77DB8376',
  },
  description: 'The public test chain "Hetu testnetv1" (rpc.testchainv1.hetuscan.com, chain id 560000).',
}

export const mainnetNetwork: HetuNetworkPreset = {
  name: 'mainnet',
  chainId: 560000,
  local: false,
  blockTimeMs: 12_000,
  contracts: {},
  description: 'Hetu mainnet (chain id 560000); no public RPC or contract addresses are published yet.',
}

export const customNetwork: HetuNetworkPreset = {
  name: 'custom',
  chainId: 565000,
  local: false,
  blockTimeMs: 12_000,
  contracts: {},
  description: 'A custom Hetu network (chain id 565000); pass rpcUrl and contracts.',
}

/** Chain id 560001 is the testnet id in hetu-chain's code; no public endpoint is documented for it. */
export const testnet560001Network: HetuNetworkPreset = {
  name: 'testnet-560001',
  chainId: 560001,
  local: false,
  blockTimeMs: 12_000,
  contracts: {},
  description: 'A testnet node with hetu-chain’s TestnetChainID 560001; pass rpcUrl and contracts.',
}

export const hetuNetworks: readonly HetuNetworkPreset[] = [
  localNetwork,
  testnetNetwork,
  mainnetNetwork,
  customNetwork,
  testnet560001Network,
]

export function findPreset(name: string): HetuNetworkPreset | undefined {
  return hetuNetworks.find((n) => n.name === name)
}

/** The preset for a chain the RPC reports: a preset whose RPC URL matches first, then the chain id alone. */
export function findPresetByChain(chainId: number, rpcUrl: string): HetuNetworkPreset | undefined {
  const origin = originOf(rpcUrl)
  return (
    hetuNetworks.find(
      (n) => n.chainId === chainId && n.rpcUrl !== undefined && originOf(n.rpcUrl) === origin,
    ) ??
    // 560000 without a known URL is taken as mainnet (the current code's name for it).
    hetuNetworks.find((n) => n.chainId === chainId && n.rpcUrl === undefined) ??
    hetuNetworks.find((n) => n.chainId === chainId)
  )
}

export function originOf(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return url
  }
}
