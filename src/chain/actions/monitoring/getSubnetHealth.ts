import type { Address } from 'viem'
import { getContractEvents } from 'viem/actions'
import type { EmissionParams } from '../../../consensus/index.js'
import { AlphaTokenAbi, NeuronManagerAbi, SubnetAMMAbi, SubnetManagerAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import { HETU_BLOCKINFLATION_ADDRESS } from '../../constants.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import type { SubnetNotFoundError } from '../../errors/contract.js'
import { toHetuError } from '../../errors/decode.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { assertNetuid, contractAddress, errorContext } from '../../internal/context.js'
import { sameAddress, spotPrice, toHyperparams, toSubnetInfo } from '../../internal/convert.js'
import { contractFeatures } from '../../internal/generation.js'
import { readHetu, readMany } from '../../internal/read.js'
import { rewardRateOf } from '../../internal/rewardRate.js'
import { readManyAtBlock, subnetReadFailed } from '../../internal/snapshot.js'
import type { SubnetHealth, SubnetHealthIssue } from '../../types/monitoring.js'
import type { ReadOptions } from '../../types/read.js'

export type GetSubnetHealthParameters = {
  netuid: number
  /** The chain's blockinflation parameters, when not the genesis defaults. */
  emission?: Partial<EmissionParams>
} & ReadOptions
export type GetSubnetHealthReturnType = SubnetHealth
export type GetSubnetHealthErrorType = SubnetNotFoundError | RpcUnavailableError | InvalidArgumentError

/**
 * The Python SDK's `monitor_subnet_health`: parameters, neuron/validator/miner counts, pool reserves, Alpha
 * emission, whether the chain may mint the subnet's Alpha, and the issues that stop rewards or
 * registrations. Two round trips, both at one block.
 */
export async function getSubnetHealth(
  client: HetuBaseClient,
  { netuid, emission, blockNumber }: GetSubnetHealthParameters,
): Promise<GetSubnetHealthReturnType> {
  assertNetuid(netuid)
  const manager = contractAddress(client, 'SubnetManager')
  const neurons = contractAddress(client, 'NeuronManager')
  const [features, first] = await Promise.all([
    contractFeatures(client),
    readManyAtBlock(
      client,
      'getSubnetHealth',
      [
        { address: manager, abi: SubnetManagerAbi, functionName: 'getSubnetInfo', args: [netuid] },
        { address: manager, abi: SubnetManagerAbi, functionName: 'getSubnetParams', args: [netuid] },
        { address: neurons, abi: NeuronManagerAbi, functionName: 'getNeuronCount', args: [netuid] },
        { address: neurons, abi: NeuronManagerAbi, functionName: 'getSubnetValidatorCount', args: [netuid] },
      ],
      blockNumber,
    ).catch((err) => subnetReadFailed(client, netuid, blockNumber, err)),
  ])
  const block = first.blockNumber
  const info = toSubnetInfo(first.results[0])
  const params = toHyperparams(first.results[1])
  const total = Number(first.results[2])
  const validators = Number(first.results[3])

  const [[pool, alphaIssued], emissionMinter, minters] = await Promise.all([
    readMany(client, 'getSubnetHealth', {
      contracts: [
        { address: info.ammPool, abi: SubnetAMMAbi, functionName: 'getPoolInfo' },
        { address: info.alphaToken, abi: AlphaTokenAbi, functionName: 'totalSupply' },
      ],
      blockNumber: block,
    }),
    // The c4a14b7 AlphaToken has no authorized_minters: one fixed minter, never the chain.
    features.subnetMinters
      ? readHetu(client, 'getSubnetHealth', {
          address: info.alphaToken,
          abi: AlphaTokenAbi,
          functionName: 'authorized_minters',
          args: [HETU_BLOCKINFLATION_ADDRESS],
          blockNumber: block,
        })
      : false,
    features.subnetMinters ? readMinters(client, info.alphaToken, block) : [],
  ])
  const [, hetuReserve, alphaReserve, , , , , minimumLiquidity] = pool
  const rewardRate = rewardRateOf({
    netuid,
    block,
    isActive: info.isActive,
    tempo: params.tempo,
    alphaIssued,
    ...(emission && { params: emission }),
  })
  const health: Omit<SubnetHealth, 'issues' | 'healthy'> = {
    netuid,
    block,
    info,
    params,
    neurons: {
      total,
      validators,
      miners: total - validators,
      maxNeurons: params.maxAllowedUids,
      maxValidators: params.maxAllowedValidators,
    },
    pool: {
      address: info.ammPool,
      hetuReserve,
      alphaReserve,
      spotPrice: spotPrice(hetuReserve, alphaReserve),
      minimumLiquidity,
      tradeable: hetuReserve > minimumLiquidity && alphaReserve > minimumLiquidity,
    },
    rewardRate,
    emissionMinter,
    otherMinters: minters.filter(
      (m) => !sameAddress(m, HETU_BLOCKINFLATION_ADDRESS) && !sameAddress(m, manager),
    ),
    generation: features.generation,
  }
  const issues = healthIssues(health)
  return { ...health, issues, healthy: issues.every((issue) => issue.severity !== 'critical') }
}

/**
 * Who may mint the token now: its MinterAdded/MinterRemoved events up to `block` (one eth_getLogs).
 * The SubnetManager, a minter from the token's creation, emits no event.
 */
async function readMinters(client: HetuBaseClient, token: Address, block: bigint): Promise<Address[]> {
  const read = (eventName: 'MinterAdded' | 'MinterRemoved') =>
    getContractEvents(client, {
      address: token,
      abi: AlphaTokenAbi,
      eventName,
      fromBlock: 0n,
      toBlock: block,
    })
  try {
    const [added, removed] = await Promise.all([read('MinterAdded'), read('MinterRemoved')])
    const events = [
      ...added.map((log) => ({ log, added: true })),
      ...removed.map((log) => ({ log, added: false })),
    ].sort((a, b) =>
      a.log.blockNumber === b.log.blockNumber
        ? a.log.logIndex - b.log.logIndex
        : a.log.blockNumber < b.log.blockNumber
          ? -1
          : 1,
    )
    const minters = new Map<string, Address>()
    for (const { log, added: isAdded } of events) {
      const minter = log.args.minter
      if (!minter) continue
      if (isAdded) minters.set(minter.toLowerCase(), minter)
      else minters.delete(minter.toLowerCase())
    }
    return [...minters.values()]
  } catch (err) {
    throw toHetuError(err, errorContext(client, 'getSubnetHealth'))
  }
}

function healthIssues(health: Omit<SubnetHealth, 'issues' | 'healthy'>): SubnetHealthIssue[] {
  const issues: SubnetHealthIssue[] = []
  const { info, neurons, pool } = health
  if (!info.isActive)
    issues.push({
      code: 'SUBNET_INACTIVE',
      severity: 'critical',
      message:
        'The subnet is not active: it takes no neurons and emits nothing (the owner calls activateSubnet).',
    })
  if (!health.emissionMinter)
    issues.push({
      code: 'NO_EMISSION_MINTER',
      severity: 'critical',
      message:
        health.generation === 'current'
          ? `The chain's blockinflation account ${HETU_BLOCKINFLATION_ADDRESS} may not mint this subnet's Alpha, so no rewards or pool injections happen (the owner calls addSubnetMinter).`
          : `These contracts (generation ${health.generation}) give each AlphaToken one fixed minter, so the chain's blockinflation account ${HETU_BLOCKINFLATION_ADDRESS} can never mint this subnet's Alpha: no rewards or pool injections, and no call can change it.`,
    })
  for (const minter of health.otherMinters)
    issues.push({
      code: 'UNEXPECTED_MINTER',
      severity: 'warning',
      message: `${minter} may mint this subnet's Alpha besides the chain: it can mint Alpha at will and sell it into the pool for the HETU buyers put in (the subnet owner calls removeSubnetMinter).`,
    })
  if (neurons.validators === 0)
    issues.push({
      code: 'NO_VALIDATORS',
      severity: 'critical',
      message: 'No validator is registered: nobody sets weights, so no incentive is paid.',
    })
  if (neurons.total - neurons.validators === 0)
    issues.push({ code: 'NO_MINERS', severity: 'warning', message: 'No miner is registered.' })
  if (neurons.total >= neurons.maxNeurons)
    issues.push({
      code: 'SUBNET_FULL',
      severity: 'warning',
      message: `All ${neurons.maxNeurons} neuron slots are taken: registrations revert.`,
    })
  if (neurons.validators >= neurons.maxValidators)
    issues.push({
      code: 'VALIDATORS_FULL',
      severity: 'warning',
      message: `All ${neurons.maxValidators} validator slots are taken: validator registrations revert.`,
    })
  if (!pool.tradeable)
    issues.push({
      code: 'POOL_BELOW_MINIMUM_LIQUIDITY',
      severity: 'warning',
      message: 'A pool reserve is at or below the minimum liquidity: swaps revert until emission refills it.',
    })
  return issues
}
