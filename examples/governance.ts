// Parameter governance (the Python SDK README's update_subnet_parameters and update_economic_policy): the
// network owner (the account that deployed SubnetManager; dev account 0 on the localnet) changes a subnet's
// hyperparameters and the network-wide registration policy. Everyone else is refused.
//
//   npx tsx examples/governance.ts

import {
  formatHetu,
  InvalidContractArgumentError,
  InvalidHyperparamsError,
  NotOwnerError,
  parseHetu,
  StakeBelowThresholdError,
  type SubnetHyperparams,
} from 'hetu-subnet'
import { checkSubnetParams, SubnetManagerAbi } from 'hetu-subnet/actions'
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
  // The Python SDK README's validate_parameter_changes: checkSubnetParams applies the contract's rules to the
  // whole set an update writes, current values included. On the public contracts a subnet created with the
  // defaults carries weightsRateLimit 15000, which breaks them, so its first update must fix it too.
  const inherited = checkSubnetParams({ ...current, ...change })
  if (inherited.length > 0) {
    log(
      `current values the contract refuses: ${inherited.map((p) => `${p.field} ${p.value} ${p.rule}`).join('; ')}`,
    )
    const unfixed = await expectError(
      owner.updateSubnetParams({ netuid, params: change }),
      InvalidHyperparamsError,
    )
    log(`updating without fixing them → ${unfixed.shortMessage}\n  hint: ${unfixed.hint}`)
  }
  const fix: Partial<SubnetHyperparams> = inherited.some((p) => p.field === 'weightsRateLimit')
    ? { weightsRateLimit: 8_000n }
    : {}
  const problems = checkSubnetParams({ ...current, ...change, ...fix })
  if (problems.length > 0) throw new Error(`invalid parameters: ${problems.map((p) => p.field).join(', ')}`)
  const updated = await owner.updateSubnetParams({ netuid, params: { ...change, ...fix } })
  const after = await owner.getSubnetParams(netuid)
  log(
    `subnet ${netuid}: tempo ${current.tempo} → ${after.tempo}, validator threshold ${formatHetu(current.validatorThreshold)} → ${formatHetu(after.validatorThreshold)} HETU, max uids ${current.maxAllowedUids} → ${after.maxAllowedUids} (block ${updated.blockNumber})`,
  )

  // Our local check catches this one before anything is sent…
  const tooLow = checkSubnetParams({ ...after, validatorThreshold: parseHetu('100') })
  log(`check { validatorThreshold: 100 } → ${tooLow.map((p) => `${p.field} ${p.rule}`).join('; ')}`)
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
      inheritedProblems: inherited.map((p) => p.field),
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

runIfMain(import.meta.url, main)
