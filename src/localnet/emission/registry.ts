import { type Address, encodeEventTopics, type Hex, type Log, parseEventLogs } from 'viem'
import { SubnetManagerAbi } from '../../chain/abi/index.js'

/** What the chain's x/event keeps about a subnet, learnt from the SubnetManager's events. */
export interface SubnetRecord {
  netuid: number
  owner: Address
  alphaToken: Address
  ammPool: Address
  /** Hyperparameters the epoch uses (from NetworkRegistered, then SubnetHyperparamsUpdated). */
  tempo: number
  rho: number
  kappa: number
  /** Block of SubnetActivated (the chain's first_emission_block); undefined while inactive. */
  activatedAt: bigint | undefined
}

const EVENT_NAMES = ['NetworkRegistered', 'SubnetActivated', 'SubnetHyperparamsUpdated'] as const

/** topic0 of every event the registry follows, for one eth_getLogs filter. */
export const REGISTRY_TOPICS: Hex[] = EVENT_NAMES.map(
  (eventName) => encodeEventTopics({ abi: SubnetManagerAbi, eventName })[0] as Hex,
)

/**
 * Subnets as the chain indexes them, fed with the SubnetManager's logs in block order. Unlike the
 * chain (docs/emission.md#how-contract-events-reach-the-chain) only logs of the real SubnetManager count: the
 * caller filters by its address.
 */
export class SubnetRegistry {
  readonly #subnets = new Map<number, SubnetRecord>()

  /** Subnets registered so far (active or not): the N of the subnet share. */
  get registeredCount(): number {
    return this.#subnets.size
  }

  /** Every subnet, sorted by netuid. */
  list(): SubnetRecord[] {
    return [...this.#subnets.values()].sort((a, b) => a.netuid - b.netuid)
  }

  get(netuid: number): SubnetRecord | undefined {
    return this.#subnets.get(netuid)
  }

  /** Applies raw logs (any order; sorted here by block and index). Returns whether anything changed. */
  apply(rawLogs: readonly Log[]): boolean {
    const logs = parseEventLogs({ abi: SubnetManagerAbi, logs: [...rawLogs], eventName: [...EVENT_NAMES] })
    logs.sort((a, b) =>
      a.blockNumber === b.blockNumber
        ? (a.logIndex ?? 0) - (b.logIndex ?? 0)
        : (a.blockNumber ?? 0n) < (b.blockNumber ?? 0n)
          ? -1
          : 1,
    )
    let changed = false
    for (const log of logs) {
      if (log.eventName === 'NetworkRegistered') {
        const { netuid, owner, alphaToken, ammPool, hyperparams } = log.args
        this.#subnets.set(netuid, {
          netuid,
          owner,
          alphaToken,
          ammPool,
          tempo: hyperparams.tempo,
          rho: hyperparams.rho,
          kappa: hyperparams.kappa,
          activatedAt: undefined,
        })
        changed = true
      } else if (log.eventName === 'SubnetActivated') {
        const subnet = this.#subnets.get(log.args.netuid)
        if (subnet && subnet.activatedAt === undefined) {
          subnet.activatedAt = log.blockNumber ?? log.args.blockNumber
          changed = true
        }
      } else {
        const subnet = this.#subnets.get(log.args.netuid)
        if (subnet) {
          const { tempo, rho, kappa } = log.args.hyperparams
          Object.assign(subnet, { tempo, rho, kappa })
          changed = true
        }
      }
    }
    return changed
  }
}
