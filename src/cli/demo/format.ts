import { formatHetu } from '../../chain/amounts.js'
import {
  type CollaborationResult,
  type CollaborationSetup,
  DEMO_RHO,
  type EpochSummary,
  type MinerSummary,
} from './collaboration.js'

/** A fixed number of decimals, padded (formatHetu trims trailing zeros). */
function amount(wei: bigint, decimals = 4): string {
  const [whole, fraction = ''] = formatHetu(wei, { maxDecimals: decimals }).split('.')
  return `${whole}.${fraction.padEnd(decimals, '0')}`
}

const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`

const COLUMNS = [
  ['miner', 13, (m: MinerSummary) => short(m.address)],
  ['answers', 8, (m: MinerSummary) => m.behaviour],
  ['stake', 8, (m: MinerSummary) => amount(m.stake, 0).replace(/\.$/, '')],
  ['score', 6, (m: MinerSummary) => m.score.toFixed(3)],
  ['weight', 8, (m: MinerSummary) => m.weight.toLocaleString('en-US')],
  ['incentive', 9, (m: MinerSummary) => `${(m.incentive * 100).toFixed(1)} %`],
  ['Alpha/epoch', 11, (m: MinerSummary) => amount(m.alphaThisEpoch)],
  ['Alpha total', 11, (m: MinerSummary) => amount(m.alphaEarned)],
] as const

function row(cells: readonly string[]): string {
  return `  ${cells.map((cell, i) => (i < 2 ? cell.padEnd(COLUMNS[i]![1]) : cell.padStart(COLUMNS[i]![1]))).join('  ')}`
}

/** Printed before the first table: who takes part and the epoch parameter that shapes the results. */
export function formatHeader(setup: CollaborationSetup): string {
  const count = (behaviour: string) => setup.miners.filter((m) => m.behaviour === behaviour).length
  const stakes = setup.validatorStakes.map((s) => amount(s, 0).replace(/\.$/, '')).join(' and ')
  return [
    `Subnet ${setup.netuid}: ${setup.miners.length} miners (${count('honest')} honest, ${count('wrong')} wrong, ${count('slow')} slow), ${setup.validatorStakes.length} validators (stake ${stakes} HETU).`,
    `An epoch every ${setup.tempo + 1} blocks, a block every ${setup.blockTime} s. Incentive ∝ rank^ρ with ρ = ${setup.rho}, set on the`,
    `localnet's chain side${setup.rho === DEMO_RHO ? " (the chain's own default)" : ''}: the subnet hyperparameter rho reaches at most ρ = 0.1, where`,
    `slow and wrong miners earn ~90 % and ~80 % of an honest miner's Alpha; its default ρ = 0.001 pays all alike.`,
    `Runs on the ${setup.rules} rule set because validators earn dividends in proportion to their stake there; the`,
    `public chain's rules (the localnet's default) credit dividends to the weighted miners instead.`,
  ].join('\n')
}

/** The table printed after each epoch, and what the client got through the validator's gateway. */
export function formatEpoch(epoch: EpochSummary): string {
  const { client } = epoch
  const last = client.last
  return [
    `Epoch ${epoch.index} (block ${epoch.block}, ${amount(epoch.pendingAlpha)} Alpha paid out)`,
    row(COLUMNS.map(([name]) => name)),
    ...epoch.miners.map((m) => row(COLUMNS.map(([, , cell]) => cell(m)))),
    `  client → validator gateway: ${client.answered} of ${client.requests} tasks answered by consensus${
      last
        ? `; last "${last.task}" → "${last.answer}" (agreement ${(last.agreement * 100).toFixed(0)} %, ${last.agreeing} of ${last.answers} answers)`
        : ''
    }`,
  ].join('\n')
}

/** The closing summary: Alpha held by each neuron on chain, by behaviour. */
export function formatResult(result: CollaborationResult): string {
  const honest = result.miners.filter((m) => m.behaviour === 'honest')
  const mean = honest.reduce((sum, m) => sum + m.alphaEarned, 0n) / BigInt(Math.max(1, honest.length))
  const lines = [
    `After ${result.epochs} epochs on subnet ${result.netuid} (${(result.durationMs / 1000).toFixed(1)} s), Alpha held on chain:`,
    ...result.miners.map((m) => {
      const relative =
        mean === 0n
          ? ''
          : ` (${((Number(m.alphaEarned) / Number(mean)) * 100).toFixed(0)} % of an honest miner's mean)`
      return `  miner     ${short(m.address)}  ${m.behaviour.padEnd(6)}  ${amount(m.alphaEarned).padStart(10)}${m.behaviour === 'honest' ? '' : relative}`
    }),
    ...result.validators.map(
      (v) =>
        `  validator ${short(v.address)}  ${'-'.padEnd(6)}  ${amount(v.alphaEarned).padStart(10)}  (dividends, stake ${amount(v.stake, 0).replace(/\.$/, '')})`,
    ),
    `A client's tasks through the first validator's gateway: ${result.client.answered} of ${result.client.requests} answered by the miners' consensus.`,
  ]
  return lines.join('\n')
}

/** The `--json` object: amounts as decimal strings of wei. */
export function resultJson(result: CollaborationResult) {
  return {
    netuid: result.netuid,
    epochs: result.epochs,
    rho: result.rho,
    miners: result.miners.map((m) => ({
      address: m.address,
      honest: m.honest,
      behaviour: m.behaviour,
      stake: m.stake.toString(),
      score: m.score,
      weight: m.weight,
      incentive: m.incentive,
      alphaEarned: m.alphaEarned.toString(),
    })),
    validators: result.validators.map((v) => ({
      address: v.address,
      stake: v.stake.toString(),
      alphaEarned: v.alphaEarned.toString(),
    })),
    client: result.client,
  }
}
