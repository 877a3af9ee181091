import { formatHetu } from '../../chain/amounts.js'
import type { CollaborationResult, EpochSummary, MinerSummary } from './collaboration.js'

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

/** The table printed after each epoch. */
export function formatEpoch(epoch: EpochSummary): string {
  return [
    `Epoch ${epoch.index} (block ${epoch.block}, ${amount(epoch.pendingAlpha)} Alpha paid out)`,
    row(COLUMNS.map(([name]) => name)),
    ...epoch.miners.map((m) => row(COLUMNS.map(([, , cell]) => cell(m)))),
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
        `  validator ${short(v.address)}  ${'-'.padEnd(6)}  ${amount(v.alphaEarned).padStart(10)}  (dividends)`,
    ),
  ]
  return lines.join('\n')
}

/** The `--json` object: amounts as decimal strings of wei. */
export function resultJson(result: CollaborationResult) {
  return {
    netuid: result.netuid,
    epochs: result.epochs,
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
  }
}
