// Test environment for the staking contracts (WHETU, GlobalStaking, NeuronManager, Weights) on a real
// anvil. Transactions are signed locally and sent with eth_sendRawTransactionSync, so each write returns
// its receipt in one round trip; reverts surface from gas estimation with their reason.
//
// Until the real SubnetManager lands on main, subnets come from contracts/test/SubnetManagerStub.sol,
// which serves the three views NeuronManager reads. Tests only go through `addSubnet`/`setSubnetLimits`.
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
  parseEther,
  type TransactionReceipt,
  type WalletClient,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { GlobalStakingAbi, NeuronManagerAbi, WeightsAbi, WHETUAbi } from '../../src/chain/abi/index.js'
import { type AnvilProcess, startAnvil } from '../../src/localnet/anvil.js'
import { loadArtifact } from '../../src/localnet/artifacts.js'
import { DEAD_ADDRESS, LOCAL_TREASURY } from '../../src/localnet/deploy.js'

export const TestCallerAbi = parseAbi([
  'function execute(address target, bytes data) payable returns (bytes)',
  'function setRejectNative(bool reject)',
])

export const SubnetManagerStubAbi = parseAbi([
  'function addSubnet(uint16 netuid, bool active)',
  'function setActive(uint16 netuid, bool active)',
  'function setLimits(uint16 netuid, uint16 maxUids, uint16 maxValidators, uint256 cost, uint256 validatorThreshold, uint256 neuronThreshold)',
])

export interface StakingContracts {
  WHETU: Address
  GlobalStaking: Address
  NeuronManager: Address
  Weights: Address
  SubnetManager: Address
}

export interface SubnetLimits {
  maxAllowedUids: number
  maxAllowedValidators: number
  baseNeuronCost: bigint
  validatorThreshold: bigint
  neuronThreshold: bigint
}

/** Spec defaults (section 1.1). */
export const DEFAULT_LIMITS: SubnetLimits = {
  maxAllowedUids: 4096,
  maxAllowedValidators: 128,
  baseNeuronCost: parseEther('1'),
  validatorThreshold: parseEther('500'),
  neuronThreshold: parseEther('200'),
}

export interface StakingEnv extends AsyncDisposable {
  rpcUrl: string
  chain: Chain
  client: PublicClient
  /** Dev accounts; [0] deployed everything and owns GlobalStaking and NeuronManager. */
  accounts: LocalAccount[]
  contracts: StakingContracts
  treasury: Address
  wallet(account: Account): WalletClient
  /** Deploys a compiled artifact (by contract name) from `from`; returns its address. */
  deploy(name: string, args?: unknown[], from?: LocalAccount): Promise<Address>
  /** Creates (and by default activates) subnet `netuid` with the spec's default limits. */
  addSubnet(netuid: number, options?: { active?: boolean }): Promise<void>
  activateSubnet(netuid: number): Promise<void>
  setSubnetLimits(netuid: number, limits: Partial<SubnetLimits>): Promise<void>
  snapshot(): Promise<Hex>
  revert(id: Hex): Promise<void>
  stop(): Promise<void>
}

// main's LOCAL_TREASURY constant is spelled with a wrong checksum, which viem refuses; normalise it.
const TREASURY = getAddress(LOCAL_TREASURY.toLowerCase())

/** Starts anvil and deploys + wires the staking contracts as CONTRACTS.md describes. */
export async function startStakingEnv(): Promise<StakingEnv> {
  const anvil: AnvilProcess = await startAnvil({ chainId: 560002, accounts: 10 })
  try {
    const chain = defineChain({
      id: 560002,
      name: 'Hetu localnet',
      nativeCurrency: { name: 'HETU', symbol: 'HETU', decimals: 18 },
      rpcUrls: { default: { http: [anvil.rpcUrl] } },
    })
    const transport = http(anvil.rpcUrl, { batch: false, retryCount: 0 })
    const client = createPublicClient({ chain, transport }) as PublicClient
    const accounts = anvil.accounts.map((a) => privateKeyToAccount(a.privateKey))
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
    const ownerWrite = (address: Address, abi: Abi, functionName: string, args: unknown[]) =>
      wallet(owner).writeContractSync({ account: owner, chain, address, abi, functionName, args } as never)

    const whetu = await deploy('WHETU')
    const subnetManager = await deploy('SubnetManagerStub')
    const globalStaking = await deploy('GlobalStaking', [whetu, TREASURY, owner.address])
    const neuronManager = await deploy('NeuronManager', [subnetManager, globalStaking, owner.address])
    await ownerWrite(globalStaking, GlobalStakingAbi, 'setAuthorizedCaller', [neuronManager, true])
    await ownerWrite(globalStaking, GlobalStakingAbi, 'setNeuronManager', [neuronManager])
    const weights = await deploy('Weights', [neuronManager])
    const contracts: StakingContracts = {
      WHETU: whetu,
      GlobalStaking: globalStaking,
      NeuronManager: neuronManager,
      Weights: weights,
      SubnetManager: subnetManager,
    }

    const limits = new Map<number, SubnetLimits>()
    const stop = () => anvil.stop()
    return {
      rpcUrl: anvil.rpcUrl,
      chain,
      client,
      accounts,
      contracts,
      treasury: TREASURY,
      wallet,
      deploy,
      async addSubnet(netuid, options = {}) {
        await ownerWrite(subnetManager, SubnetManagerStubAbi, 'addSubnet', [netuid, options.active ?? true])
        limits.set(netuid, { ...DEFAULT_LIMITS })
      },
      async activateSubnet(netuid) {
        await ownerWrite(subnetManager, SubnetManagerStubAbi, 'setActive', [netuid, true])
      },
      async setSubnetLimits(netuid, partial) {
        const next = { ...(limits.get(netuid) ?? DEFAULT_LIMITS), ...partial }
        limits.set(netuid, next)
        await ownerWrite(subnetManager, SubnetManagerStubAbi, 'setLimits', [
          netuid,
          next.maxAllowedUids,
          next.maxAllowedValidators,
          next.baseNeuronCost,
          next.validatorThreshold,
          next.neuronThreshold,
        ])
      },
      snapshot: () => client.request({ method: 'evm_snapshot' } as never) as Promise<Hex>,
      async revert(id) {
        const ok = await client.request({ method: 'evm_revert', params: [id] } as never)
        if (ok !== true) throw new Error(`evm_revert ${id} failed`)
      },
      stop,
      [Symbol.asyncDispose]: stop,
    }
  } catch (err) {
    await anvil.stop()
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
    env.wallet(account).writeContractSync({
      account,
      chain,
      address,
      abi,
      functionName,
      args,
      value,
    } as never) as Promise<TransactionReceipt>
  return {
    write,
    deposit: (who: LocalAccount, amount: bigint) => write(who, c.WHETU, WHETUAbi, 'deposit', [], amount),
    approve: (who: LocalAccount, spender: Address, amount: bigint) =>
      write(who, c.WHETU, WHETUAbi, 'approve', [spender, amount]),
    addStake: (who: LocalAccount, amount: bigint) =>
      write(who, c.GlobalStaking, GlobalStakingAbi, 'addGlobalStake', [amount]),
    /** Wrap, approve and stake in three transactions (spec 6.1 steps 1-2). */
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
