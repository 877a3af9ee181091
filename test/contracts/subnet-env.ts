// Test environment for the subnet contracts (SubnetManager, AlphaToken, SubnetAMMFactory, SubnetAMM) on a
// real localnet: `startLocalnet` deploys and wires everything as `hetu localnet` does. Writes are sent
// with viem's *Sync actions (one round trip, receipt back); a revert surfaces from gas estimation with
// its decoded reason, which `revertOf` extracts.
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
  decodeEventLog,
  defineChain,
  encodeDeployData,
  getAddress,
  type Hex,
  http,
  type LocalAccount,
  type PublicClient,
  type TransactionReceipt,
  type WalletClient,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { SubnetManagerAbi, WHETUAbi } from '../../src/chain/abi/index.js'
import { loadArtifact } from '../../src/localnet/artifacts.js'
import { type Localnet, startLocalnet } from '../../src/localnet/localnet.js'
import type { LocalnetRules } from '../../src/localnet/rules.js'
import { gasWithHeadroom } from './gas.js'

export interface RegisteredSubnet {
  netuid: number
  alphaToken: Address
  ammPool: Address
  receipt: TransactionReceipt
}

export interface SubnetEnv extends AsyncDisposable {
  net: Localnet
  chain: Chain
  client: PublicClient
  /** Dev accounts; [0] deployed everything and owns the SubnetManager. */
  accounts: LocalAccount[]
  /** The chain's emission module address, impersonated by the localnet (no key). */
  system: Account
  /** Sends a contract call from `from` and returns its receipt (throws with the revert reason). */
  write(
    from: Account,
    call: { address: Address; abi: Abi; functionName: string; args?: unknown[] },
  ): Promise<TransactionReceipt>
  /** Deploys a compiled artifact from `from` (default accounts[0]). */
  deploy(name: string, args?: unknown[], from?: Account): Promise<Address>
  /** The revert reason of deploying `name` with `args` (throws if the deployment would succeed). */
  deployRevertOf(name: string, args: unknown[]): Promise<string>
  /** Approves the current lock cost and registers a subnet with default hyperparameters. */
  registerSubnet(from: Account, names?: Partial<SubnetNames>): Promise<RegisteredSubnet>
  /** Mines `blocks` empty blocks. */
  mine(blocks: number | bigint): Promise<void>
  blockNumber(): Promise<bigint>
  /** Wraps `amount` native HETU of `from` into WHETU. */
  wrap(from: Account, amount: bigint): Promise<void>
  approve(from: Account, token: Address, spender: Address, amount: bigint): Promise<void>
  snapshot(): Promise<Hex>
  revert(id: Hex): Promise<void>
  stop(): Promise<void>
}

export interface SubnetNames {
  name: string
  description: string
  tokenName: string
  tokenSymbol: string
}

/**
 * The revert reason (require string), custom error name, or `Panic(0x11)`-style panic code of a call
 * that must fail; throws if it succeeds or fails for another cause.
 */
export async function revertOf(action: Promise<unknown>): Promise<string> {
  try {
    await action
  } catch (err) {
    const revert =
      err instanceof BaseError ? err.walk((e) => e instanceof ContractFunctionRevertedError) : null
    if (revert instanceof ContractFunctionRevertedError) {
      const name = revert.data?.errorName
      if (name === 'Panic') return `Panic(0x${BigInt(revert.data?.args?.[0] as bigint).toString(16)})`
      return name && name !== 'Error' ? name : (revert.reason ?? revert.signature ?? 'unknown revert')
    }
    throw err
  }
  throw new Error('expected the call to revert, but it succeeded')
}

/** Decoded `NetworkRegistered` of a registration receipt. */
export function networkRegistered(receipt: TransactionReceipt, subnetManager: Address) {
  for (const log of receipt.logs) {
    if (getAddress(log.address) !== getAddress(subnetManager)) continue
    try {
      const event = decodeEventLog({ abi: SubnetManagerAbi, data: log.data, topics: log.topics })
      if (event.eventName === 'NetworkRegistered') return event.args
    } catch {
      // another event of the SubnetManager
    }
  }
  throw new Error('no NetworkRegistered log in the receipt')
}

/** `rules`: the localnet's rule set (its default, `public`, when omitted). */
export async function startSubnetEnv(options: { rules?: LocalnetRules } = {}): Promise<SubnetEnv> {
  const net = await startLocalnet(options)
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
    const system: Account = { address: net.systemAddress, type: 'json-rpc' }
    const wallets = new Map<Address, WalletClient>()
    const wallet = (account: Account) => {
      let w = wallets.get(account.address)
      if (!w) {
        w = createWalletClient({ account, chain, transport })
        wallets.set(account.address, w)
      }
      return w
    }
    const rpc = (method: string, params: unknown[] = []) =>
      client.request({ method, params } as never) as Promise<unknown>

    const write: SubnetEnv['write'] = async (from, call) => {
      // Local accounts estimate gas before sending, which surfaces reverts; an impersonated (json-rpc)
      // account would just mine the failing transaction, so simulate it first.
      if (from.type === 'json-rpc') await client.simulateContract({ account: from, ...call } as never)
      const gas =
        from.type === 'local' ? await gasWithHeadroom(client, { account: from, ...call } as never) : undefined
      const receipt = await wallet(from).writeContractSync({ account: from, chain, gas, ...call } as never)
      if (receipt.status !== 'success')
        throw new Error(`${call.functionName} reverted in ${receipt.transactionHash}`)
      return receipt
    }
    const approve: SubnetEnv['approve'] = async (from, token, spender, amount) => {
      await write(from, { address: token, abi: WHETUAbi, functionName: 'approve', args: [spender, amount] })
    }
    const sm = net.contracts.SubnetManager
    const stop = () => net.stop()
    return {
      net,
      chain,
      client,
      accounts,
      system,
      write,
      approve,
      async deploy(name, args = [], from = accounts[0]!) {
        const { abi, bytecode } = loadArtifact(name)
        const receipt = await wallet(from).sendTransactionSync({
          account: from,
          chain,
          data: encodeDeployData({ abi, bytecode, args }),
        })
        if (receipt.status !== 'success' || !receipt.contractAddress) throw new Error(`deploy ${name} failed`)
        return getAddress(receipt.contractAddress)
      },
      async deployRevertOf(name, args) {
        const { abi, bytecode } = loadArtifact(name)
        try {
          await client.call({ account: accounts[0]!, data: encodeDeployData({ abi, bytecode, args }) })
        } catch (err) {
          const raw =
            err instanceof BaseError
              ? err.walk((e) => typeof (e as { data?: unknown }).data === 'string')
              : null
          const data = (raw as { data?: Hex } | null)?.data
          if (!data) throw err
          const decoded = decodeErrorResult({ abi, data })
          return decoded.errorName === 'Error' ? String(decoded.args?.[0]) : decoded.errorName
        }
        throw new Error(`deploying ${name} succeeded`)
      },
      async registerSubnet(from, names = {}) {
        const cost = await client.readContract({
          address: sm,
          abi: SubnetManagerAbi,
          functionName: 'getNetworkLockCost',
        })
        await approve(from, net.contracts.WHETU, sm, cost)
        const receipt = await write(from, {
          address: sm,
          abi: SubnetManagerAbi,
          functionName: 'registerNetwork',
          args: [
            names.name ?? 'Test subnet',
            names.description ?? 'a subnet for tests',
            names.tokenName ?? 'Test Alpha',
            names.tokenSymbol ?? 'TALPHA',
          ],
        })
        const event = networkRegistered(receipt, sm)
        return { netuid: event.netuid, alphaToken: event.alphaToken, ammPool: event.ammPool, receipt }
      },
      async mine(blocks) {
        await rpc('anvil_mine', [`0x${BigInt(blocks).toString(16)}`])
      },
      blockNumber: () => client.getBlockNumber({ cacheTime: 0 }),
      async wrap(from, amount) {
        await wallet(from).writeContractSync({
          account: from,
          chain,
          address: net.contracts.WHETU,
          abi: WHETUAbi,
          functionName: 'deposit',
          value: amount,
        } as never)
      },
      snapshot: () => rpc('evm_snapshot') as Promise<Hex>,
      async revert(id) {
        await rpc('evm_revert', [id])
      },
      stop,
      [Symbol.asyncDispose]: stop,
    }
  } catch (err) {
    await net.stop()
    throw err
  }
}
