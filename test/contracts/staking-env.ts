// Test environment for the staking contracts (WHETU, GlobalStaking, NeuronManager, Weights) on a real
// localnet: `startLocalnet` deploys and wires every Hetu contract as `hetu localnet` does, and subnets are
// registered through the real SubnetManager. Transactions are signed locally and sent with
// eth_sendRawTransactionSync, so each write returns its receipt in one round trip; reverts surface from
// gas estimation with their reason.
import {
  type Abi,
  type Account,
  type Address,
  BaseError,
  type Chain,
  ContractFunctionRevertedError,
  createPublicClient,
  createWalletClient,
  decodeErrorResult,
  defineChain,
  encodeDeployData,
  getAddress,
  type Hex,
  http,
  type LocalAccount,
  type PublicClient,
  parseAbi,
  parseEventLogs,
  type TransactionReceipt,
  type WalletClient,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import {
  GlobalStakingAbi,
  NeuronManagerAbi,
  SubnetManagerAbi,
  WeightsAbi,
  WHETUAbi,
} from '../../src/chain/abi/index.js'
import { loadArtifact } from '../../src/localnet/artifacts.js'
import { DEAD_ADDRESS, type HetuContracts } from '../../src/localnet/deploy.js'
import { type Localnet, startLocalnet } from '../../src/localnet/localnet.js'
import type { LocalnetRules } from '../../src/localnet/rules.js'
import { gasWithHeadroom } from './gas.js'

export const TestCallerAbi = parseAbi([
  'function execute(address target, bytes data) payable returns (bytes)',
  'function setRejectNative(bool reject)',
])

export type StakingContracts = HetuContracts

/**
 * The hyperparameters NeuronManager enforces (docs/contracts.md#hyperparameters, fields 6, 7, 10, 19, 20).
 */
export interface SubnetLimits {
  maxAllowedUids: number
  maxAllowedValidators: number
  baseNeuronCost: bigint
  validatorThreshold: bigint
  neuronThreshold: bigint
}

export interface StakingEnv extends AsyncDisposable {
  rpcUrl: string
  chain: Chain
  client: PublicClient
  /** Dev accounts (each funded with WHETU by the localnet); [0] deployed and owns every contract. */
  accounts: LocalAccount[]
  contracts: StakingContracts
  treasury: Address
  /** WHETU holders outside the dev accounts: contracts, pools, treasury and 0x…dEaD. */
  holders(): Promise<Address[]>
  wallet(account: Account): WalletClient
  /** Deploys a compiled artifact (by contract name) from `from`; returns its address. */
  deploy(name: string, args?: unknown[], from?: LocalAccount): Promise<Address>
  /**
   * Registers the next subnet from accounts[0] (and by default activates it); `netuid` is the id the
   * test expects it to get (subnets are numbered in registration order).
   */
  addSubnet(netuid: number, options?: { active?: boolean }): Promise<void>
  activateSubnet(netuid: number): Promise<void>
  setSubnetLimits(netuid: number, limits: Partial<SubnetLimits>): Promise<void>
  snapshot(): Promise<Hex>
  revert(id: Hex): Promise<void>
  stop(): Promise<void>
}

/**
 * Starts a localnet (all contracts deployed and wired) and returns helpers bound to it; `rules` is the
 * localnet's rule set (its default, `public`, when omitted).
 */
export async function startStakingEnv(options: { rules?: LocalnetRules } = {}): Promise<StakingEnv> {
  const net: Localnet = await startLocalnet(options)
  try {
    const chain = defineChain({
      id: net.chainId,
      name: 'Hetu localnet',
      nativeCurrency: { name: 'HETU', symbol: 'HETU', decimals: 18 },
      rpcUrls: { default: { http: [net.rpcUrl] } },
    })
    const transport = http(net.rpcUrl, { batch: false, retryCount: 0 })
    const client = createPublicClient({ chain, transport }) as PublicClient
    const accounts = net.accounts.map((a) => privateKeyToAccount(a.privateKey))
    const wallets = new Map<Address, WalletClient>()
    const wallet = (account: Account) => {
      let w = wallets.get(account.address)
      if (!w) {
        w = createWalletClient({ account, chain, transport })
        wallets.set(account.address, w)
      }
      return w
    }
    const owner = accounts[0]!
    const deploy = async (name: string, args: unknown[] = [], from: LocalAccount = owner) => {
      const { abi, bytecode } = loadArtifact(name)
      const receipt = await wallet(from).sendTransactionSync({
        account: from,
        chain,
        data: encodeDeployData({ abi, bytecode, args }),
      })
      if (receipt.status !== 'success' || !receipt.contractAddress) throw new Error(`deploy ${name} failed`)
      return getAddress(receipt.contractAddress)
    }
    const sm = net.contracts.SubnetManager
    const ownerWrite = (address: Address, abi: Abi, functionName: string, args: unknown[]) =>
      wallet(owner).writeContractSync({
        account: owner,
        chain,
        address,
        abi,
        functionName,
        args,
        throwOnReceiptRevert: true,
      } as never)
    const rpc = (method: string, params: unknown[] = []) =>
      client.request({ method, params } as never) as Promise<unknown>
    const pools: Address[] = []

    const stop = () => net.stop()
    return {
      rpcUrl: net.rpcUrl,
      chain,
      client,
      accounts,
      contracts: net.contracts,
      treasury: getAddress(net.treasury),
      async holders() {
        const c = net.contracts
        return [
          c.WHETU,
          c.GlobalStaking,
          c.NeuronManager,
          c.Weights,
          sm,
          c.SubnetAMMFactory,
          ...pools,
        ].concat([getAddress(net.treasury), DEAD_ADDRESS])
      },
      wallet,
      deploy,
      async addSubnet(netuid, options = {}) {
        // The localnet's rate limit is 1 block: make sure one has passed since the last registration.
        await rpc('anvil_mine', ['0x2'])
        const cost = await client.readContract({
          address: sm,
          abi: SubnetManagerAbi,
          functionName: 'getNetworkLockCost',
        })
        await ownerWrite(net.contracts.WHETU, WHETUAbi, 'approve', [sm, cost])
        const receipt = await ownerWrite(sm, SubnetManagerAbi, 'registerNetwork', [
          `subnet ${netuid}`,
          'staking tests',
          `Alpha ${netuid}`,
          `A${netuid}`,
        ])
        const [registered] = parseEventLogs({
          abi: SubnetManagerAbi,
          logs: receipt.logs,
          eventName: 'NetworkRegistered',
        })
        if (registered?.args.netuid !== netuid) {
          throw new Error(`expected subnet ${netuid}, the SubnetManager assigned ${registered?.args.netuid}`)
        }
        pools.push(getAddress(registered.args.ammPool))
        if (options.active ?? true) await ownerWrite(sm, SubnetManagerAbi, 'activateSubnet', [netuid])
      },
      async activateSubnet(netuid) {
        await ownerWrite(sm, SubnetManagerAbi, 'activateSubnet', [netuid])
      },
      async setSubnetLimits(netuid, limits) {
        const params = await client.readContract({
          address: sm,
          abi: SubnetManagerAbi,
          functionName: 'getSubnetParams',
          args: [netuid],
        })
        const next = {
          ...params,
          ...(limits.maxAllowedUids !== undefined && { maxAllowedUids: limits.maxAllowedUids }),
          ...(limits.maxAllowedValidators !== undefined && {
            maxAllowedValidators: limits.maxAllowedValidators,
          }),
          ...(limits.baseNeuronCost !== undefined && { baseNeuronCost: limits.baseNeuronCost }),
          ...(limits.validatorThreshold !== undefined && { validatorThreshold: limits.validatorThreshold }),
          ...(limits.neuronThreshold !== undefined && { neuronThreshold: limits.neuronThreshold }),
        }
        // Validation wants maxValidators <= maxAllowedValidators.
        next.maxValidators = Math.min(next.maxValidators, next.maxAllowedValidators)
        await ownerWrite(sm, SubnetManagerAbi, 'updateSubnetHyperparams', [netuid, next])
      },
      snapshot: () => rpc('evm_snapshot') as Promise<Hex>,
      async revert(id) {
        if ((await rpc('evm_revert', [id])) !== true) throw new Error(`evm_revert ${id} failed`)
      },
      stop,
      [Symbol.asyncDispose]: stop,
    }
  } catch (err) {
    await net.stop()
    throw err
  }
}

/** Typed write helpers bound to one environment (each returns the receipt; reverts throw). */
export function actions(env: StakingEnv) {
  const { chain, contracts: c } = env
  const write = (
    account: LocalAccount,
    address: Address,
    abi: Abi,
    functionName: string,
    args: unknown[],
    value?: bigint,
  ) =>
    gasWithHeadroom(env.client, { account, address, abi, functionName, args, value }).then(
      (gas) =>
        env.wallet(account).writeContractSync({
          account,
          chain,
          address,
          abi,
          functionName,
          args,
          value,
          gas,
          throwOnReceiptRevert: true,
        } as never) as Promise<TransactionReceipt>,
    )
  return {
    write,
    deposit: (who: LocalAccount, amount: bigint) => write(who, c.WHETU, WHETUAbi, 'deposit', [], amount),
    approve: (who: LocalAccount, spender: Address, amount: bigint) =>
      write(who, c.WHETU, WHETUAbi, 'approve', [spender, amount]),
    addStake: (who: LocalAccount, amount: bigint) =>
      write(who, c.GlobalStaking, GlobalStakingAbi, 'addGlobalStake', [amount]),
    /** Wrap, approve and stake in three transactions (docs/contracts.md#join-a-subnet, steps 1-2). */
    async stake(who: LocalAccount, amount: bigint) {
      await write(who, c.WHETU, WHETUAbi, 'deposit', [], amount)
      await write(who, c.WHETU, WHETUAbi, 'approve', [c.GlobalStaking, amount])
      return write(who, c.GlobalStaking, GlobalStakingAbi, 'addGlobalStake', [amount])
    },
    removeStake: (who: LocalAccount, amount: bigint) =>
      write(who, c.GlobalStaking, GlobalStakingAbi, 'removeGlobalStake', [amount]),
    allocate: (who: LocalAccount, netuid: number, amount: bigint) =>
      write(who, c.GlobalStaking, GlobalStakingAbi, 'allocateToSubnet', [netuid, amount]),
    deallocate: (who: LocalAccount, netuid: number, amount: bigint) =>
      write(who, c.GlobalStaking, GlobalStakingAbi, 'deallocateFromSubnet', [netuid, amount]),
    register: (
      who: LocalAccount,
      netuid: number,
      stake: bigint,
      validator: boolean,
      service: { axon?: string; axonPort?: number; prom?: string; promPort?: number } = {},
    ) =>
      write(who, c.NeuronManager, NeuronManagerAbi, 'registerNeuronWithStakeAllocation', [
        netuid,
        stake,
        validator,
        service.axon ?? 'http://127.0.0.1',
        service.axonPort ?? 8091,
        service.prom ?? '',
        service.promPort ?? 0,
      ]),
    deregister: (who: LocalAccount, netuid: number) =>
      write(who, c.NeuronManager, NeuronManagerAbi, 'deregisterNeuron', [netuid]),
    setWeights: (who: LocalAccount, netuid: number, entries: readonly { dest: Address; weight: bigint }[]) =>
      write(who, c.Weights, WeightsAbi, 'setWeights', [netuid, entries]),
    stakeInfo: (user: Address) =>
      env.client.readContract({
        address: c.GlobalStaking,
        abi: GlobalStakingAbi,
        functionName: 'getStakeInfo',
        args: [user],
      }),
    available: (user: Address) =>
      env.client.readContract({
        address: c.GlobalStaking,
        abi: GlobalStakingAbi,
        functionName: 'getAvailableStake',
        args: [user],
      }),
    allocation: (user: Address, netuid: number) =>
      env.client.readContract({
        address: c.GlobalStaking,
        abi: GlobalStakingAbi,
        functionName: 'getSubnetAllocation',
        args: [user, netuid],
      }),
    neuron: (netuid: number, user: Address) =>
      env.client.readContract({
        address: c.NeuronManager,
        abi: NeuronManagerAbi,
        functionName: 'getNeuronInfo',
        args: [netuid, user],
      }),
    whetuBalance: (user: Address) =>
      env.client.readContract({ address: c.WHETU, abi: WHETUAbi, functionName: 'balanceOf', args: [user] }),
  }
}

const KNOWN_ERRORS = [WHETUAbi, GlobalStakingAbi, NeuronManagerAbi, WeightsAbi]
  .flat()
  .filter((item) => item.type === 'error')

/** Decodes revert data into the require string or the custom error's name. */
export function decodeRevert(data: Hex): string {
  const decoded = decodeErrorResult({ abi: KNOWN_ERRORS as Abi, data })
  return decoded.errorName === 'Error' ? String(decoded.args?.[0]) : decoded.errorName
}

/**
 * Awaits a write or call that must revert and returns its reason: the require string, or the custom
 * error's name (e.g. `OwnableUnauthorizedAccount`). Fails if it succeeds or fails for another cause.
 */
export async function revertOf(action: Promise<unknown>): Promise<string> {
  try {
    await action
  } catch (err) {
    if (err instanceof BaseError) {
      const reverted = err.walk((e) => e instanceof ContractFunctionRevertedError)
      if (reverted instanceof ContractFunctionRevertedError) {
        const reason = reverted.reason ?? reverted.data?.errorName
        if (reason) return reason
      }
      // Errors of another contract (e.g. WHETU's behind GlobalStaking), deployments and raw calls.
      const raw = err.walk((e) => typeof (e as { data?: unknown }).data === 'string') as { data?: Hex } | null
      if (raw?.data && raw.data.length >= 10) return decodeRevert(raw.data)
    }
    throw err
  }
  throw new Error('expected a revert, but it succeeded')
}

export { DEAD_ADDRESS }
