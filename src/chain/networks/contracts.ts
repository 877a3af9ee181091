import type { Address } from 'viem'

/** Contracts the SDK talks to; per-subnet AlphaToken and SubnetAMM addresses are read from SubnetInfo. */
export const HETU_CONTRACT_NAMES = [
  'WHETU',
  'GlobalStaking',
  'SubnetManager',
  'SubnetAMMFactory',
  'NeuronManager',
  'Weights',
  'Multicall3',
] as const

export type HetuContractName = (typeof HETU_CONTRACT_NAMES)[number]

/** Addresses of the Hetu contracts on one network. */
export type HetuContractAddresses = { [name in HetuContractName]?: Address }

/** Without these nothing works; the others are needed only by the actions that use them. */
export const CORE_CONTRACTS = ['WHETU', 'GlobalStaking', 'SubnetManager', 'NeuronManager'] as const

/** Env variable for a contract: HETU_CONTRACT_SUBNET_MANAGER, HETU_CONTRACT_WHETU, HETU_CONTRACT_MULTICALL3. */
export function contractEnvName(name: HetuContractName): string {
  return `HETU_CONTRACT_${words(name).join('_').toUpperCase()}`
}

/** Option of `hetu network add` for a contract: --whetu, --global-staking, --subnet-manager, --multicall3. */
export function contractFlag(name: HetuContractName): string {
  return `--${words(name).join('-').toLowerCase()}`
}

/** SubnetAMMFactory → Subnet, AMM, Factory. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(' ')
}
