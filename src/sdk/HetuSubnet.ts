import type { Account, Address, Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { QuoteSwapParameters } from '../chain/actions/amm/quoteSwap.js'
import type { SwapAlphaForHetuParameters } from '../chain/actions/amm/swapAlphaForHetu.js'
import type { SwapHetuForAlphaParameters } from '../chain/actions/amm/swapHetuForAlpha.js'
import type { DeregisterNeuronParameters } from '../chain/actions/neuron/deregisterNeuron.js'
import type { RegisterNeuronParameters } from '../chain/actions/neuron/registerNeuron.js'
import type { UpdateNeuronServiceParameters } from '../chain/actions/neuron/updateNeuronService.js'
import type { AddGlobalStakeParameters } from '../chain/actions/staking/addGlobalStake.js'
import type { AllocateToSubnetParameters } from '../chain/actions/staking/allocateToSubnet.js'
import type { DeallocateFromSubnetParameters } from '../chain/actions/staking/deallocateFromSubnet.js'
import type { MoveStakeParameters } from '../chain/actions/staking/moveStake.js'
import type { RemoveGlobalStakeParameters } from '../chain/actions/staking/removeGlobalStake.js'
import type { ActivateSubnetParameters } from '../chain/actions/subnet/activateSubnet.js'
import type { AddSubnetMinterParameters } from '../chain/actions/subnet/addSubnetMinter.js'
import type { RegisterSubnetParameters } from '../chain/actions/subnet/registerSubnet.js'
import type { RemoveSubnetMinterParameters } from '../chain/actions/subnet/removeSubnetMinter.js'
import type { UpdateNetworkConfigParameters } from '../chain/actions/subnet/updateNetworkConfig.js'
import type { UpdateSubnetParamsParameters } from '../chain/actions/subnet/updateSubnetParams.js'
import type { WaitForSubnetRateLimitParameters } from '../chain/actions/subnet/waitForSubnetRateLimit.js'
import type { TransferParameters } from '../chain/actions/token/transfer.js'
import type { UnwrapHetuParameters } from '../chain/actions/token/unwrapHetu.js'
import type { WrapHetuParameters } from '../chain/actions/token/wrapHetu.js'
import type { SetWeightsParameters } from '../chain/actions/weights/setWeights.js'
import {
  type CreateHetuClientOptions,
  createHetuClient,
  type HetuClient,
} from '../chain/client/createHetuClient.js'
import { InsufficientFundsError, WalletLockedError } from '../chain/errors/account.js'
import { InvalidArgumentError } from '../chain/errors/amount.js'
import type { ResolvedNetwork } from '../chain/networks/resolve.js'
import type { ReadOptions } from '../chain/types/read.js'
import type { Metagraph, MetagraphOptions } from '../metagraph/Metagraph.js'
import type { KeyOptions, WalletLike } from '../protocol/signer.js'
import type { KeyRole } from '../wallet/index.js'
import type { DiscoverServicesParameters, DiscoverServicesReturnType } from './discoverServices.js'

/** @deprecated Use {@link KeyRole}. */
export type WalletKey = KeyRole

/** @deprecated Use {@link WalletLike} (the SDK's {@link Wallet} fits it). */
export type WalletKeys = WalletLike

/**
 * Read options of the facade: the block to read at (latest when absent), as in every action's
 * `blockNumber` (the Python SDK's `block=`).
 */
export interface HetuReadOptions {
  blockNumber?: bigint | number
  /** @deprecated Use `blockNumber`. */
  block?: bigint | number
}

/** Write options of the facade: sign with this account or wallet instead of the current one. */
type FacadeWrite<P> = Omit<P, 'account'> & { account?: Account | Address; wallet?: KeyOptions['wallet'] }

export interface HetuSubnetConnectOptions extends Omit<CreateHetuClientOptions, 'account'> {
  /** Directory of named wallets (default ~/.hetu/wallets). */
  walletDir?: string
  /** Initial signer: a viem Account or a 0x private key. */
  account?: Account | Hex
}

/**
 * The Python SDK's `HetuSubnet` client in TypeScript (docs/python-sdk.md#client-and-wallets): every
 * `hetu.snake_case(...)` call is `hetu.camelCase(...)` here, reads positional, writes with one object
 * argument.
 *
 * Names and arguments: each method has the name of the action it runs (`hetu.getSubnetHealth(netuid)`
 * is `client.getSubnetHealth({ netuid })`): the Python client's name where it has one, `get…` for every
 * other read. Positional arguments go netuid first, then the account (default: the current one), then
 * the options; `{ blockNumber }` reads at a block.
 *
 * Keys: on Hetu the neuron that registers is the account whose global stake is allocated (the contract
 * uses `tx.origin`), so one account must both stake and register. `setWalletFromUsername` therefore
 * signs with the wallet's **hotkey** by default (the key that also signs axon/dendrite requests, so the
 * on-chain neuron address matches); pass `{ key: 'coldkey' }` for owner work such as subnet creation.
 */
export class HetuSubnet {
  readonly client: HetuClient
  readonly walletDir: string | undefined
  #account: Account | undefined
  #wallet: WalletLike | undefined
  #key: KeyRole = 'hotkey'

  private constructor(client: HetuClient, walletDir: string | undefined) {
    this.client = client
    this.walletDir = walletDir
    this.#account = client.account
  }

  /** Connects (one round trip to check the chain id) and resolves the network's contracts. */
  static async connect(options: HetuSubnetConnectOptions = {}): Promise<HetuSubnet> {
    const { walletDir, ...rest } = options
    return new HetuSubnet(await createHetuClient(rest), walletDir)
  }

  get network(): ResolvedNetwork {
    return this.client.hetu.network
  }

  /** The current signer, if any. */
  get account(): Account | undefined {
    return this.#account
  }

  get address(): Address | undefined {
    return this.#account?.address
  }

  /** The wallet loaded by setWalletFromUsername, if any. */
  get wallet(): WalletLike | undefined {
    return this.#wallet
  }

  /**
   * Unlocks the named wallet (`<walletDir>/<username>`) with its password and signs with its hotkey
   * (or `options.key`). Wrong password or a damaged keystore throw the wallet's typed errors.
   */
  async setWalletFromUsername(
    username: string,
    password: string,
    options: { key?: KeyRole } = {},
  ): Promise<void> {
    // The wallet module (keystores, scrypt, BIP-32/39) loads with the first wallet: reads never need it.
    const { Wallet } = await import('../wallet/index.js')
    const wallet = await Wallet.load({
      name: username,
      password,
      ...(this.walletDir !== undefined && { dir: this.walletDir }),
    })
    this.setWallet(wallet, options)
  }

  /** Signs with an already unlocked wallet's hotkey (or `options.key`). */
  setWallet(wallet: WalletLike, options: { key?: KeyRole } = {}): void {
    this.#wallet = wallet
    this.useKey(options.key ?? 'hotkey')
  }

  /** Signs with this account from now on (a viem Account or a 0x private key). */
  setAccount(account: Account | Hex): void {
    if (typeof account === 'string') {
      if (!/^0x[0-9a-fA-F]{64}$/.test(account))
        throw new InvalidArgumentError('account', 'expected a viem Account or a 32-byte 0x private key')
      this.#account = privateKeyToAccount(account)
    } else this.#account = account
    this.#wallet = undefined
  }

  /** Switches the signing key of the loaded wallet. */
  useKey(key: KeyRole): void {
    if (!this.#wallet) throw new WalletLockedError('useKey')
    this.#key = key
    this.#account = this.#wallet[key]
  }

  /** Nothing to release for HTTP; here so `await using hetu = await HetuSubnet.connect()` reads naturally. */
  async close(): Promise<void> {}

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close()
  }

  // ── chain ──────────────────────────────────────────────────────────────────────────────────
  getCurrentBlock() {
    return this.client.getCurrentBlock()
  }

  // ── subnets ────────────────────────────────────────────────────────────────────────────────
  getSubnets(options?: HetuReadOptions) {
    return this.client.getSubnets(read(options))
  }
  getSubnetInfo(netuid: number, options?: HetuReadOptions) {
    return this.client.getSubnetInfo({ netuid, ...read(options) })
  }
  getSubnetParams(netuid: number, options?: HetuReadOptions) {
    return this.client.getSubnetParams({ netuid, ...read(options) })
  }
  getSubnetDetails(netuid: number, options?: HetuReadOptions) {
    return this.client.getSubnetDetails({ netuid, ...read(options) })
  }
  /** getSubnetDetails of every subnet, in two round trips (getSubnets, then each, takes three). */
  getAllSubnetDetails(options?: HetuReadOptions) {
    return this.client.getAllSubnetDetails(read(options))
  }
  getNetworkLockCost(options?: HetuReadOptions) {
    return this.client.getNetworkLockCost(read(options))
  }
  getNetworkParams(options?: HetuReadOptions) {
    return this.client.getNetworkParams(read(options))
  }
  waitForSubnetRateLimit(parameters?: WaitForSubnetRateLimitParameters) {
    return this.client.waitForSubnetRateLimit(parameters)
  }
  registerSubnet(parameters: FacadeWrite<RegisterSubnetParameters>) {
    return this.#send(this.client.registerSubnet, parameters)
  }
  activateSubnet(parameters: FacadeWrite<ActivateSubnetParameters>) {
    return this.#send(this.client.activateSubnet, parameters)
  }
  addSubnetMinter(parameters: FacadeWrite<AddSubnetMinterParameters>) {
    return this.#send(this.client.addSubnetMinter, parameters)
  }
  removeSubnetMinter(parameters: FacadeWrite<RemoveSubnetMinterParameters>) {
    return this.#send(this.client.removeSubnetMinter, parameters)
  }
  updateSubnetParams(parameters: FacadeWrite<UpdateSubnetParamsParameters>) {
    return this.#send(this.client.updateSubnetParams, parameters)
  }
  updateNetworkConfig(parameters: FacadeWrite<UpdateNetworkConfigParameters>) {
    return this.#send(this.client.updateNetworkConfig, parameters)
  }

  // ── neurons ────────────────────────────────────────────────────────────────────────────────
  registerNeuron(parameters: FacadeWrite<RegisterNeuronParameters>) {
    return this.#send(this.client.registerNeuron, parameters)
  }
  deregisterNeuron(parameters: FacadeWrite<DeregisterNeuronParameters>) {
    return this.#send(this.client.deregisterNeuron, parameters)
  }
  updateNeuronService(parameters: FacadeWrite<UpdateNeuronServiceParameters>) {
    return this.#send(this.client.updateNeuronService, parameters)
  }
  getNeuronInfo(netuid: number, account: Address, options?: HetuReadOptions) {
    return this.client.getNeuronInfo({ netuid, account, ...read(options) })
  }
  /** getNeuronInfo for many accounts in one round trip (null where not a neuron). */
  getNeuronInfos(netuid: number, accounts: readonly Address[], options?: HetuReadOptions) {
    return this.client.getNeuronInfos({ netuid, accounts, ...read(options) })
  }
  getNeuronList(netuid: number, options?: HetuReadOptions) {
    return this.client.getNeuronList({ netuid, ...read(options) })
  }
  getSubnetNeurons(netuid: number, options?: HetuReadOptions) {
    return this.client.getSubnetNeurons({ netuid, ...read(options) })
  }
  getSubnetValidators(netuid: number, options?: HetuReadOptions) {
    return this.client.getSubnetValidators({ netuid, ...read(options) })
  }
  getSubnetMiners(netuid: number, options?: HetuReadOptions) {
    return this.client.getSubnetMiners({ netuid, ...read(options) })
  }
  getSubnetNeuronCount(netuid: number, options?: HetuReadOptions) {
    return this.client.getSubnetNeuronCount({ netuid, ...read(options) })
  }
  getSubnetValidatorCount(netuid: number, options?: HetuReadOptions) {
    return this.client.getSubnetValidatorCount({ netuid, ...read(options) })
  }
  getSubnetMinerCount(netuid: number, options?: HetuReadOptions) {
    return this.client.getSubnetMinerCount({ netuid, ...read(options) })
  }

  // ── staking ────────────────────────────────────────────────────────────────────────────────
  addGlobalStake(parameters: FacadeWrite<AddGlobalStakeParameters>) {
    return this.#send(this.client.addGlobalStake, parameters)
  }
  removeGlobalStake(parameters: FacadeWrite<RemoveGlobalStakeParameters>) {
    return this.#send(this.client.removeGlobalStake, parameters)
  }
  allocateToSubnet(parameters: FacadeWrite<AllocateToSubnetParameters>) {
    return this.#send(this.client.allocateToSubnet, parameters)
  }
  deallocateFromSubnet(parameters: FacadeWrite<DeallocateFromSubnetParameters>) {
    return this.#send(this.client.deallocateFromSubnet, parameters)
  }
  /** @deprecated Use {@link HetuSubnet.deallocateFromSubnet} (the Python README's withdraw_from_subnet). */
  withdrawFromSubnet(parameters: FacadeWrite<DeallocateFromSubnetParameters>) {
    return this.deallocateFromSubnet(parameters)
  }
  moveStake(parameters: FacadeWrite<MoveStakeParameters>) {
    return this.#send(this.client.moveStake, parameters)
  }
  /** @deprecated Use {@link HetuSubnet.moveStake} (the Python README's transfer_between_subnets). */
  transferBetweenSubnets(parameters: FacadeWrite<MoveStakeParameters>) {
    return this.moveStake(parameters)
  }
  getStakeInfo(address?: Address, options?: HetuReadOptions) {
    return this.client.getStakeInfo({ address: address ?? this.address, ...read(options) })
  }
  getAvailableStake(address?: Address, options?: HetuReadOptions) {
    return this.client.getAvailableStake({ address: address ?? this.address, ...read(options) })
  }
  /** `address`'s (default: the current account's) allocation on the subnet. */
  getSubnetAllocation(
    netuid: number,
    address?: Address,
    options?: HetuReadOptions,
  ): ReturnType<HetuClient['getSubnetAllocation']>
  /** @deprecated Address first was the Python SDK's order: pass `(netuid, address)`. */
  getSubnetAllocation(
    address: Address | undefined,
    netuid: number,
    options?: HetuReadOptions,
  ): ReturnType<HetuClient['getSubnetAllocation']>
  getSubnetAllocation(
    first: number | Address | undefined,
    second?: Address | number,
    options?: HetuReadOptions,
  ) {
    const [netuid, address] =
      typeof first === 'number' ? [first, second as Address | undefined] : [second as number, first]
    return this.client.getSubnetAllocation({ address: address ?? this.address, netuid, ...read(options) })
  }

  // ── tokens ─────────────────────────────────────────────────────────────────────────────────
  wrapHetu(parameters: FacadeWrite<WrapHetuParameters>) {
    return this.#send(this.client.wrapHetu, parameters)
  }
  unwrapHetu(parameters: FacadeWrite<UnwrapHetuParameters>) {
    return this.#send(this.client.unwrapHetu, parameters)
  }
  transfer(parameters: FacadeWrite<TransferParameters>) {
    return this.#send(this.client.transfer, parameters)
  }
  /** Native HETU balance (wei). */
  getBalance(address?: Address, options?: HetuReadOptions) {
    return this.client.getBalance({ address: address ?? this.address, ...read(options) })
  }
  /** Native and wrapped HETU (wei). */
  getBalances(address?: Address, options?: HetuReadOptions) {
    return this.client.getBalances({ address: address ?? this.address, ...read(options) })
  }
  getAlphaBalance(netuid: number, address?: Address, options?: HetuReadOptions) {
    return this.client.getAlphaBalance({ netuid, address: address ?? this.address, ...read(options) })
  }

  // ── AMM ────────────────────────────────────────────────────────────────────────────────────
  getPoolInfo(netuid: number, options?: HetuReadOptions) {
    return this.client.getPoolInfo({ netuid, ...read(options) })
  }
  quoteSwap(parameters: Omit<QuoteSwapParameters, 'blockNumber'> & HetuReadOptions) {
    const { block, blockNumber, ...rest } = parameters
    return this.client.quoteSwap({ ...rest, ...read({ block, blockNumber }) })
  }
  swapHetuForAlpha(parameters: FacadeWrite<SwapHetuForAlphaParameters>) {
    return this.#send(this.client.swapHetuForAlpha, parameters)
  }
  swapAlphaForHetu(parameters: FacadeWrite<SwapAlphaForHetuParameters>) {
    return this.#send(this.client.swapAlphaForHetu, parameters)
  }

  // ── weights ────────────────────────────────────────────────────────────────────────────────
  setWeights(parameters: FacadeWrite<SetWeightsParameters>) {
    return this.#send(this.client.setWeights, parameters)
  }
  /** Weights `validator` (default: the current account) set on the subnet. */
  getWeights(
    netuid: number,
    validator?: Address,
    options?: HetuReadOptions & { dests?: readonly Address[] },
  ) {
    const who = validator ?? this.address
    if (!who) throw new InvalidArgumentError('validator', 'needed when no account is set')
    return this.client.getWeights({ netuid, validator: who, dests: options?.dests, ...read(options) })
  }

  // ── metagraph and monitoring ───────────────────────────────────────────────────────────────
  /** The subnet's metagraph (see {@link Metagraph.sync}); `resync()` it to follow the chain. */
  async getMetagraph(netuid: number, options?: HetuReadOptions & MetagraphOptions): Promise<Metagraph> {
    const { block, blockNumber, ...rest } = options ?? {}
    // Loaded when asked for, like discoverServices: a command that reads a subnet list loads neither.
    const { Metagraph } = await import('../metagraph/Metagraph.js')
    return Metagraph.sync({ client: this.client, netuid, ...rest, ...read({ block, blockNumber }) })
  }
  /** @deprecated Use {@link HetuSubnet.getMetagraph}. */
  metagraph(netuid: number, options?: HetuReadOptions & MetagraphOptions) {
    return this.getMetagraph(netuid, options)
  }
  /** The Python README's monitor_subnet_health: params, neuron counts, pool, emission and issues. */
  getSubnetHealth(netuid: number, options?: HetuReadOptions) {
    return this.client.getSubnetHealth({ netuid, ...read(options) })
  }
  /** @deprecated Use {@link HetuSubnet.getSubnetHealth}. */
  subnetHealth(netuid: number, options?: HetuReadOptions) {
    return this.getSubnetHealth(netuid, options)
  }
  /** The Python README's check_stake_status: global stake and its allocation per subnet. */
  getStakeStatus(address?: Address, options?: HetuReadOptions) {
    return this.client.getStakeStatus({ address: address ?? this.address, ...read(options) })
  }
  /** @deprecated Use {@link HetuSubnet.getStakeStatus}. */
  stakeStatus(address?: Address, options?: HetuReadOptions) {
    return this.getStakeStatus(address, options)
  }
  /** The subnet's Alpha emission per block and epoch (docs/emission.md#coinbase). */
  getSubnetRewardRate(netuid: number, options?: HetuReadOptions) {
    return this.client.getSubnetRewardRate({ netuid, ...read(options) })
  }
  /** Active neurons (of one or every subnet) whose axon serves `synapseName`. */
  async discoverServices(
    parameters: Omit<DiscoverServicesParameters, 'blockNumber'> & HetuReadOptions,
  ): Promise<DiscoverServicesReturnType> {
    const { block, blockNumber, ...rest } = parameters
    const { discoverServices } = await import('./discoverServices.js')
    return discoverServices(this.client, { ...rest, ...read({ block, blockNumber }) })
  }

  /**
   * Runs a write with the signer the parameters or the current wallet give. When the signer is the
   * hotkey of a two-key wallet and lacks native HETU, the error also names the coldkey, its balance and
   * the command that moves funds across (the user often funded the coldkey and never saw the hotkey).
   */
  async #send<P extends { account?: Account | Address; wallet?: WalletLike }, R>(
    action: (args: Omit<P, 'wallet' | 'account'> & { account: Account | Address | undefined }) => Promise<R>,
    parameters: P,
  ): Promise<R> {
    const { wallet, account, ...rest } = parameters
    const keys = wallet ?? this.#wallet
    const signer = account ?? wallet?.[this.#key] ?? this.#account
    try {
      return await action({ ...rest, account: signer })
    } catch (err) {
      throw await this.#explainFunds(err, keys, signer)
    }
  }

  async #explainFunds(err: unknown, keys: WalletLike | undefined, signer: Account | Address | undefined) {
    const address = typeof signer === 'string' ? signer : signer?.address
    if (!(err instanceof InsufficientFundsError) || !keys || address === undefined) return err
    const { hotkey, coldkey } = keys
    if (address.toLowerCase() !== hotkey.address.toLowerCase() || hotkey.address === coldkey.address)
      return err
    const balance = await this.client.getBalance({ address: coldkey.address }).catch(() => undefined)
    const meta = err.meta as { balance?: bigint; required?: bigint; gasCost?: bigint }
    return new InsufficientFundsError({
      address,
      balance: meta.balance,
      required: meta.required,
      gasCost: meta.gasCost,
      coldkey: { address: coldkey.address, balance, wallet: (keys as { name?: string }).name },
      cause: err.cause,
    })
  }
}

function read(options: HetuReadOptions | undefined): ReadOptions {
  const block = options?.blockNumber ?? options?.block
  if (block === undefined) return {}
  if (typeof block === 'number' && (!Number.isInteger(block) || block < 0))
    throw new InvalidArgumentError('blockNumber', `${block} is not a block number`)
  return { blockNumber: BigInt(block) }
}
