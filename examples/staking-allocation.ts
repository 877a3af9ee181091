// Staking and allocation (the Python SDK README's stake_in_mainnet and allocate_to_subnet): a new wallet
// stakes globally, joins a subnet (which allocates its stake), raises and lowers the allocation, leaves and
// unstakes. The mistakes the chain punishes are shown as the typed errors they become. The same code runs on
// both localnet rule sets: the public contracts let a registered miner drop below its threshold and keep the
// allocation after leaving; the fixed rule set refuses the one and releases the other.
//
//   npx tsx examples/staking-allocation.ts
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  AllocationBeforeRegistrationError,
  formatHetu,
  type HetuSubnet,
  parseHetu,
  StakeLockedError,
  Wallet,
} from 'hetu-subnet'
import { type ExampleOptions, openNetwork } from './lib/network.js'
import { expectError, runIfMain } from './lib/run.js'

export async function main(options: ExampleOptions = {}) {
  const log = options.log ?? console.log
  await using net = await openNetwork(options)
  const walletDir = await mkdtemp(join(tmpdir(), 'hetu-example-wallets-'))
  try {
    const owner = await net.connect(0)
    const { netuid } = await owner.registerSubnet({
      name: 'Staking demo',
      description: '',
      tokenName: 'Stake Alpha',
      tokenSymbol: 'STK',
    })
    await owner.activateSubnet({ netuid })

    // A fresh wallet (coldkey + hotkey, encrypted V3 keystores). The light scrypt setting only makes
    // the example quick; leave the default (2^18) for real keys.
    const password = 'correct horse battery staple'
    const wallet = await Wallet.create({ name: 'alice', password, dir: walletDir, scryptN: 1024 })
    log(`wallet alice: coldkey ${wallet.coldkeyAddress}, hotkey ${wallet.hotkeyAddress}`)
    // The hotkey stakes and registers (on Hetu the neuron is the account whose stake is allocated).
    await owner.transfer({ to: wallet.hotkeyAddress, amount: parseHetu('1000') })

    // The Python SDK's hetu.set_wallet_from_username: unlock the named wallet and sign with its hotkey.
    const alice = await net.connect(undefined, { walletDir })
    await alice.setWalletFromUsername('alice', password)
    const steps: Snapshot[] = []
    const snapshot = async (step: string) => {
      const s = await stakeSnapshot(alice, netuid, step)
      steps.push(s)
      log(
        `${step.padEnd(34)} staked ${formatHetu(s.totalStaked).padStart(4)}  allocated ${formatHetu(s.allocated).padStart(4)}  available ${formatHetu(s.available).padStart(4)}`,
      )
    }

    // 1. Stake globally. Native HETU is wrapped to WHETU and approved for GlobalStaking on the way.
    const staked = await alice.addGlobalStake({ amount: parseHetu('500') })
    log(`staked 500 HETU (${staked.prerequisites.map((p) => p.step).join(' + ')} first)`)
    await snapshot('after addGlobalStake(500)')

    // 2. Allocating before registering would make the registration fail: the SDK refuses.
    const early = await expectError(
      alice.allocateToSubnet({ netuid, amount: parseHetu('250') }),
      AllocationBeforeRegistrationError,
    )
    log(`allocate before registering → ${early.code}: ${early.shortMessage}`)

    // 3. Registering allocates the stake itself (and takes the 1 HETU fee from available stake).
    await alice.registerNeuron({
      netuid,
      isValidatorRole: false,
      axonEndpoint: '127.0.0.1',
      axonPort: 8091,
      stake: parseHetu('200'),
    })
    await snapshot('after registerNeuron(stake 200)')

    // 4. allocateToSubnet *sets* the allocation (it does not add).
    await alice.allocateToSubnet({ netuid, amount: parseHetu('350') })
    await snapshot('after allocateToSubnet(350)')

    // 5. Take some back (the Python SDK README's withdraw_from_subnet).
    await alice.deallocateFromSubnet({ netuid, amount: parseHetu('100') })
    await snapshot('after deallocateFromSubnet(100)')

    // 6. Below the miner threshold (200): the fixed rule set keeps it locked; the public contracts let
    //    it go and the miner stays registered (its stake, read live, is what the chain counts).
    const belowThreshold = await alice
      .deallocateFromSubnet({ netuid, amount: parseHetu('100') })
      .then(() => null)
      .catch((err: unknown) => {
        if (err instanceof StakeLockedError) return err
        throw err
      })
    const neuron = await alice.getNeuronInfo(netuid, wallet.hotkeyAddress)
    log(
      belowThreshold
        ? `withdraw below the threshold → ${belowThreshold.code}: ${belowThreshold.shortMessage}`
        : `withdraw below the threshold → allowed (public rules): still registered with ${formatHetu(neuron?.stake ?? 0n)} HETU`,
    )
    await snapshot('after deallocateFromSubnet(100) again')

    // 7. Leave the subnet. `release` takes back what stays allocated (the public contracts keep it).
    const left = await alice.deregisterNeuron({ netuid, release: true })
    log(`left subnet ${netuid}; ${formatHetu(left.released)} HETU released after leaving`)
    await snapshot('after deregisterNeuron(release)')

    // 8. Unstake what is not allocated, and unwrap it back to native HETU.
    const { available } = await alice.getStakeInfo()
    await alice.removeGlobalStake({ amount: available })
    await alice.unwrapHetu({ amount: available })
    await snapshot(`after removeGlobalStake(${formatHetu(available)})`)
    const balances = await alice.getBalances()
    log(
      `alice now holds ${formatHetu(balances.native, { maxDecimals: 2 })} HETU, ${formatHetu(balances.whetu)} WHETU`,
    )

    return {
      netuid,
      hotkey: wallet.hotkeyAddress,
      steps,
      errors: {
        allocateBeforeRegistration: early.code,
        withdrawBelowThreshold: belowThreshold?.code ?? null,
      },
      belowThreshold: { registered: neuron !== null, stake: neuron?.stake ?? 0n },
      released: left.released,
    }
  } finally {
    await rm(walletDir, { recursive: true, force: true })
  }
}

interface Snapshot {
  step: string
  totalStaked: bigint
  allocated: bigint
  available: bigint
  cost: bigint
}

/**
 * The Python SDK's check_stake_status for one subnet: global stake, this subnet's allocation, what is left.
 */
async function stakeSnapshot(hetu: HetuSubnet, netuid: number, step: string): Promise<Snapshot> {
  const [info, allocation] = await Promise.all([hetu.getStakeInfo(), hetu.getSubnetAllocation(netuid)])
  return {
    step,
    totalStaked: info.totalStaked,
    allocated: allocation.allocated,
    available: info.available,
    cost: info.totalCost,
  }
}

runIfMain(import.meta.url, main)
