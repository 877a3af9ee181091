import {
  type Address,
  encodeDeployData,
  encodeFunctionData,
  getContractAddress,
  type Hex,
  numberToHex,
  parseEther,
} from 'viem'
import { loadArtifact } from './artifacts.js'
import { type RpcRequest, rpc, rpcBatch } from './rpc.js'
import { type LocalnetRules, resolveLocalnetRules } from './rules.js'

/** EVM address of the chain's `blockinflation` module account (first 20 bytes of sha256("blockinflation")). */
export const SYSTEM_ADDRESS: Address = '0x7f7896959283F97F6F197B08CdafaA73df4b7dF1'
/** Canonical Multicall3 address; viem's chain definitions and most tools expect it there. */
export const MULTICALL3_ADDRESS: Address = '0xcA11bde05977b3631167028862bE2a173976CA11'
/** Where SubnetManager sends the burned part of a lock. */
export const DEAD_ADDRESS: Address = '0x000000000000000000000000000000000000dEaD'
/** Registration fees land here on the localnet (no key exists for it). */
export const LOCAL_TREASURY: Address = '0x000000000000000000000000000000000000Fee5'

/** Addresses of the deployed Hetu contracts (the keys match the public names). */
export interface HetuContracts {
  WHETU: Address
  GlobalStaking: Address
  SubnetManager: Address
  SubnetAMMFactory: Address
  NeuronManager: Address
  Weights: Address
  Multicall3: Address
}

export interface DeployOptions {
  rpcUrl: string
  /** An account anvil has unlocked (a dev account); it becomes the owner of every contract. */
  deployer: Address
  /** The public chain's behaviour, quirks included (`'public'`, default) or our fixes (`'fixed'`). */
  rules?: LocalnetRules
  treasury?: Address
  systemAddress?: Address
  /** Network-wide blocks between subnet registrations (the public chain's 1000; the localnet uses 1). */
  networkRateLimit?: bigint
  /** Accounts to fund with WHETU (each wraps `whetuPerAccount` of its own native balance). */
  fund?: readonly Address[]
  whetuPerAccount?: bigint
}

export interface DeployResult {
  contracts: HetuContracts
  rules: LocalnetRules
  systemAddress: Address
  treasury: Address
  /** Block at which the last deployment transaction was mined. */
  deployBlock: bigint
}

type Step = {
  label: string
  tx: { from: Address; to?: Address; data: Hex; value?: Hex; gas: Hex; nonce?: Hex }
}
type Receipt = { status: Hex; blockNumber: Hex; contractAddress: Address | null }

const DEPLOY_GAS = numberToHex(15_000_000n)
const CALL_GAS = numberToHex(1_000_000n)

/**
 * Deploys and wires the Hetu contracts the way the real chain is set up
 * (docs/contracts.md#deployment-and-wiring), with the public contracts' quirks or our fixes of them
 * (`rules`), in one JSON-RPC batch: addresses are known in advance from the deployer's nonce, so no step
 * waits for another.
 */
export async function deployHetuContracts(options: DeployOptions): Promise<DeployResult> {
  const { rpcUrl, deployer } = options
  const rules = resolveLocalnetRules(options.rules)
  const publicRules = rules === 'public'
  const systemAddress = options.systemAddress ?? SYSTEM_ADDRESS
  const treasury = options.treasury ?? LOCAL_TREASURY
  // Explicit nonces: anvil may handle a batch's requests out of order, and a gap must not reorder steps.
  const senders = [...new Set([deployer, ...(options.fund ?? [])])]
  const [automine, ...counts] = await rpcBatch(rpcUrl, [
    { method: 'anvil_getAutomine' },
    ...senders.map((a) => ({ method: 'eth_getTransactionCount', params: [a, 'pending'] })),
  ])
  const next = new Map(senders.map((a, i) => [a, BigInt(counts[i] as Hex)]))
  const nonce = next.get(deployer)!
  const at = (offset: number) => getContractAddress({ from: deployer, nonce: nonce + BigInt(offset) })

  const contracts: HetuContracts = {
    WHETU: at(0),
    SubnetAMMFactory: at(1),
    SubnetManager: at(2),
    GlobalStaking: at(4),
    NeuronManager: at(5),
    Weights: at(8),
    Multicall3: MULTICALL3_ADDRESS,
  }
  const deploy = (name: string, args: unknown[] = []): Step => {
    const { abi, bytecode } = loadArtifact(name)
    return {
      label: `deploy ${name}`,
      tx: { from: deployer, data: encodeDeployData({ abi, bytecode, args }), gas: DEPLOY_GAS },
    }
  }
  const call = (name: keyof HetuContracts, functionName: string, args: unknown[]): Step => ({
    label: `${name}.${functionName}`,
    tx: {
      from: deployer,
      to: contracts[name],
      data: encodeFunctionData({ abi: loadArtifact(name).abi, functionName, args }),
      gas: CALL_GAS,
    },
  })

  // The order fixes the nonces used by `at()` above.
  const steps: Step[] = [
    deploy('WHETU'),
    // The SubnetManager, its AlphaTokens and pools take the factory's rule set.
    deploy('SubnetAMMFactory', [systemAddress, publicRules]),
    deploy('SubnetManager', [contracts.WHETU, contracts.SubnetAMMFactory]),
    call('SubnetAMMFactory', 'setSubnetManager', [contracts.SubnetManager]),
    deploy('GlobalStaking', [contracts.WHETU, treasury, deployer, publicRules]),
    deploy('NeuronManager', [contracts.SubnetManager, contracts.GlobalStaking, deployer, publicRules]),
    call('GlobalStaking', 'setAuthorizedCaller', [contracts.NeuronManager, true]),
    call('GlobalStaking', 'setNeuronManager', [contracts.NeuronManager]),
    deploy('Weights', [contracts.NeuronManager]),
  ]
  if (options.networkRateLimit !== undefined) {
    steps.push(
      call('SubnetManager', 'updateNetworkParams', [parseEther('100'), options.networkRateLimit, 14_400n]),
    )
  }
  const whetuPerAccount = options.whetuPerAccount ?? parseEther('100000')
  const depositData = encodeFunctionData({ abi: loadArtifact('WHETU').abi, functionName: 'deposit' })
  for (const account of options.fund ?? []) {
    steps.push({
      label: `fund ${account}`,
      tx: {
        from: account,
        to: contracts.WHETU,
        data: depositData,
        value: numberToHex(whetuPerAccount),
        gas: CALL_GAS,
      },
    })
  }

  const setup: RpcRequest[] = [
    { method: 'anvil_setCode', params: [MULTICALL3_ADDRESS, loadArtifact('Multicall3').deployedBytecode] },
    { method: 'anvil_impersonateAccount', params: [systemAddress] },
    { method: 'anvil_setBalance', params: [systemAddress, numberToHex(parseEther('1000000000'))] },
  ]
  for (const step of steps) {
    const n = next.get(step.tx.from)!
    step.tx.nonce = numberToHex(n)
    next.set(step.tx.from, n + 1n)
  }
  const sends: RpcRequest[] = steps.map((s) => ({ method: 'eth_sendTransaction', params: [s.tx] }))
  // The deploy mines its blocks itself (receiptsOf): were anvil's automine on too, both would take the
  // same pooled transactions and the loser would mine empty blocks after the deploy returned.
  if (automine === true) await rpc(rpcUrl, 'evm_setAutomine', [false])
  let receipts: (Receipt | null)[]
  try {
    const results = await rpcBatch(rpcUrl, [...setup, ...sends])
    receipts = await receiptsOf(rpcUrl, results.slice(setup.length) as Hex[])
  } finally {
    if (automine === true) await rpc(rpcUrl, 'evm_setAutomine', [true])
  }
  let deployBlock = 0n
  receipts.forEach((receipt, i) => {
    const step = steps[i]!
    if (receipt?.status !== '0x1') {
      throw new Error(`localnet deploy failed at "${step.label}" (${receipt ? 'reverted' : 'not mined'})`)
    }
    if (receipt.contractAddress && step.tx.from === deployer) {
      const expected = Object.values(contracts).find(
        (a) => a.toLowerCase() === receipt.contractAddress?.toLowerCase(),
      )
      if (!expected) throw new Error(`localnet deploy: "${step.label}" landed at an unexpected address`)
    }
    deployBlock = BigInt(receipt.blockNumber)
  })
  return { contracts, rules, systemAddress, treasury, deployBlock }
}

/**
 * Mines blocks until every transaction has its receipt (a block takes what fits under its gas limit),
 * then returns the receipts in order; null for one still missing after many blocks.
 */
async function receiptsOf(rpcUrl: string, hashes: Hex[]): Promise<(Receipt | null)[]> {
  let receipts: (Receipt | null)[] = []
  for (let attempt = 0; attempt <= hashes.length; attempt++) {
    await rpc(rpcUrl, 'evm_mine')
    receipts = (await rpcBatch(
      rpcUrl,
      hashes.map((h) => ({ method: 'eth_getTransactionReceipt', params: [h] })),
    )) as (Receipt | null)[]
    if (receipts.every((r) => r !== null)) break
  }
  return receipts
}
