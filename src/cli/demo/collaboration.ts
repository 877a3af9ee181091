// The Python SDK's "Miner and Validator Collaboration" on a localnet that plays the chain's part: one subnet,
// validators that query, score and set weights, miners that answer (three honest, one wrong, one slow),
// and epochs that turn the weights into Alpha.
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Address } from 'viem'
import { parseHetu } from '../../chain/amounts.js'
import { createHetuClient } from '../../chain/client/createHetuClient.js'
import { Dendrite } from '../../dendrite/dendrite.js'
import type { EpochReport } from '../../localnet/emission/reports.js'
import { startLocalnet } from '../../localnet/localnet.js'
import type { LocalnetRules } from '../../localnet/rules.js'
import { createLogger } from '../../logging/index.js'
import { Miner } from '../../neuron/miner/Miner.js'
import { Validator } from '../../neuron/validator/Validator.js'
import { Synapse } from '../../protocol/synapse.js'
import { askSubnet, findGateways } from '../../sdk/askSubnet.js'

/** How a demo miner answers. */
export type Behaviour = 'honest' | 'wrong' | 'slow'

export interface CollaborationOptions {
  /** Epochs to watch once weights are on chain (default 6). */
  epochs?: number
  /** Blocks per epoch − 1 (default 7: an epoch every 8 blocks). */
  tempo?: number
  /** Seconds per block (default 0.25). */
  blockTime?: number
  /** Incentive exponent ρ of the subnet's epochs (default {@link DEMO_RHO}, see there). */
  rho?: number
  /** Progress lines (stderr in the CLI). */
  log?: (line: string) => void
  /** Called once the subnet exists, before any neuron joins. */
  onStart?: (setup: CollaborationSetup) => void
  /** Called after each epoch with the miners' state. */
  onEpoch?: (epoch: EpochSummary) => void
  /** Also serve the dashboard on the demo's chain (see `startDashboard`); its URL goes to `onDashboard`. */
  dashboard?: { port?: number; host?: string; db?: string }
  onDashboard?: (dashboard: { url: string; db: string }) => void
  /** Ends the demo after the current epoch (with a dashboard and no `epochs`, the demo runs until this). */
  signal?: AbortSignal
}

/** What the demo runs with. Stakes in wei. */
export interface CollaborationSetup {
  /** The localnet's rule set: `fixed` (see {@link DEMO_RULES}). */
  rules: LocalnetRules
  netuid: number
  tempo: number
  blockTime: number
  rho: number
  miners: { behaviour: Behaviour; stake: bigint }[]
  validatorStakes: bigint[]
}

/** One miner in one epoch (or at the end). Amounts in wei. */
export interface MinerSummary {
  address: Address
  behaviour: Behaviour
  honest: boolean
  stake: bigint
  /** Moving-average score, mean over the validators. */
  score: number
  /** Weight it received, mean over the validators' vectors on chain (0..1 000 000). */
  weight: number
  /** Its share of the epoch's incentive (0..1). */
  incentive: number
  /** Alpha paid to it in this epoch. */
  alphaThisEpoch: bigint
  /** Alpha paid to it so far. */
  alphaEarned: bigint
}

/** A client's requests through the first validator's gateway, during one epoch. */
export interface ClientSummary {
  requests: number
  /** Answered with the miners' consensus. */
  answered: number
  /** The epoch's last consensus answer. */
  last?: { task: string; answer: string; agreement: number; agreeing: number; answers: number }
}

export interface EpochSummary {
  /** 1 for the first epoch with weights. */
  index: number
  block: bigint
  /** Alpha the epoch paid out (pending emission). */
  pendingAlpha: bigint
  miners: MinerSummary[]
  client: ClientSummary
}

export interface CollaborationResult {
  netuid: number
  epochs: number
  /** The incentive exponent ρ the epochs used. */
  rho: number
  validators: { address: Address; stake: bigint; alphaEarned: bigint }[]
  miners: MinerSummary[]
  /** The client's requests over the whole run. */
  client: { requests: number; answered: number }
  /** Wall time of the whole run, ms. */
  durationMs: number
}

const MINERS: { behaviour: Behaviour; stake: string }[] = [
  { behaviour: 'honest', stake: '200' },
  { behaviour: 'honest', stake: '300' },
  { behaviour: 'honest', stake: '250' },
  { behaviour: 'wrong', stake: '400' },
  { behaviour: 'slow', stake: '200' },
]
const VALIDATOR_STAKES = ['600', '900']

/**
 * The incentive exponent ρ (I_j ∝ rank_j^ρ) the demo's localnet uses for the subnet's epochs: 0.5, the
 * chain's own default in its subnet params map (docs/emission.md#how-contract-events-reach-the-chain).
 * It has to be set on the localnet's chain
 * side (`emission.epoch`), not as a subnet hyperparameter: the contract only accepts rho 1..1000, read
 * as ρ = rho/10000 ≤ 0.1, and that flattens incentive. Measured with this demo: at the contract's
 * default ρ = 0.001 every miner earns the same Alpha (wrong and slow ones included); at its largest,
 * ρ = 0.1, the slow and wrong miners still earn about 90 % and 80 % of an honest one; at 0.5 about
 * 60 % and 30 %. `npm run demo -- --rho 0.001` shows the flat case.
 */
export const DEMO_RHO = 0.5
/**
 * The demo runs on the fixed rule set: its emission pays validators dividends in proportion to their
 * stake (Yuma's bonds) and pays out exactly the emission schedule. Under the public chain's rules
 * dividends go to the weighted miners instead, so the validators' stake would not show in the rewards.
 */
export const DEMO_RULES: LocalnetRules = 'fixed'
/** Per-miner query timeout; the slow miner needs more every other request. */
const TIMEOUT_MS = 400

/** The Python SDK's compute service (docs/python-sdk.md#demo-tasks): "add a b" → "Result: a + b = c". */
function compute(task: string): string {
  const [op, a, b] = task.split(' ')
  if (op !== 'add' || a === undefined || b === undefined) return 'Unknown task type'
  return `Result: ${Number(a)} + ${Number(b)} = ${Number(a) + Number(b)}`
}

/** Waits `ms`, or less when `signal` aborts; its listener goes when the time is up (the client's loop sleeps every block on one signal). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const abort = () => {
      clearTimeout(timer)
      resolve()
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', abort)
      resolve()
    }, ms)
    signal.addEventListener('abort', abort, { once: true })
  })
}

/** What each behaviour answers to a task. */
function answerer(behaviour: Behaviour) {
  let calls = 0
  return async (synapse: Synapse, { signal }: { signal: AbortSignal }) => {
    const right = compute(synapse.completion)
    if (behaviour === 'wrong')
      return { completion: right.replace(/= (-?\d+)$/, (_, n) => `= ${Number(n) + 1}`) }
    if (behaviour === 'slow') {
      // Right, but late: half of its answers miss the deadline, the other half lose on latency.
      calls++
      await sleep(calls % 2 === 0 ? TIMEOUT_MS * 1.5 : TIMEOUT_MS * 0.6, signal)
    }
    return { completion: right }
  }
}

export async function runCollaboration(options: CollaborationOptions = {}): Promise<CollaborationResult> {
  const epochsWanted = options.epochs ?? (options.dashboard ? Number.POSITIVE_INFINITY : 6)
  const tempo = options.tempo ?? 7
  const blockTime = options.blockTime ?? 0.25
  const rho = options.rho ?? DEMO_RHO
  const log = options.log ?? (() => {})
  const began = Date.now()
  const quiet = createLogger({ level: 'error', name: 'hetu:demo' })

  // ρ on the chain side, where the contract's range does not reach (see DEMO_RHO).
  await using net = await startLocalnet({
    rules: DEMO_RULES,
    accounts: 8,
    emission: { blockTime, epoch: { rho } },
  })
  const emission = net.emission!
  log(`localnet up at ${net.rpcUrl} (a block every ${blockTime} s) in ${Date.now() - began} ms`)
  const key = (i: number) => net.accounts[i]!.privateKey
  const client = await createHetuClient({
    rpcUrl: net.rpcUrl,
    contracts: net.contracts,
    configPath: false,
    env: {},
    account: key(0),
  })
  // SubnetManager counts its own deployment as the last lock: on a chain that just started, the first
  // registration may come before the rate limit allows it.
  await client.waitForSubnetRateLimit()
  const { netuid } = await client.registerSubnet({
    name: 'compute',
    description: 'The Python SDK README’s compute service: add two numbers',
    tokenName: 'Compute Alpha',
    tokenSymbol: 'CALPHA',
    // An epoch every tempo + 1 blocks; weights at most every 2 blocks (which needs immunityPeriod < 2).
    hyperparams: { tempo, immunityPeriod: 1, weightsRateLimit: 2n },
  })
  // The chain's part may mint this subnet's Alpha (pool injections, rewards) from its first block.
  await client.addSubnetMinter({ netuid })
  await client.activateSubnet({ netuid })
  log(`subnet ${netuid} registered and active: epoch every ${tempo + 1} blocks`)
  await using dashboard = options.dashboard
    ? await (await import('../../dashboard/server.js')).startDashboard({
        client,
        ...options.dashboard,
        db: options.dashboard.db ?? join(tmpdir(), `hetu-demo-dashboard-${process.pid}.sqlite`),
      })
    : undefined
  if (dashboard) options.onDashboard?.({ url: dashboard.url, db: dashboard.db })
  options.onStart?.({
    rules: net.rules,
    netuid,
    tempo,
    blockTime,
    rho,
    miners: MINERS.map(({ behaviour, stake }) => ({ behaviour, stake: parseHetu(stake) })),
    validatorStakes: VALIDATOR_STAKES.map((stake) => parseHetu(stake)),
  })

  const miners = await Promise.all(
    MINERS.map(({ behaviour, stake }, i) =>
      new Miner({
        client,
        netuid,
        hotkey: key(3 + i),
        stake: parseHetu(stake),
        axon: { ip: '127.0.0.1', port: 0, prometheus: false, stopTimeoutMs: 1_000 },
        logger: quiet,
      })
        .attach(answerer(behaviour))
        .start(),
    ),
  )
  const behaviourOf = new Map(miners.map((m, i) => [m.address, MINERS[i]!.behaviour]))
  const stakeOf = new Map(miners.map((m) => [m.address, m.registration!.neuron.stake]))
  log(`${miners.length} miners serving: ${MINERS.map((m) => m.behaviour).join(', ')}`)

  let taskNumber = 0
  const validators = await Promise.all(
    VALIDATOR_STAKES.map((stake, i) =>
      new Validator({
        client,
        netuid,
        hotkey: key(1 + i),
        stake: parseHetu(stake),
        task: () => {
          taskNumber++
          return new Synapse({ completion: `add ${taskNumber * 7} ${taskNumber * 13}` })
        },
        query: { timeoutMs: TIMEOUT_MS },
        scoring: { alpha: 0.3 },
        stepIntervalMs: blockTime * 1000,
        logger: quiet,
        // The first validator also answers clients (the Python SDK's client_request).
        ...(i === 0 && { serve: { port: 0, ip: '127.0.0.1' } }),
      }).start(),
    ),
  )
  log(`${validators.length} validators querying every block, setting weights every 2 blocks`)
  const gateways = await findGateways(client, { netuid, synapseName: Synapse.definition.name })
  log(`a client sends a task every block through validator ${validators[0]!.address}'s gateway`)

  const earned = new Map<Address, bigint>()
  const summaries: EpochSummary[] = []
  const done = new Promise<void>((resolve) => {
    emission.on('epoch', (report: EpochReport) => {
      if (report.netuid !== netuid || report.weights.length === 0) return
      for (const p of report.participants) earned.set(p.address, (earned.get(p.address) ?? 0n) + p.payout)
      const summary = summarise(report, summaries.length + 1)
      summaries.push(summary)
      options.onEpoch?.(summary)
      if (summaries.length >= epochsWanted) resolve()
    })
    if (options.signal?.aborted) resolve()
    options.signal?.addEventListener('abort', () => resolve(), { once: true })
  })
  const running = validators.map((v) => v.run())
  const clientStop = new AbortController()
  let clientEpoch: ClientSummary = { requests: 0, answered: 0 }
  const clientTotal = { requests: 0, answered: 0 }
  const clientRunning = (async () => {
    await using asker = new Dendrite()
    for (let n = 1; !clientStop.signal.aborted; n++) {
      const task = `add ${n} ${n * n}`
      clientEpoch.requests++
      clientTotal.requests++
      const result = await askSubnet(client, {
        netuid,
        synapse: new Synapse({ completion: task }),
        dendrite: asker,
        gateways,
        timeoutMs: 2_000,
        signal: clientStop.signal,
      }).catch(() => undefined)
      if (result?.status === 'ok') {
        clientEpoch.answered++
        clientTotal.answered++
        const { consensus } = result
        clientEpoch.last = {
          task,
          answer: result.answer.completion,
          agreement: consensus.agreement,
          agreeing: consensus.agreeing.length,
          answers: consensus.answered.length,
        }
      }
      await sleep(blockTime * 1000, clientStop.signal)
    }
  })()

  function summarise(report: EpochReport, index: number): EpochSummary {
    const byAddress = new Map(report.participants.map((p) => [p.address, p]))
    const client = clientEpoch
    clientEpoch = { requests: 0, answered: 0 }
    return {
      index,
      block: report.block,
      pendingAlpha: report.pendingAlpha,
      client,
      miners: miners.map((m) => {
        const participant = byAddress.get(m.address)
        const weights = report.weights.map((v) =>
          Number(v.weights.find((w) => w.dest === m.address)?.weight ?? 0n),
        )
        const scores = validators.map((v) => v.scores[m.address] ?? 0)
        const behaviour = behaviourOf.get(m.address)!
        return {
          address: m.address,
          behaviour,
          honest: behaviour !== 'wrong',
          stake: stakeOf.get(m.address)!,
          score: scores.reduce((a, b) => a + b, 0) / scores.length,
          weight: Math.round(weights.reduce((a, b) => a + b, 0) / Math.max(1, weights.length)),
          incentive: participant?.incentive ?? 0,
          alphaThisEpoch: participant?.payout ?? 0n,
          alphaEarned: earned.get(m.address) ?? 0n,
        }
      }),
    }
  }

  await done
  clientStop.abort()
  await clientRunning
  await Promise.all(validators.map((v) => v.stop()))
  await Promise.all(running)
  await Promise.all(miners.map((m) => m.stop()))

  // What the chain holds, not what the reports said: every Alpha the neurons own came from epochs.
  // Interrupted by Ctrl-C, which also stops anvil (same process group): what the epochs reported.
  const last = summaries.at(-1)
  const neurons = [...miners, ...validators]
  const balances =
    last && !options.signal?.aborted
      ? await Promise.all(
          neurons.map((n) => client.getAlphaBalance({ netuid, address: n.address, blockNumber: last.block })),
        )
      : neurons.map((n) => earned.get(n.address) ?? 0n)
  return {
    netuid,
    epochs: summaries.length,
    rho,
    validators: validators.map((v, i) => ({
      address: v.address,
      stake: v.registration!.neuron.stake,
      alphaEarned: balances[miners.length + i]!,
    })),
    miners: (last?.miners ?? []).map((m, i) => ({ ...m, alphaEarned: balances[i]! })),
    client: clientTotal,
    durationMs: Date.now() - began,
  }
}
