import type { Address } from 'viem'
import type { ChainState } from './planBlock.js'
import type { BlockReport, EmissionTotals, SubnetTotals } from './reports.js'
import type { SystemGroup } from './systemCalls.js'

type Mutable = Omit<SubnetTotals, 'earned' | 'alphaMinted' | 'pendingAlpha' | 'pendingOwnerCut'> & {
  earned: Map<Address, bigint>
}

/** Cumulative amounts, fed with each mined block's report and which of its system transactions landed. */
export class TotalsLedger {
  #blocks = 0
  #lastBlock = 0n
  #issued = 0n
  #subnetReward = 0n
  readonly #subnets = new Map<number, Mutable>()

  #subnet(netuid: number): Mutable {
    let t = this.#subnets.get(netuid)
    if (!t) {
      t = {
        netuid,
        blocks: 0,
        epochs: 0,
        taoInjected: 0n,
        alphaInjected: 0n,
        alphaEmitted: 0n,
        ownerPaid: 0n,
        incentivePaid: 0n,
        dividendsPaid: 0n,
        discarded: 0n,
        failed: 0n,
        earned: new Map(),
      }
      this.#subnets.set(netuid, t)
    }
    return t
  }

  /** `landed(group)` says whether that group's transaction succeeded. */
  record(report: BlockReport, groups: readonly SystemGroup[], landed: (group: SystemGroup) => boolean): void {
    this.#blocks++
    this.#lastBlock = report.block
    this.#issued += report.blockEmission
    this.#subnetReward += report.subnetReward
    for (const s of report.subnets) {
      const t = this.#subnet(s.netuid)
      t.blocks++
      t.alphaEmitted += s.alphaOut
    }
    for (const e of report.epochs) {
      const t = this.#subnet(e.netuid)
      t.epochs++
      t.discarded += e.discarded
    }
    for (const group of groups) {
      const t = this.#subnet(group.netuid)
      const ok = landed(group)
      if (group.kind === 'injection') {
        const s = report.subnets.find((x) => x.netuid === group.netuid)!
        if (ok) {
          t.taoInjected += s.taoIn
          t.alphaInjected += s.alphaIn
        } else t.failed += s.alphaIn
        continue
      }
      for (const c of group.credits) {
        const amount = c.incentive + c.dividend + c.owner
        if (!ok) {
          t.failed += amount
          continue
        }
        t.incentivePaid += c.incentive
        t.dividendsPaid += c.dividend
        t.ownerPaid += c.owner
        t.earned.set(c.address, (t.earned.get(c.address) ?? 0n) + amount)
      }
    }
  }

  snapshot(state: ChainState): EmissionTotals {
    const subnets = [...this.#subnets.values()]
      .sort((a, b) => a.netuid - b.netuid)
      .map((t): SubnetTotals => {
        const chain = state.subnets.get(t.netuid)
        return {
          ...t,
          pendingAlpha: chain?.pendingAlpha ?? 0n,
          pendingOwnerCut: chain?.pendingOwnerCut ?? 0n,
          alphaMinted: t.alphaInjected + t.ownerPaid + t.incentivePaid + t.dividendsPaid,
          earned: Object.fromEntries([...t.earned.entries()].sort(([a], [b]) => (a < b ? -1 : 1))),
        }
      })
    return {
      blocks: this.#blocks,
      lastBlock: this.#lastBlock,
      issued: this.#issued,
      subnetReward: this.#subnetReward,
      subnets,
    }
  }
}
