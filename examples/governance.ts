// Parameter governance (the seed's update_subnet_parameters and update_economic_policy): the network
// owner (the account that deployed SubnetManager; dev account 0 on the localnet) changes a subnet's
// hyperparameters and the network-wide registration policy. Everyone else is refused.
//
//   npx tsx examples/governance.ts
import {
  formatHetu,
  InvalidContractArgumentError,
  NotOwnerError,
  parseHetu,
  StakeBelowThresholdError,
  type SubnetHyperparams,
  SubnetManagerAbi,
} from 'hetu-subnet'
import { waitForTransactionReceipt, writeContract } from 'viem/actions'
import { type ExampleOptions, openNetwork } from './lib/network.js'
import { expectError, runIfMain } from './lib/run.js'

export async function main(options: ExampleOptions = {}) {
  const log = options.log ?? console.log
  await using net = await openNetwork(options)
  const owner = await net.connect(0)
  const stranger = await net.connect(5)

  const { netuid } = await owner.registerSubnet({
    name: 'Governed subnet',
    description: '',
    tokenName: 'Gov Alpha',
    tokenSymbol: 'GOV',
  })
  await owner.activateSubnet({ netuid })

  // 1. Subnet hyperparameters: read, check the change, submit only the fields that change.
  const current = await owner.getSubnetParams(netuid)
  const change: Partial<SubnetHyperparams> = {
    tempo: 360,
    validatorThreshold: parseHetu('1000'),
    maxAllowedUids: 512,
  }
  const problems = validateParameterChanges(current, change)
  if (problems.length > 0) throw new Error(`invalid parameter changes: ${problems.join('; ')}`)
  const updated = await owner.updateSubnetParams({ netuid, params: change })
  const after = await owner.getSubnetParams(netuid)
  log(
    `subnet ${netuid}: tempo ${current.tempo} → ${after.tempo}, validator threshold ${formatHetu(current.validatorThreshold)} → ${formatHetu(after.validatorThreshold)} HETU, max uids ${current.maxAllowedUids} → ${after.maxAllowedUids} (block ${updated.blockNumber})`,
  )

  // Our local check catches this one before anything is sent…
  log(
    `validate { validatorThreshold: 100 } → ${validateParameterChanges(after, { validatorThreshold: parseHetu('100') })}`,
  )
  // …and the contract refuses what gets past it, as a typed error.
  const rejected = await expectError(
    owner.updateSubnetParams({ netuid, params: { tempo: 20_000 } }),
    InvalidContractArgumentError,
  )
  log(`tempo 20000 → ${rejected.code}: ${rejected.shortMessage}`)
  const refused = await expectError(
    stranger.updateSubnetParams({ netuid, params: { tempo: 1 } }),
    NotOwnerError,
  )
  log(`a stranger changing tempo → ${refused.shortMessage}`)

  // The new threshold is enforced: a validator with 500 HETU can no longer join.
  const validator = await net.connect(1)
  const belowThreshold = await expectError(
    validator.registerNeuron({
      netuid,
      isValidatorRole: true,
      axonEndpoint: '',
      axonPort: 0,
      stake: parseHetu('500'),
    }),
    StakeBelowThresholdError,
  )
  log(`validator with 500 HETU → ${belowThreshold.shortMessage}`)

  // 2. Network-wide policy: the minimum lock, the blocks between two subnet registrations, and how
  //    fast the lock cost decays.
  const policyBefore = await owner.getNetworkParams()
  try {
    await owner.updateNetworkConfig({ minLock: parseHetu('50'), rateLimit: 100n, reductionInterval: 2_000n })
    const policyAfter = await owner.getNetworkParams()
    log(
      `network: min lock ${formatHetu(policyBefore.minLock)} → ${formatHetu(policyAfter.minLock)} HETU, rate limit ${policyBefore.rateLimit} → ${policyAfter.rateLimit} blocks, reduction interval ${policyBefore.reductionInterval} → ${policyAfter.reductionInterval} blocks`,
    )
    const policyRefused = await expectError(
      stranger.updateNetworkConfig({ minLock: parseHetu('1') }),
      NotOwnerError,
    )
    log(`a stranger changing the policy → ${policyRefused.code}`)
    return {
      netuid,
      subnetParams: {
        before: {
          tempo: current.tempo,
          validatorThreshold: current.validatorThreshold,
          maxAllowedUids: current.maxAllowedUids,
        },
        after: {
          tempo: after.tempo,
          validatorThreshold: after.validatorThreshold,
          maxAllowedUids: after.maxAllowedUids,
        },
      },
      networkParams: {
        before: {
          minLock: policyBefore.minLock,
          rateLimit: policyBefore.rateLimit,
          reductionInterval: policyBefore.reductionInterval,
        },
        after: {
          minLock: policyAfter.minLock,
          rateLimit: policyAfter.rateLimit,
          reductionInterval: policyAfter.reductionInterval,
        },
      },
      errors: {
        invalidTempo: rejected.code,
        strangerSubnetParams: refused.code,
        validatorBelowNewThreshold: belowThreshold.code,
        strangerNetworkConfig: policyRefused.code,
      },
    }
  } finally {
    // Put the localnet's dev policy back (a subnet per block, which updateNetworkConfig's range
    // of 100…50 000 blocks cannot express) so other examples can run on the same localnet.
    const hash = await writeContract(owner.client, {
      address: owner.network.contracts.SubnetManager,
      abi: SubnetManagerAbi,
      functionName: 'updateNetworkParams',
      args: [policyBefore.minLock, policyBefore.rateLimit, policyBefore.reductionInterval],
      account: owner.account!,
    })
    await waitForTransactionReceipt(owner.client, { hash })
  }
}

/** The seed's validate_parameter_changes: a few of the contract's rules, checked before sending. */
function validateParameterChanges(current: SubnetHyperparams, change: Partial<SubnetHyperparams>): string[] {
  const next = { ...current, ...change }
  const problems: string[] = []
  if (next.tempo < 1 || next.tempo > 10_000) problems.push('tempo must be 1…10 000 blocks')
  if (next.neuronThreshold === 0n) problems.push('neuronThreshold must be above 0')
  if (next.validatorThreshold < next.neuronThreshold)
    problems.push('validatorThreshold must be at least neuronThreshold')
  if (next.maxValidators > next.maxAllowedValidators)
    problems.push('maxValidators above maxAllowedValidators')
  return problems
}

runIfMain(import.meta.url, main)
