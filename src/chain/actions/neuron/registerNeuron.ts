import { type Address, encodeFunctionData } from 'viem'
import { GlobalStakingAbi, NeuronManagerAbi, SubnetManagerAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { InsufficientFundsError, WalletLockedError } from '../../errors/account.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import {
  type InsufficientAvailableStakeError,
  NeuronAlreadyRegisteredError,
  StakeBelowThresholdError,
  type SubnetFullError,
  SubnetNotActiveError,
  type SubnetNotFoundError,
} from '../../errors/contract.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { assertNetuid, assertPort, contractAddress, signerOf } from '../../internal/context.js'
import { withSubject } from '../../internal/enrich.js'
import { PREREQUISITE_GAS, prefetchTxContext, sendPlanned } from '../../internal/pipeline.js'
import { readHetu } from '../../internal/read.js'
import { planWhetuSpend, readWhetuSpendState } from '../../internal/tokens.js'
import { findEvent, txResult, writeHetu } from '../../internal/write.js'
import type { HetuWriteResult, PrerequisiteTx, WriteOptions } from '../../types/tx.js'

export type RegisterNeuronParameters = {
  netuid: number
  /** true = validator, false = miner. Fixed for the life of the registration. */
  isValidatorRole: boolean
  axonEndpoint: string
  axonPort: number
  prometheusEndpoint?: string
  prometheusPort?: number
  /** Stake to allocate to the subnet (wei); defaults to the role's threshold. */
  stake?: bigint
} & WriteOptions

export type RegisterNeuronReturnType = HetuWriteResult & {
  netuid: number
  account: Address
  stake: bigint
  isValidator: boolean
  /** Registration fee paid from available stake (wei). */
  fee: bigint
}

export type RegisterNeuronErrorType =
  | SubnetNotFoundError
  | SubnetNotActiveError
  | NeuronAlreadyRegisteredError
  | StakeBelowThresholdError
  | InsufficientAvailableStakeError
  | InsufficientFundsError
  | SubnetFullError
  | WalletLockedError
  | RpcUnavailableError
  | InvalidArgumentError

/**
 * Registers the signer as a miner or validator. Everything the contract needs is done first, from the
 * same account (registration allocates the stake of `tx.origin`): when the available (unallocated)
 * global stake is below stake + fee, the difference is wrapped, approved to GlobalStaking and staked.
 * It never calls allocateToSubnet: registration allocates the stake itself (docs/contracts.md#join-a-subnet).
 */
export async function registerNeuron(
  client: HetuBaseClient,
  parameters: RegisterNeuronParameters,
): Promise<RegisterNeuronReturnType> {
  const action = 'registerNeuron'
  const { netuid, isValidatorRole, axonEndpoint, axonPort } = parameters
  const prometheusEndpoint = parameters.prometheusEndpoint ?? ''
  const prometheusPort = parameters.prometheusPort ?? 0
  assertNetuid(netuid)
  assertPort('axonPort', axonPort)
  assertPort('prometheusPort', prometheusPort)
  const account = signerOf(client, parameters.account, action)
  const subject = { netuid, account: account.address }
  const subnetManager = contractAddress(client, 'SubnetManager')
  const neuronManager = contractAddress(client, 'NeuronManager')
  const globalStaking = contractAddress(client, 'GlobalStaking')

  try {
    // One JSON-RPC batch: subnet state, hyperparameters, membership, available stake, and (in case stake
    // must be added) WHETU balance, allowance, native balance, nonce and fees.
    const context = prefetchTxContext(client, account.address)
    const spendState = readWhetuSpendState(client, action, account.address, globalStaking)
    spendState.catch(() => {})
    const [info, params, registered, available] = await Promise.all([
      readHetu(client, action, {
        address: subnetManager,
        abi: SubnetManagerAbi,
        functionName: 'getSubnetInfo',
        args: [netuid],
      }),
      readHetu(client, action, {
        address: subnetManager,
        abi: SubnetManagerAbi,
        functionName: 'getSubnetParams',
        args: [netuid],
      }),
      readHetu(client, action, {
        address: neuronManager,
        abi: NeuronManagerAbi,
        functionName: 'isNeuron',
        args: [netuid, account.address],
      }),
      readHetu(client, action, {
        address: globalStaking,
        abi: GlobalStakingAbi,
        functionName: 'getAvailableStake',
        args: [account.address],
      }),
    ])
    if (!info.isActive) throw new SubnetNotActiveError({ reason: 'SUBNET_NOT_ACTIVE', action }, netuid)
    if (registered) throw new NeuronAlreadyRegisteredError({ reason: 'ALREADY_REGISTERED', action }, subject)
    const threshold = isValidatorRole ? params.validatorThreshold : params.neuronThreshold
    const stake = parameters.stake ?? threshold
    if (stake < threshold)
      throw new StakeBelowThresholdError(
        { reason: isValidatorRole ? 'INSUFFICIENT_VALIDATOR_STAKE' : 'INSUFFICIENT_NEURON_STAKE', action },
        { stake, threshold, role: isValidatorRole ? 'validator' : 'miner' },
      )
    const fee = params.baseNeuronCost
    const prerequisites: PrerequisiteTx[] = []
    if (available < stake + fee) {
      const missing = stake + fee - available
      const planned = [
        ...planWhetuSpend(await spendState, account.address, missing),
        {
          step: 'addGlobalStake' as const,
          to: globalStaking,
          data: encodeFunctionData({
            abi: GlobalStakingAbi,
            functionName: 'addGlobalStake',
            args: [missing],
          }),
          gas: PREREQUISITE_GAS.addGlobalStake,
        },
      ]
      prerequisites.push(...(await sendPlanned(client, action, account, planned, context)))
    }
    const receipt = await writeHetu(client, action, {
      account,
      address: neuronManager,
      abi: NeuronManagerAbi,
      functionName: 'registerNeuronWithStakeAllocation',
      args: [netuid, stake, isValidatorRole, axonEndpoint, axonPort, prometheusEndpoint, prometheusPort],
    })
    const event = findEvent(receipt, NeuronManagerAbi, 'NeuronRegistered', neuronManager)
    return {
      ...txResult(receipt),
      prerequisites,
      netuid,
      account: account.address,
      stake: event?.stake ?? stake,
      isValidator: event?.isValidator ?? isValidatorRole,
      fee,
    }
  } catch (err) {
    throw withSubject(err, subject)
  }
}
