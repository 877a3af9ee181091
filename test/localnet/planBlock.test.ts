// The module's pure core: one block of the chain's BeginBlock from the carried state and the reads.
import type { Address } from 'viem'
import { describe, expect, it } from 'vitest'
import { blockEmission, DEFAULT_EMISSION_PARAMS, type EmissionParams } from '../../src/consensus/index.js'
import {
  addInjections,
  type BlockInputs,
  type ChainState,
  initialChainState,
  NO_PENDING,
  type PlanSettings,
  planBlock,
  type SubnetInputs,
  withPending,
} from '../../src/localnet/emission/planBlock.js'

const E0 = DEFAULT_EMISSION_PARAMS.defaultBlockEmission
const addr = (n: number) => `0x${n.toString(16).padStart(40, '0')}` as Address
const settings: PlanSettings = {
  system: addr(0x5),
  whetu: addr(0x6),
  tempo: undefined,
  payout: 'conserving',
  dividends: 'bondHolder',
  params: DEFAULT_EMISSION_PARAMS,
}

function subnet(netuid: number, overrides: Partial<SubnetInputs> = {}, tempo = 9): SubnetInputs {
  return {
    record: {
      netuid,
      owner: addr(0x100 + netuid),
      alphaToken: addr(0x200 + netuid),
      ammPool: addr(0x300 + netuid),
      tempo,
      rho: 1000,
      kappa: 32767,
      activatedAt: 10n,
    },
    pool: { taoIn: 100n * E0, alphaIn: 100n * E0 },
    minter: true,
    ...overrides,
  }
}

const inputs = (block: bigint, subnets: SubnetInputs[]): BlockInputs => ({
  block,
  registeredSubnets: subnets.length,
  subnets,
})

describe('planBlock', () => {
  it('emits to activated subnets with the minter only, and says why the others are left out', () => {
    const state = initialChainState(19n, DEFAULT_EMISSION_PARAMS)
    const plan = planBlock({
      state,
      chain: inputs(20n, [
        subnet(3, { minter: false }),
        subnet(1),
        subnet(2, { pool: undefined }),
        subnet(4, { record: { ...subnet(4).record, activatedAt: 20n } }), // activated in this very block
      ]),
      settings,
    })
    expect(plan.report.subnets.map((s) => s.netuid)).toEqual([1])
    expect(plan.report.skipped).toEqual([
      { netuid: 2, reason: 'pool-unreadable' },
      { netuid: 3, reason: 'no-minter' },
    ])
    expect(plan.report.registeredSubnets).toBe(4)
    expect(plan.groups.map((g) => [g.netuid, g.kind, g.calls.length])).toEqual([[1, 'injection', 5]])
    expect(plan.next.totalIssued).toBe(20n * E0)
  })

  it('plans on what the chain says plus what is pending, and passes the pending on', () => {
    const state = initialChainState(25n, DEFAULT_EMISSION_PARAMS)
    const chain = inputs(26n, [subnet(1), subnet(2, { pool: undefined }), subnet(3)])
    const pending = new Map([
      [1, { taoIn: 7n * E0, alphaIn: 3n * E0 }],
      [2, { taoIn: E0, alphaIn: E0 }], // unreadable pool: stays unreadable
    ])
    const merged = withPending(chain, pending)
    expect(merged.subnets.map((s) => s.pool)).toEqual([
      { taoIn: 107n * E0, alphaIn: 103n * E0 },
      undefined,
      { taoIn: 100n * E0, alphaIn: 100n * E0 },
    ])
    expect(chain.subnets[0]!.pool).toEqual({ taoIn: 100n * E0, alphaIn: 100n * E0 }) // inputs untouched
    expect(withPending(chain, NO_PENDING)).toBe(chain)

    // Planning over the chain and the pending = planning over the merged view, as if it were the chain.
    const plan = planBlock({ state, chain, pending, settings })
    const asRead = planBlock({ state, chain: merged, settings })
    expect(plan.report).toEqual(asRead.report)
    expect(plan.groups).toEqual(asRead.groups)
    expect(plan.next).toEqual(asRead.next)
    // What is pending after the block: the earlier pending plus this block's injections.
    expect(plan.pending).toEqual(addInjections(pending, plan.report, plan.groups))
    const injected = plan.report.subnets.find((s) => s.netuid === 3)!
    expect(plan.pending.get(3)).toEqual({ taoIn: injected.taoIn, alphaIn: injected.alphaIn })
    const one = plan.report.subnets.find((s) => s.netuid === 1)!
    expect(plan.pending.get(1)).toEqual({ taoIn: 7n * E0 + one.taoIn, alphaIn: 3n * E0 + one.alphaIn })
    expect(plan.pending.get(2)).toEqual({ taoIn: E0, alphaIn: E0 })
    expect(pending.get(1)).toEqual({ taoIn: 7n * E0, alphaIn: 3n * E0 }) // not mutated
  })

  it('does not depend on the order of its inputs', () => {
    const state = initialChainState(25n, DEFAULT_EMISSION_PARAMS)
    const a = [subnet(1), subnet(2, { pool: { taoIn: 150n * E0, alphaIn: 90n * E0 } }), subnet(7)]
    const one = planBlock({ state, chain: inputs(26n, a), settings })
    const two = planBlock({ state, chain: inputs(26n, [a[2]!, a[0]!, a[1]!]), settings })
    expect(two.report).toEqual(one.report)
    expect(two.groups).toEqual(one.groups)
  })

  it('runs an epoch with the tempo override and keeps P pending when the epoch maths refuses the data', () => {
    const carried: ChainState = {
      totalIssued: 0n,
      subnets: new Map([
        [
          1,
          {
            movingPrice: E0,
            alphaOut: 0n,
            pendingAlpha: 5n * E0,
            pendingOwnerCut: E0,
            bonds: { rows: [], columns: [], values: new Float64Array(0) },
          },
        ],
      ]),
    }
    const validator = addr(0xa1)
    const epoch = {
      neurons: [
        { address: validator, stake: 500n * E0, isValidator: true },
        { address: addr(0xb1), stake: 200n * E0, isValidator: false },
      ],
      weights: new Map([[validator, [{ dest: 'not an address' as Address, weight: 1n }]]]),
    }
    // tempo 3 (override of the subnet's 9): netuid 1 runs at (b + 2) % 4 == 0, e.g. b = 26 (not 28).
    const plan = planBlock({
      state: carried,
      chain: inputs(26n, [subnet(1, { epoch })]),
      settings: { ...settings, tempo: 3 },
    })
    const [report] = plan.report.epochs
    expect(report?.tempo).toBe(3)
    expect(report?.error).toMatch(/address/)
    expect(report?.paid).toBe(false)
    expect(plan.groups.every((g) => g.kind === 'injection')).toBe(true)
    const next = plan.next.subnets.get(1)!
    expect(next.pendingAlpha).toBe(
      5n * E0 + plan.report.subnets[0]!.alphaOut - plan.report.subnets[0]!.ownerCut,
    )
    expect(next.pendingOwnerCut).toBe(E0 + plan.report.subnets[0]!.ownerCut)

    // Block 28 is an epoch under the subnet's own tempo 9, not under the override.
    const override = { ...settings, tempo: 3 }
    expect(
      planBlock({ state: carried, chain: inputs(28n, [subnet(1, { epoch })]), settings: override }).report
        .epochs,
    ).toEqual([])
    expect(
      planBlock({ state: carried, chain: inputs(28n, [subnet(1, { epoch })]), settings }).report.epochs
        .length,
    ).toBe(1)
  })

  it('pays by the rules chosen: conserving/bondHolder by default, the chain’s chain/receiver on request', () => {
    const validator = addr(0xa1)
    const [honest, other] = [addr(0xb1), addr(0xb2)]
    const epoch = {
      neurons: [
        { address: validator, stake: 500n * E0, isValidator: true },
        { address: honest, stake: 200n * E0, isValidator: false },
        { address: other, stake: 200n * E0, isValidator: false },
      ],
      weights: new Map([
        [
          validator,
          [
            { dest: honest, weight: 800_000n },
            { dest: other, weight: 200_000n },
          ],
        ],
      ]),
    }
    const state = initialChainState(25n, DEFAULT_EMISSION_PARAMS)
    const run = (rules: Pick<PlanSettings, 'payout' | 'dividends'>) => {
      const [report] = planBlock({
        state,
        chain: inputs(26n, [subnet(1, { epoch })]),
        settings: { ...settings, ...rules, tempo: 3 },
      }).report.epochs
      return new Map(report!.participants.map((p) => [p.address, p]))
    }
    const yuma = run({ payout: 'conserving', dividends: 'bondHolder' })
    expect(yuma.get(validator)!.dividendAlpha).toBeGreaterThan(0n)
    expect(yuma.get(honest)!.dividendAlpha).toBe(0n)
    expect(yuma.get(honest)!.incentiveAlpha).toBeGreaterThan(yuma.get(other)!.incentiveAlpha)
    const chain = run({ payout: 'chain', dividends: 'receiver' })
    expect(chain.get(validator)!.payout).toBe(0n) // nobody weighted the validator
    expect(chain.get(honest)!.dividendAlpha).toBeGreaterThan(0n)
  })

  it('starts from the issuance of every block since genesis, era by era like the schedule', () => {
    const naive = (head: bigint, p: EmissionParams) => {
      let issued = 0n
      for (let b = 0n; b < head; b++) issued += blockEmission(issued, p.totalSupply, p.defaultBlockEmission)
      return issued
    }
    const small = { ...DEFAULT_EMISSION_PARAMS, totalSupply: 1000n, defaultBlockEmission: 300n }
    for (let head = 0n; head < 120n; head++)
      expect(initialChainState(head, small).totalIssued).toBe(naive(head, small))
    expect(initialChainState(30n, DEFAULT_EMISSION_PARAMS).totalIssued).toBe(30n * E0)
  })
})
