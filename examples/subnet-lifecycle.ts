// Subnet creation and activation (the Python SDK README's register_subnet and activate_subnet): lock WHETU to
// create a subnet with its Alpha token and AMM pool, activate it, and let the first neuron in.
//
//   npx tsx examples/subnet-lifecycle.ts
import { formatHetu, NotOwnerError, parseHetu, SubnetNotActiveError } from 'hetu-subnet'
import { type ExampleOptions, openNetwork } from './lib/network.js'
import { expectError, runIfMain } from './lib/run.js'

export async function main(options: ExampleOptions = {}) {
  const log = options.log ?? console.log
  await using net = await openNetwork(options)
  const owner = await net.connect(0)
  const stranger = await net.connect(5)
  const miner = await net.connect(2)

  // 1. What creating a subnet costs now (it rises after each registration and decays over time).
  const lockCost = await owner.getNetworkLockCost()
  const network = await owner.getNetworkParams()
  log(
    `lock cost ${formatHetu(lockCost)} HETU; ${network.totalNetworks} subnets so far, next netuid ${network.nextNetuid}`,
  )

  // 2. Register: approves exactly the lock cost, then creates the subnet, its Alpha token and its pool.
  const created = await owner.registerSubnet({
    name: 'AI Compute Network',
    description: 'Distributed AI computation services',
    tokenName: 'AI Token',
    tokenSymbol: 'AIT',
  })
  const { netuid } = created
  log(`subnet ${netuid} created: locked ${formatHetu(created.lockedAmount)} HETU`)
  log(`  alpha token ${created.alphaToken}, AMM pool ${created.ammPool}`)
  const before = await owner.getSubnetInfo(netuid)
  log(`  active: ${before.isActive}`)

  // 3. Nobody can join an inactive subnet, and only its owner can activate it.
  const notActive = await expectError(
    miner.registerNeuron({ netuid, isValidatorRole: false, axonEndpoint: '127.0.0.1', axonPort: 8091 }),
    SubnetNotActiveError,
  )
  log(`a miner joining now → ${notActive.shortMessage}`)
  const notOwner = await expectError(stranger.activateSubnet({ netuid }), NotOwnerError)
  log(`a stranger activating it → ${notOwner.shortMessage}`)

  // 4. Activate, and let the chain's reward module mint this subnet's Alpha.
  await owner.activateSubnet({ netuid })
  await owner.addSubnetMinter({ netuid })
  const after = await owner.getSubnetInfo(netuid)
  log(`subnet ${netuid} "${after.name}" active: ${after.isActive}`)

  // 5. What the subnet looks like: its parameters and its pool.
  const params = await owner.getSubnetParams(netuid)
  log(
    `  tempo ${params.tempo} blocks, miners stake ≥ ${formatHetu(params.neuronThreshold)}, validators ≥ ${formatHetu(params.validatorThreshold)}, fee ${formatHetu(params.baseNeuronCost)} HETU`,
  )
  const details = await owner.getSubnetDetails(netuid)
  log(
    `  pool: ${formatHetu(details.hetuReserve)} HETU / ${formatHetu(details.alphaReserve)} Alpha, price ${formatHetu(details.spotPrice)} HETU per Alpha`,
  )

  // 6. Now the first miner can join (the SDK stakes the threshold for it first).
  const joined = await miner.registerNeuron({
    netuid,
    isValidatorRole: false,
    axonEndpoint: '127.0.0.1',
    axonPort: 8091,
  })
  log(`miner ${joined.account} joined with ${formatHetu(joined.stake)} HETU`)
  const lockCostAfter = await owner.getNetworkLockCost()
  log(
    `the next subnet costs ${formatHetu(lockCostAfter)} HETU; subnets: ${(await owner.getSubnets()).join(', ')}`,
  )

  return {
    netuid,
    owner: after.owner,
    lockCost,
    lockCostAfter,
    alphaToken: created.alphaToken,
    ammPool: created.ammPool,
    activeBefore: before.isActive,
    activeAfter: after.isActive,
    errors: { joinInactive: notActive.code, strangerActivates: notOwner.code },
    params: {
      tempo: params.tempo,
      neuronThreshold: params.neuronThreshold,
      validatorThreshold: params.validatorThreshold,
    },
    pool: { hetu: details.hetuReserve, alpha: details.alphaReserve, spotPrice: details.spotPrice },
    firstMiner: { account: joined.account, stake: joined.stake, minStake: parseHetu('200') },
  }
}

runIfMain(import.meta.url, main)
