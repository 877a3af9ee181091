import { type Address, type ContractFunctionArgs, zeroAddress } from 'viem'
import { getBlockNumber } from 'viem/actions'
import { SubnetManagerAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { InsufficientFundsError, WalletLockedError } from '../../errors/account.js'
import { InvalidArgumentError } from '../../errors/amount.js'
import {
  InvalidContractArgumentError,
  InvalidHyperparamsError,
  SubnetRateLimitedError,
} from '../../errors/contract.js'
import { toHetuError } from '../../errors/decode.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { contractAddress, errorContext, signerOf } from '../../internal/context.js'
import { explained } from '../../internal/enrich.js'
import { prefetchTxContext, sendPlanned } from '../../internal/pipeline.js'
import { readHetu } from '../../internal/read.js'
import { planWhetuSpend, readWhetuSpendState } from '../../internal/tokens.js'
import { findEvent, txResult, writeHetu } from '../../internal/write.js'
import { SUBNET_HYPERPARAM_KEYS, type SubnetHyperparams } from '../../types/subnet.js'
import type { HetuWriteResult, WriteOptions } from '../../types/tx.js'

export type RegisterSubnetParameters = {
  name: string
  description: string
  tokenName: string
  tokenSymbol: string
  /** Hyperparameters to set instead of the defaults (the rest keep their defaults; the contract
   * validates the merged set). */
  hyperparams?: Partial<SubnetHyperparams>
} & WriteOptions

export type RegisterSubnetReturnType = HetuWriteResult & {
  netuid: number
  owner: Address
  alphaToken: Address
  ammPool: Address
  /** WHETU locked (wei): the lock cost at inclusion. */
  lockedAmount: bigint
  /** WHETU seeded into the pool (wei). */
  poolAmount: bigint
  /** Lock above the minimum, sent to 0x…dEaD (wei). */
  burnedAmount: bigint
}

export type RegisterSubnetErrorType =
  | SubnetRateLimitedError
  | InsufficientFundsError
  | InvalidArgumentError
  | InvalidContractArgumentError
  | InvalidHyperparamsError
  | WalletLockedError
  | RpcUnavailableError

/** First block that may include a subnet registration: the contract wants block > lastLockBlock + rateLimit. */
export function subnetRegistrationBlock(lastLockBlock: bigint, rateLimit: bigint): bigint {
  return lastLockBlock + rateLimit + 1n
}

/**
 * Registers a new subnet (inactive until activateSubnet). Checks the network-wide rate limit, reads
 * the lock cost right before, wraps the missing native HETU, approves exactly that cost to the
 * SubnetManager, then registers. The cost only decays between the read and inclusion, so the approval
 * always covers the charge.
 */
export async function registerSubnet(
  client: HetuBaseClient,
  parameters: RegisterSubnetParameters,
): Promise<RegisterSubnetReturnType> {
  const action = 'registerSubnet'
  const account = signerOf(client, parameters.account, action)
  for (const key of ['name', 'tokenName', 'tokenSymbol'] as const)
    if (!parameters[key]?.trim()) throw new InvalidArgumentError(key, 'must not be empty')
  const subnetManager = contractAddress(client, 'SubnetManager')
  const read = { address: subnetManager, abi: SubnetManagerAbi } as const
  const context = prefetchTxContext(client, account.address)
  const [cost, params, block, spendState] = await Promise.all([
    readHetu(client, action, { ...read, functionName: 'getNetworkLockCost' }),
    readHetu(client, action, { ...read, functionName: 'getNetworkParams' }),
    getBlockNumber(client, { cacheTime: 0 }).catch((err) => {
      throw toHetuError(err, errorContext(client, action))
    }),
    readWhetuSpendState(client, action, account.address, subnetManager),
  ])
  const [, , lastLockBlock, rateLimit] = params
  const availableAtBlock = subnetRegistrationBlock(lastLockBlock, rateLimit)
  // The next block is block + 1.
  if (block + 1n < availableAtBlock)
    throw new SubnetRateLimitedError(
      { reason: 'RATE_LIMIT_EXCEEDED', action },
      { currentBlock: block, availableAtBlock },
    )

  const planned = planWhetuSpend(spendState, account.address, cost)
  const prerequisites = await sendPlanned(client, action, account, planned, context)
  const { name, description, tokenName, tokenSymbol, hyperparams } = parameters
  const custom =
    hyperparams && Object.keys(hyperparams).length > 0 ? customHyperparams(hyperparams) : undefined
  const receipt = custom
    ? await writeHetu(client, action, {
        ...read,
        account,
        functionName: 'registerNetworkWithPartialCustom',
        args: [name, description ?? '', tokenName, tokenSymbol, custom.values, custom.flags],
      }).catch((err) => {
        // The defaults fill the fields not passed; the SDK cannot read them, so it only names the trap.
        if (err instanceof InvalidContractArgumentError && err.reason === 'INVALID_MERGED_HYPERPARAMS')
          throw explained(new InvalidHyperparamsError(err.revert, [], Object.keys(hyperparams ?? {})), err)
        throw err
      })
    : await writeHetu(client, action, {
        ...read,
        account,
        functionName: 'registerNetwork',
        args: [name, description ?? '', tokenName, tokenSymbol],
      })
  const event = findEvent(receipt, SubnetManagerAbi, 'NetworkRegistered', subnetManager)
  return {
    ...txResult(receipt),
    prerequisites,
    netuid: event?.netuid ?? 0,
    owner: event?.owner ?? account.address,
    alphaToken: event?.alphaToken ?? zeroAddress,
    ammPool: event?.ammPool ?? zeroAddress,
    lockedAmount: event?.lockedAmount ?? cost,
    poolAmount: event?.poolAmount ?? 0n,
    burnedAmount: event?.burnedAmount ?? 0n,
  }
}

type PartialCustomArgs = ContractFunctionArgs<
  typeof SubnetManagerAbi,
  'nonpayable',
  'registerNetworkWithPartialCustom'
>

/** The (values, useCustomFlags) pair of registerNetworkWithPartialCustom: flag i selects field i. */
function customHyperparams(partial: Partial<SubnetHyperparams>) {
  for (const key of Object.keys(partial))
    if (!(SUBNET_HYPERPARAM_KEYS as readonly string[]).includes(key))
      throw new InvalidArgumentError(`hyperparams.${key}`, 'not a subnet hyperparameter')
  const values = Object.fromEntries(
    SUBNET_HYPERPARAM_KEYS.map((key) => [key, partial[key] ?? ZERO[key]]),
  ) as unknown as SubnetHyperparams
  const flags = SUBNET_HYPERPARAM_KEYS.map(
    (key) => partial[key] !== undefined,
  ) as unknown as PartialCustomArgs[5]
  return { values, flags }
}

/** Placeholders for fields whose flag is false (the contract uses its default for those). */
const ZERO: SubnetHyperparams = {
  rho: 0,
  kappa: 0,
  immunityPeriod: 0,
  tempo: 0,
  maxValidators: 0,
  activityCutoff: 0,
  maxAllowedUids: 0,
  maxAllowedValidators: 0,
  minAllowedWeights: 0,
  maxWeightsLimit: 0,
  baseNeuronCost: 0n,
  currentDifficulty: 0n,
  targetRegsPerInterval: 0,
  maxRegsPerBlock: 0,
  weightsRateLimit: 0n,
  registrationAllowed: false,
  commitRevealEnabled: false,
  commitRevealPeriod: 0n,
  servingRateLimit: 0n,
  validatorThreshold: 0n,
  neuronThreshold: 0n,
}
