import type { Address } from 'viem'
import { WAD } from '../../consensus/fixedPoint.js'
import {
  type BondsMatrix,
  type DividendsMode,
  type EmissionParams,
  emissionForBlock,
  epochParamsFromHyperparams,
  halvingCount,
  isEpochBlock,
  NO_BONDS,
  type PayoutMode,
  type SubnetEmissionState,
  type YumaEpochParams,
  yumaEpoch,
} from '../../consensus/index.js'
import type { SubnetRecord } from './registry.js'
import type { BlockReport, EpochReport, SkippedSubnet, SubnetBlockReport } from './reports.js'
import { type Credit, injectionCalls, MINTS_PER_GROUP, mintCall, type SystemGroup } from './systemCalls.js'

/** The chain-side bookkeeping of one subnet that the chain keeps between blocks (x/blockinflation, x/stakework). */
export interface SubnetChainState {
  movingPrice: bigint
  alphaOut: bigint
  pendingAlpha: bigint
  pendingOwnerCut: bigint
  bonds: BondsMatrix
}

/** Everything carried from one block to the next; with the chain's history it determines the next block. */
export interface ChainState {
  totalIssued: bigint
  subnets: ReadonlyMap<number, SubnetChainState>
}

/**
 * The state before block `head + 1` of a chain that has emitted since its first block: R is what
 * blocks 1..head issued (so results depend on block numbers only, not on when the module started), no
 * subnet has pending Alpha yet.
 */
export function initialChainState(head: bigint, params: EmissionParams): ChainState {
  let issued = 0n
  let left = head
  // The emission is constant within a halving era: step era by era, not block by block.
  while (left > 0n) {
    const k = halvingCount(issued, params.totalSupply)
    if (k === undefined) break
    const perBlock = params.defaultBlockEmission >> BigInt(k)
    if (perBlock === 0n) break
    const nextEraAt = params.totalSupply - (params.totalSupply >> BigInt(k + 1))
    const blocks = (nextEraAt - issued + perBlock - 1n) / perBlock
    const n = blocks < left ? (blocks > 0n ? blocks : 1n) : left
    issued += n * perBlock
    left -= n
  }
  return { totalIssued: issued, subnets: new Map() }
}

/** A registered neuron as the epoch sees it. */
export interface EpochNeuron {
  address: Address
  stake: bigint
  isValidator: boolean
}

/** What the chain reads for a subnet's epoch. */
export interface EpochInputs {
  neurons: EpochNeuron[]
  /** Each validator's stored vector (validators without weights may be left out). */
  weights: ReadonlyMap<Address, readonly { dest: Address; weight: bigint }[]>
}

/** One active subnet as read at the end of the previous block. */
export interface SubnetInputs {
  record: SubnetRecord
  /** Pool reserves (the chain's TaoIn/AlphaIn after its AMM sync); undefined if the pool did not answer. */
  pool: { taoIn: bigint; alphaIn: bigint } | undefined
  /** Whether the system address may mint the subnet's Alpha. */
  minter: boolean
  /** Present when this block is the subnet's epoch. */
  epoch?: EpochInputs | undefined
}

/** The chain's view at the end of block − 1. */
export interface BlockInputs {
  block: bigint
  registeredSubnets: number
  /** Active subnets (activated before `block`). */
  subnets: SubnetInputs[]
}

export interface PlanSettings {
  system: Address
  whetu: Address
  tempo: number | undefined
  payout: PayoutMode
  dividends: DividendsMode
  params: EmissionParams
  /** Forced over each subnet's derived epoch params. */
  epoch?: Partial<YumaEpochParams>
}

export interface BlockPlan {
  report: BlockReport
  groups: SystemGroup[]
  next: ChainState
}

/** The tempo the module uses for a subnet (the override, else the subnet's own). */
export function tempoOf(record: SubnetRecord, tempoOverride: number | undefined): number {
  return tempoOverride ?? record.tempo
}

/**
 * The chain's BeginBlock for one block (docs/emission.md, block emission to epoch payout), pure: from the
 * state carried over and what the chain reads at the end of the previous block, the block's report, the
 * system transactions to make and the next state. Same inputs, same plan: nothing here reads a clock or
 * depends on iteration order.
 */
export function planBlock(state: ChainState, inputs: BlockInputs, settings: PlanSettings): BlockPlan {
  const { block } = inputs
  const skipped: SkippedSubnet[] = []
  const emitting: SubnetInputs[] = []
  for (const subnet of [...inputs.subnets].sort((a, b) => a.record.netuid - b.record.netuid)) {
    const { netuid } = subnet.record
    if (subnet.record.activatedAt === undefined || subnet.record.activatedAt >= block) continue
    if (!subnet.pool) skipped.push({ netuid, reason: 'pool-unreadable' })
    else if (!subnet.minter) skipped.push({ netuid, reason: 'no-minter' })
    else emitting.push(subnet)
  }

  const carried = (netuid: number): SubnetChainState =>
    state.subnets.get(netuid) ?? {
      movingPrice: WAD,
      alphaOut: 0n,
      pendingAlpha: 0n,
      pendingOwnerCut: 0n,
      bonds: NO_BONDS,
    }
  const emissionStates: SubnetEmissionState[] = emitting.map((s) => ({
    netuid: s.record.netuid,
    firstEmissionBlock: s.record.activatedAt!,
    movingPrice: carried(s.record.netuid).movingPrice,
    taoIn: s.pool!.taoIn,
    alphaIn: s.pool!.alphaIn,
    alphaOut: carried(s.record.netuid).alphaOut,
  }))
  const emission = emissionForBlock({
    block,
    totalIssued: state.totalIssued,
    registeredSubnets: inputs.registeredSubnets,
    subnets: emissionStates,
    params: settings.params,
  })

  const nextSubnets = new Map(state.subnets)
  const after = new Map(emission.subnets.map((s) => [s.netuid, s]))
  const groups: SystemGroup[] = []
  const subnetReports: SubnetBlockReport[] = []
  const epochs: EpochReport[] = []
  for (const coinbase of emission.coinbase) {
    const subnet = emitting.find((s) => s.record.netuid === coinbase.netuid)!
    const { record } = subnet
    const bookkeeping = after.get(coinbase.netuid)!
    let chain: SubnetChainState = {
      ...carried(coinbase.netuid),
      movingPrice: bookkeeping.movingPrice,
      alphaOut: bookkeeping.alphaOut,
    }
    chain.pendingAlpha += coinbase.pending
    chain.pendingOwnerCut += coinbase.ownerCut
    if (coinbase.taoIn > 0n && coinbase.alphaIn > 0n) {
      groups.push({
        block,
        netuid: record.netuid,
        kind: 'injection',
        calls: injectionCalls({
          whetu: settings.whetu,
          alphaToken: record.alphaToken,
          pool: record.ammPool,
          system: settings.system,
          taoIn: coinbase.taoIn,
          alphaIn: coinbase.alphaIn,
        }),
        credits: [],
      })
    }
    const tempo = tempoOf(record, settings.tempo)
    if (subnet.epoch && isEpochBlock(block, record.netuid, tempo)) {
      const outcome = runEpoch(block, record, tempo, chain, subnet.epoch, settings)
      chain = outcome.chain
      epochs.push(outcome.report)
      groups.push(...outcome.groups)
    }
    nextSubnets.set(record.netuid, chain)
    subnetReports.push({
      netuid: record.netuid,
      taoIn: coinbase.taoIn,
      alphaIn: coinbase.alphaIn,
      alphaOut: coinbase.alphaOut,
      ownerCut: coinbase.ownerCut,
      pendingAlpha: chain.pendingAlpha,
      movingPrice: chain.movingPrice,
    })
  }

  return {
    report: {
      block,
      late: false,
      blockEmission: emission.blockEmission,
      subnetShareRatio: emission.subnetShareRatio,
      subnetReward: emission.subnetReward,
      totalIssued: emission.totalIssued,
      registeredSubnets: inputs.registeredSubnets,
      subnets: subnetReports,
      skipped,
      epochs,
    },
    groups,
    next: { totalIssued: emission.totalIssued, subnets: nextSubnets },
  }
}

/** docs/emission.md#epoch-payout: take P and the owner cut, run the epoch, mint what it pays. */
function runEpoch(
  block: bigint,
  record: SubnetRecord,
  tempo: number,
  chain: SubnetChainState,
  inputs: EpochInputs,
  settings: PlanSettings,
): { chain: SubnetChainState; report: EpochReport; groups: SystemGroup[] } {
  const weights = [...inputs.weights.entries()]
    .map(([validator, vector]) => ({
      validator,
      weights: vector.map((w) => ({ dest: w.dest, weight: w.weight })),
    }))
    .sort((a, b) => compareAddresses(a.validator, b.validator))
  const base = {
    netuid: record.netuid,
    block,
    tempo,
    owner: record.owner,
    pendingAlpha: chain.pendingAlpha,
    ownerCut: chain.pendingOwnerCut,
    weights,
  }
  let result: ReturnType<typeof yumaEpoch>
  try {
    result = yumaEpoch({
      participants: inputs.neurons.map((n) => ({ ...n, active: true })),
      weights: new Map(weights.map((w) => [w.validator, w.weights])),
      previousBonds: chain.bonds,
      params: { ...epochParamsFromHyperparams({ rho: record.rho, kappa: record.kappa }), ...settings.epoch },
      pendingAlpha: chain.pendingAlpha,
      ownerCut: chain.pendingOwnerCut,
      rules: { payout: settings.payout, dividends: settings.dividends },
    })
  } catch (err) {
    // Deterministic refusal (bad data on chain): pay nothing now, keep P for the next epoch.
    const error = err instanceof Error ? err.message : String(err)
    return {
      chain,
      report: { ...base, ownerCut: 0n, participants: [], minted: 0n, discarded: 0n, paid: false, error },
      groups: [],
    }
  }

  const credits: Credit[] = []
  for (const p of result.participants) {
    if (p.payout > 0n)
      credits.push({
        address: p.address as Address,
        incentive: p.incentiveAlpha,
        dividend: p.dividendAlpha,
        owner: 0n,
      })
  }
  if (result.ownerPayout > 0n)
    credits.push({ address: record.owner, incentive: 0n, dividend: 0n, owner: result.ownerPayout })
  const groups: SystemGroup[] = []
  for (let i = 0; i < credits.length; i += MINTS_PER_GROUP) {
    const slice = credits.slice(i, i + MINTS_PER_GROUP)
    groups.push({
      block,
      netuid: record.netuid,
      kind: 'payout',
      calls: slice.map((c) => mintCall(record.alphaToken, c.address, c.incentive + c.dividend + c.owner)),
      credits: slice,
    })
  }
  const report: EpochReport = {
    ...base,
    ownerCut: result.ownerPayout,
    participants: result.participants.map((p) => ({
      address: p.address as Address,
      stake: p.stake,
      isValidator: p.isValidator,
      stakeShare: p.stakeShare,
      consensus: p.consensus,
      rank: p.rank,
      incentive: p.incentive,
      dividends: p.dividends,
      incentiveAlpha: p.incentiveAlpha,
      dividendAlpha: p.dividendAlpha,
      payout: p.payout,
    })),
    minted: result.totals.minted,
    discarded:
      chain.pendingAlpha > result.totals.participants ? chain.pendingAlpha - result.totals.participants : 0n,
  }
  return {
    chain: { ...chain, pendingAlpha: 0n, pendingOwnerCut: 0n, bonds: result.bonds },
    report,
    groups,
  }
}

function compareAddresses(a: string, b: string): number {
  const x = a.toLowerCase()
  const y = b.toLowerCase()
  return x < y ? -1 : x > y ? 1 : 0
}
