// Every published fact about Hetu networks the SDK uses, in one place, each value with where it was
// published and the date of that source. Presets (presets.ts) are built from this file; nothing else in
// the code names a chain id, endpoint or address. To add or correct a network, edit this file only.
//
// Sources (git refs and dates as read): hetu-chain `main` ccbb969 (2025-12-10); hetu-subnet-contract
// c4a14b7 (2025-07-28), d66a90b (2025-08-15), 9ca1660 (2025-08-20); hetu-pycli `hb_dev` e56569f
// (2025-08-20); hetu-pysdk `hb_dev` c1ecdcf (2025-09-02); hetu-docs 2be7651 (2025-08-15).

/** A published value: what it is, where it was published, and the date of that source (YYYY-MM-DD). */
export interface Sourced<T> {
  readonly value: T
  readonly source: string
  readonly date: string
}

/**
 * Which contract code an address set runs. `legacy` = contracts c4a14b7: SubnetManager has no
 * `addSubnetMinter`/`removeSubnetMinter` and AlphaToken a single `minter()`, so the chain can never
 * mint Alpha for its subnets. `current` = the chain's ABI set (d66a90b, selector-compatible with
 * 9ca1660 and with this package's contracts). `unknown` = published without saying; `hetu network add`
 * tells them apart from the SubnetManager's bytecode.
 */
export type ContractGeneration = 'legacy' | 'current' | 'unknown'

/** The two generations, as published. */
export const CONTRACT_GENERATIONS = {
  legacy: {
    value: 'c4a14b7',
    source:
      'hetu-subnet-contract c4a14b7 = hetu-chain x/event/abi/all-contracts.json and contracts-*.json (ABI compared element by element)',
    date: '2025-07-28',
  },
  current: {
    value: 'd66a90b',
    source: 'hetu-chain x/event/abi/<Name>.json (committed 2025-08-21) = hetu-subnet-contract d66a90b',
    date: '2025-08-15',
  },
} as const satisfies Record<Exclude<ContractGeneration, 'unknown'>, Sourced<string>>

/** Selector of `addSubnetMinter(uint16,address)`: in a current SubnetManager's code, not in a legacy one. */
export const ADD_SUBNET_MINTER_SELECTOR = '0x04564fe7'

type ContractKey =
  | 'WHETU'
  | 'GlobalStaking'
  | 'SubnetManager'
  | 'SubnetAMMFactory'
  | 'NeuronManager'
  | 'Weights'
  | 'Multicall3'

/** One published set of contract addresses. */
export interface PublishedAddressSet {
  readonly source: string
  readonly date: string
  readonly generation: Sourced<ContractGeneration>
  /** The deployment they were published for. */
  readonly deployment: string
  readonly contracts: { readonly [name in ContractKey]?: `0x${string}` }
  /** Published next to the set but not one of the contracts above. */
  readonly notes?: string
}

/**
 * The address sets published so far (docs/networks.md#address-sets). They disagree with each other: none is
 * known to be live, and they belong to different deployments.
 */
export const ADDRESS_SETS = {
  'hardhat-localhost': {
    source: 'hetu-chain x/event/abi/contracts-localhost.json',
    date: '2025-07-29',
    generation: {
      value: 'legacy',
      source: 'its ABIs equal hetu-subnet-contract c4a14b7',
      date: '2025-07-29',
    },
    deployment: 'a Hardhat localhost node (deploy-order addresses, chain id 31337); no network preset',
    contracts: {
      WHETU: '0xa513E6E4b8f2a923D98304ec87F64353C4D5C853',
      SubnetAMMFactory: '0x2279B7A0a67DB372996a5FaB50D91eAA73d2eBe6',
      GlobalStaking: '0x8A791620dd6260079BF849Dc5567aDC3F2FdC318',
      SubnetManager: '0x610178dA211FEF7D417bC0e6FeD39F05609AD788',
      NeuronManager: '0xB7f8BC63BbcaD18155201308C8f3540b07f84F5e',
    },
  },
  testchainv1: {
    source: 'hetu-chain x/event/abi/contracts-customchain.json',
    date: '2025-08-08',
    generation: {
      value: 'legacy',
      source: 'its ABIs equal hetu-subnet-contract c4a14b7',
      date: '2025-08-08',
    },
    deployment: 'Hardhat network `customchain` = rpc.testchainv1.hetuscan.com, chain id 560000',
    contracts: {
      WHETU: '0x523a0BB7026CB3139906Dc37833030326245A70E',
      SubnetAMMFactory: '0x8024Ac2Ae4dCF2696Bf3A4594687ECEb53AdC643',
      GlobalStaking: '0xe136faC621C86f5E2855b65D12755A8A64DFE9A7',
      SubnetManager: '0x2f0021635d03d107c4FA82FA2fAB6d5dCb6e53e7',
      NeuronManager: '0xE57A131598563e65aF94D7407632433D77DB8376',
    },
  },
  'hetucli-hb-dev': {
    source: 'hetu-pycli hb_dev default config (e56569f)',
    date: '2025-08-20',
    generation: {
      value: 'unknown',
      source:
        'hetucli hb_dev ships the c4a14b7 SubnetManager ABI and the chain set for the others; the deployed code is not published',
      date: '2025-08-20',
    },
    deployment: 'the team dev node 161.97.161.133:18545 (not documented as public)',
    contracts: {
      WHETU: '0xBC45C2511eA43F998E659b4722D6795C482a7E07',
      GlobalStaking: '0x9cCb4A38a208409422969737977696B8189eF96a',
      SubnetManager: '0xaF856443EaF741eEcAD2b5Bb3ff6F9F57a00920F',
      NeuronManager: '0x34d3911323Ef5576Ba84a5a68b814D189112020F',
      Weights: '0x1011c3586a901FBea4DEB3df16cFC42922219D86',
    },
    notes: 'also `amm_address` 0x36607E8D2cb850E3b2d14b998A25c43611d710cE (an AMM, per pysdk the factory)',
  },
  'pysdk-hb-dev': {
    source: 'hetu-pysdk hb_dev _init_contract (c1ecdcf)',
    date: '2025-09-02',
    generation: {
      value: 'unknown',
      source:
        'hetu-pysdk hb_dev ships the c4a14b7 SubnetManager ABI and the chain set for the others; the deployed code is not published',
      date: '2025-09-02',
    },
    deployment: 'the team dev node 161.97.161.133:18545 (not documented as public)',
    contracts: {
      WHETU: '0xfe69e0FE06b18d5c72C58655B529d1E73d6B0548',
      SubnetAMMFactory: '0x36607E8D2cb850E3b2d14b998A25c43611d710cE',
      GlobalStaking: '0x748b0Ca05E66E6Df955A560EEE51AAEf547B780A',
      SubnetManager: '0x1B81138Dca6B91ABe7C5df9c3CE5C02284Fa6437',
      NeuronManager: '0x71EE41B2ee3E79534CBed5e4C083AeF6B949D571',
      Weights: '0x721A394944dEf6cfF85F5Ad9c61322019e3db650',
    },
  },
} as const satisfies Record<string, PublishedAddressSet>

export type AddressSetId = keyof typeof ADDRESS_SETS

/** One network preset as published. `chainId` is null where no source states it. */
export interface NetworkPresetData {
  readonly name: string
  readonly description: string
  /** A local dev chain: any chain id the node reports is accepted, receipts need no polling. */
  readonly local: boolean
  readonly chainId: Sourced<number | null>
  readonly rpcUrl?: Sourced<string>
  readonly explorerUrl?: Sourced<string>
  readonly faucetUrl?: Sourced<string>
  readonly blockTimeMs: Sourced<number>
  /** The published address set of this network, if any. */
  readonly addressSet?: AddressSetId
}

const HETU_CHAIN_IDS = 'hetu-chain utils (MainnetChainID, TestnetChainID, TestingChainID; ccbb969)'
const DOCS_BLOCK_TIME = {
  value: 12_000,
  source: 'hetu-docs (12 s/block); init_validators.sh timeout_commit = 12s',
  date: '2025-08-15',
} as const
const DEV_NODE = {
  value: 'http://161.97.161.133:18545',
  source: 'hetu-pycli hb_dev and hetu-pysdk hb_dev default endpoint',
  date: '2025-08-20',
} as const
const UNPUBLISHED_CHAIN_ID = {
  value: null,
  source: 'not published: taken from the node',
  date: '2025-09-02',
} as const

/** The network presets. Names are what `--network` and `HetuSubnet.connect({ network })` take. */
export const NETWORK_PRESETS = [
  {
    name: 'local',
    description: 'A localnet (`hetu localnet`, anvil) or a local hetud node (chain id 560002).',
    local: true,
    chainId: { value: 560002, source: `${HETU_CHAIN_IDS}: TestingChainID`, date: '2025-12-10' },
    rpcUrl: {
      value: 'http://127.0.0.1:8545',
      source: 'hetu-chain JSON-RPC default address; `hetu localnet` default port',
      date: '2025-12-10',
    },
    blockTimeMs: {
      value: 1_000,
      source: 'this package: `hetu localnet` default --block-time 1',
      date: '2026-11-25',
    },
  },
  {
    name: 'testnet',
    description: 'The public test chain "Hetu testnetv1" (rpc.testchainv1.hetuscan.com, chain id 560000).',
    local: false,
    chainId: {
      value: 560000,
      source:
        'hetu-docs wallet setup "Hetu - testnetv1.0.1"; hetu-subnet-contract hardhat network customchain',
      date: '2025-08-15',
    },
    rpcUrl: {
      value: 'https://rpc.testchainv1.hetuscan.com',
      source: 'hetu-docs wallet setup',
      date: '2025-08-15',
    },
    explorerUrl: {
      value: 'http://testchainv1.hetuscan.com',
      source: 'hetu-docs wallet setup',
      date: '2025-08-15',
    },
    faucetUrl: {
      value: 'https://faucet.testchainv1.hetuscan.com',
      source: 'hetu-docs wallet setup',
      date: '2025-08-15',
    },
    blockTimeMs: DOCS_BLOCK_TIME,
    addressSet: 'testchainv1',
  },
  {
    name: 'mainnet',
    description: 'Hetu mainnet (chain id 560000); no public RPC or contract addresses are published yet.',
    local: false,
    chainId: { value: 560000, source: `${HETU_CHAIN_IDS}: MainnetChainID`, date: '2025-12-09' },
    blockTimeMs: DOCS_BLOCK_TIME,
  },
  {
    name: 'testnet-560001',
    description: 'A testnet node with hetu-chain’s TestnetChainID 560001; pass rpcUrl and contracts.',
    local: false,
    chainId: { value: 560001, source: `${HETU_CHAIN_IDS}: TestnetChainID`, date: '2025-12-10' },
    blockTimeMs: DOCS_BLOCK_TIME,
  },
  {
    name: 'custom',
    description: 'A custom Hetu network (chain id 565000); pass rpcUrl and contracts.',
    local: false,
    chainId: { value: 565000, source: 'hetu-chain EVM keeper: custom chain id allowed', date: '2025-10-25' },
    blockTimeMs: DOCS_BLOCK_TIME,
  },
  {
    name: 'hetucli-dev',
    description:
      'The dev node hetucli hb_dev defaults to, with hetucli’s addresses (not documented as public).',
    local: false,
    chainId: UNPUBLISHED_CHAIN_ID,
    rpcUrl: DEV_NODE,
    blockTimeMs: DOCS_BLOCK_TIME,
    addressSet: 'hetucli-hb-dev',
  },
  {
    name: 'pysdk-dev',
    description: 'The dev node hetu-pysdk hb_dev defaults to, with its addresses (not documented as public).',
    local: false,
    chainId: UNPUBLISHED_CHAIN_ID,
    rpcUrl: DEV_NODE,
    blockTimeMs: DOCS_BLOCK_TIME,
    addressSet: 'pysdk-hb-dev',
  },
] as const satisfies readonly NetworkPresetData[]
