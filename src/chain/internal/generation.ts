import type { Address, Hex } from 'viem'
import { getCode } from 'viem/actions'
import type { HetuBaseClient } from '../client/types.js'
import { toHetuError } from '../errors/decode.js'
import { UnsupportedByContractsError } from '../errors/generation.js'
import { ADD_SUBNET_MINTER_SELECTOR, type ContractGeneration } from '../networks/data.js'
import { contractAddress, errorContext } from './context.js'

/**
 * What the configured contracts can do, found from SubnetManager's runtime code. Its generation (see
 * {@link ContractGeneration}): `current` (hetu-subnet-contract d66a90b and later, the chain's ABI set)
 * has `addSubnetMinter` and AlphaTokens with `authorized_minters`; `legacy` (c4a14b7, the addresses in
 * hetu-chain's contracts-*.json) has neither: its AlphaToken has one fixed minter, so the chain can
 * never mint its Alpha.
 */
export interface ContractFeatures {
  generation: Exclude<ContractGeneration, 'unknown'>
  /** SubnetManager.addSubnetMinter / removeSubnetMinter, AlphaToken.authorized_minters. */
  subnetMinters: boolean
}

/** Per client: one eth_getCode, the first time an action asks. */
const cache = new WeakMap<HetuBaseClient, Promise<ContractFeatures>>()

export function contractFeatures(client: HetuBaseClient): Promise<ContractFeatures> {
  let features = cache.get(client)
  if (!features) {
    const address = contractAddress(client, 'SubnetManager')
    features = getCode(client, { address })
      .then((code) => featuresOf(code))
      .catch((err) => {
        cache.delete(client) // an RPC hiccup must not pin a wrong answer
        throw toHetuError(err, errorContext(client, 'contractFeatures'))
      })
    cache.set(client, features)
  }
  return features
}

/** Features read from SubnetManager's runtime code (exported for `hetu network add`). */
export function featuresOf(code: Hex | undefined): ContractFeatures {
  const subnetMinters = hasFunction(code, ADD_SUBNET_MINTER_SELECTOR)
  return { generation: subnetMinters ? 'current' : 'legacy', subnetMinters }
}

/**
 * Whether runtime code dispatches `selector`: solc compares the calldata's selector with a PUSH4 of
 * each function's selector (PUSH3 when its first byte is zero). A false positive needs those 5 bytes to
 * occur by chance elsewhere in the code (~1 in 10^7 for a 24 KB contract).
 */
export function hasFunction(code: Hex | undefined, selector: Hex): boolean {
  if (!code || code === '0x') return false
  const hex = code.toLowerCase()
  const sel = selector.slice(2).toLowerCase()
  const needles = [`63${sel}`, ...(sel.startsWith('00') ? [`62${sel.slice(2)}`] : [])]
  return needles.some((needle) => {
    for (let i = hex.indexOf(needle, 2); i !== -1; i = hex.indexOf(needle, i + 1))
      if (i % 2 === 0) return true
    return false
  })
}

/** Throws {@link UnsupportedByContractsError} unless the SubnetManager has the subnet-minter functions. */
export async function requireSubnetMinters(
  client: HetuBaseClient,
  action: string,
  functionName: 'addSubnetMinter' | 'removeSubnetMinter',
): Promise<void> {
  if ((await contractFeatures(client)).subnetMinters) return
  throw new UnsupportedByContractsError({
    action,
    functionName,
    contract: 'SubnetManager',
    address: contractAddress(client, 'SubnetManager') as Address,
    why: 'These contracts (the legacy generation, hetu-subnet-contract c4a14b7, the addresses in hetu-chain contracts-*.json) predate subnet minters: each AlphaToken has one fixed minter, so no other account, the chain included, can ever mint its Alpha.',
  })
}
