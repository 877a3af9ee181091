// The dashboard's figures:
// 1. indexer catch-up over 10 000 blocks of a busy subnet (256 neurons, an 8-entry weight vector set in every
//    block, an epoch every 100 blocks): blocks/s of the indexer (events into SQLite plus a metagraph
//    snapshot per epoch) against a plain event scan (eth_getLogs in the same chunks, decoded, nothing
//    kept). The blocks come in segments of SEGMENT (default 500), each caught up by both before the next
//    is built: anvil keeps a full copy of the world state per block it keeps (`--prune-history N`), so
//    keeping all 10 000 for one catch-up grew it past 20 GB; with SEGMENT + 100 states it peaked at
//    2.4 GB over 10 000 blocks (its peak RSS is printed; above 4 GB the bench stops it);
// 2. server CPU per block at 4 096 neurons: the dashboard following a chain where every block changes
//    the subnet (a weight vector), with one page open (SSE, refetching the subnet as the page does),
//    minus the same run without the dashboard;
// 3. subnet page load time in headless Chromium at 256 and 4 096 neurons (median of 5 visits).
// BLOCKS, SEGMENT, NEURONS and LOAD_RUNS override the sizes.
import { execFileSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Abi, type Address, decodeEventLog, type Hex, numberToHex } from 'viem'
import * as abi from '../../src/chain/abi/index.js'
import { DashboardStore, Indexer, startDashboard } from '../../src/dashboard/index.js'
import { startAnvil } from '../../src/localnet/anvil.js'
import { deployHetuContracts } from '../../src/localnet/deploy.js'
import { LOCAL_CHAIN_ID } from '../../src/localnet/localnet.js'
import { activeSubnet, devClient, launchBrowser, populateSubnet } from '../../test/dashboard/helpers.js'
import { rpcBatchInChunks, type Sender, setWeightsCall } from '../metagraph/populate.js'
import { median, report } from '../report.js'

const BLOCKS = Number(process.env.BLOCKS ?? 10_000)
const SEGMENT = Number(process.env.SEGMENT ?? 500)
const NEURONS = Number(process.env.NEURONS ?? 4096)
const LOAD_RUNS = Number(process.env.LOAD_RUNS ?? 5)
/** States the page chains keep: the dashboard reads the newest epochs only (4 096 neurons: ~10 MB a state). */
const PAGE_STATES = 128
const dir = await mkdtemp(join(tmpdir(), 'hetu-bench-dashboard-'))

/** Anvil's peak resident memory; it is stopped (and the bench fails) past 4 GB. */
const RSS_LIMIT_KB = 4 * 1024 * 1024

function watchMemory(pid: number) {
  let peakKb = 0
  let over = false
  const timer = setInterval(() => {
    try {
      const kb = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim())
      peakKb = Math.max(peakKb, kb)
      if (kb > RSS_LIMIT_KB && !over) {
        over = true
        process.stderr.write(`anvil uses ${(kb / 1024 / 1024).toFixed(1)} GB: stopping it\n`)
        process.kill(pid, 'SIGKILL')
      }
    } catch {
      // anvil has exited
    }
  }, 1_000)
  timer.unref()
  return {
    get peakMb() {
      return peakKb / 1024
    },
    get over() {
      return over
    },
    stop: () => clearInterval(timer),
  }
}

/** A chain that keeps the state of its last `states` blocks (snapshots of epochs need it), with the contracts. */
async function archiveChain(states: number) {
  const anvil = await startAnvil({ chainId: LOCAL_CHAIN_ID, accounts: 2, historyStates: states })
  const memory = watchMemory(anvil.pid)
  const deployed = await deployHetuContracts({
    rpcUrl: anvil.rpcUrl,
    deployer: anvil.accounts[0]!.address,
    networkRateLimit: 1n,
    fund: anvil.accounts.map((a) => a.address),
  })
  // SubnetManager counts its deployment as the last registration: mine past its rate limit.
  await rpcBatchInChunks(anvil.rpcUrl, [{ method: 'anvil_mine', params: ['0x2'] }])
  const net = { rpcUrl: anvil.rpcUrl, contracts: deployed.contracts, accounts: [...anvil.accounts] }
  return {
    net,
    memory,
    stop: async () => {
      memory.stop()
      await anvil.stop()
      if (memory.over) throw new Error('anvil passed 4 GB of resident memory')
    },
  }
}

/** One transaction per block: validators take turns setting an 8-entry weight vector (the least allowed). */
async function busyBlocks(
  sender: Sender,
  weights: Address,
  netuid: number,
  validators: Address[],
  miners: Address[],
  offset: number,
  count: number,
) {
  await rpcBatchInChunks(sender.rpcUrl, [
    { method: 'anvil_autoImpersonateAccount', params: [true] },
    { method: 'evm_setAutomine', params: [false] },
  ])
  for (let start = offset; start < offset + count; start += 200) {
    const calls = []
    for (let b = start; b < Math.min(offset + count, start + 200); b++) {
      const validator = validators[b % validators.length]!
      const entries = Array.from({ length: 8 }, (_, k) => ({
        dest: miners[(b * 13 + k) % miners.length]!,
        weight: BigInt(1 + ((b * 7919 + k * 104_729) % 1_000_000)),
      }))
      calls.push(setWeightsCall(sender, weights, netuid, validator, entries))
      calls.push(
        { method: 'anvil_setNextBlockBaseFeePerGas', params: ['0x0'] },
        { method: 'evm_mine', params: [] },
      )
    }
    await rpcBatchInChunks(sender.rpcUrl, calls)
  }
  await rpcBatchInChunks(sender.rpcUrl, [
    { method: 'evm_setAutomine', params: [true] },
    { method: 'anvil_autoImpersonateAccount', params: [false] },
  ])
}

// ── 1. catch-up ─────────────────────────────────────────────────────────────────────────────────
{
  const chain = await archiveChain(SEGMENT + 100)
  try {
    const { net } = chain
    const owner = await devClient(net)
    const netuid = await activeSubnet(owner, 'busy', { immunityPeriod: 1, weightsRateLimit: 2n })
    const { validators, miners } = await populateSubnet(net, netuid, {
      validators: 32,
      miners: 224,
      weightsPerValidator: 64,
    })
    const sender: Sender = { rpcUrl: net.rpcUrl, nonces: new Map() }
    // populateSubnet used nonces 0..4 of each validator (4 registration transactions and one weight vector).
    for (const v of validators) sender.nonces.set(v, 5)
    const info = await owner.getSubnetInfo({ netuid })
    const sources = new Map<string, Abi>([
      [net.contracts.SubnetManager.toLowerCase(), abi.SubnetManagerAbi as Abi],
      [net.contracts.NeuronManager.toLowerCase(), abi.NeuronManagerAbi as Abi],
      [net.contracts.GlobalStaking.toLowerCase(), abi.GlobalStakingAbi as Abi],
      [net.contracts.Weights.toLowerCase(), abi.WeightsAbi as Abi],
      [info.ammPool.toLowerCase(), abi.SubnetAMMAbi as Abi],
    ])
    const store = new DashboardStore(join(dir, 'catchup.sqlite'))
    const first = Number(await owner.getCurrentBlock()) + 1
    const indexer = new Indexer({ client: owner, store, fromBlock: first })
    let [buildSeconds, scanSeconds, indexSeconds, scanned, blocks] = [0, 0, 0, 0, 0]
    for (let done = 0; done < BLOCKS; done += SEGMENT) {
      const from = Number(await owner.getCurrentBlock()) + 1
      const built = performance.now()
      await busyBlocks(
        sender,
        net.contracts.Weights,
        netuid,
        validators,
        miners,
        done,
        Math.min(SEGMENT, BLOCKS - done),
      )
      buildSeconds += (performance.now() - built) / 1000
      const to = Number(await owner.getCurrentBlock())
      blocks += to - from + 1

      // The plain scan: the same contracts' logs in chunks of 2 000 blocks, decoded, nothing kept.
      const scanStarted = performance.now()
      for (let start = from; start <= to; start += 2_000) {
        const logs = (await owner.request({
          method: 'eth_getLogs',
          params: [
            {
              address: [...sources.keys()] as Address[],
              fromBlock: numberToHex(start),
              toBlock: numberToHex(Math.min(to, start + 1_999)),
            },
          ],
        })) as { address: Address; data: Hex; topics: [Hex, ...Hex[]] }[]
        for (const log of logs)
          decodeEventLog({ abi: sources.get(log.address.toLowerCase())!, data: log.data, topics: log.topics })
        scanned += logs.length
      }
      scanSeconds += (performance.now() - scanStarted) / 1000

      // The indexer catches up from where it stopped to the head (the blocks before `first` once, at its
      // first poll: none, it starts at `first`).
      const indexStarted = performance.now()
      await indexer.poll()
      indexSeconds += (performance.now() - indexStarted) / 1000
      process.stderr.write(
        `${blocks} busy blocks built (${buildSeconds.toFixed(0)} s) and caught up; anvil peak ${chain.memory.peakMb.toFixed(0)} MB\n`,
      )
    }
    const history = indexer.history!
    console.log(
      `catch-up over ${blocks} blocks in segments of ${SEGMENT} (256 neurons, ${scanned} events, ${store.count('epochs', history)} epoch snapshots of ${store.count('neuron_epochs', history)} neuron rows; anvil peak RSS ${chain.memory.peakMb.toFixed(0)} MB with ${SEGMENT + 100} states kept):`,
    )
    report(
      'indexer (events + snapshots into SQLite)',
      blocks / indexSeconds,
      'plain event scan (eth_getLogs + decode)',
      blocks / scanSeconds,
      'blocks/s',
    )
    store.close()
  } finally {
    await chain.stop()
  }
}

// ── 2 and 3. 4 096 neurons: server CPU per block, page load ──────────────────────────────────────
const browser = await launchBrowser()
try {
  const loads: [number, number, number][] = []
  for (const size of [256, NEURONS]) {
    const chain = await archiveChain(PAGE_STATES)
    try {
      const { net } = chain
      const owner = await devClient(net)
      const netuid = await activeSubnet(owner, `page ${size}`, { immunityPeriod: 1, weightsRateLimit: 2n })
      const validators = Math.min(32, size / 8)
      const neurons = await populateSubnet(net, netuid, {
        validators,
        miners: size - validators,
        weightsPerValidator: 256,
      })
      const sender: Sender = { rpcUrl: net.rpcUrl, nonces: new Map(neurons.validators.map((v) => [v, 5])) }
      const dashboard = await startDashboard({
        client: owner,
        db: join(dir, `page-${size}.sqlite`),
        probeAxons: false,
      })
      try {
        const url = new URL(`/subnets/${netuid}`, dashboard.url).href
        const visit = async () => {
          const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
          const started = performance.now()
          await page.goto(url)
          await page.waitForSelector('body[data-ready="true"]')
          const ms = performance.now() - started
          await page.close()
          return ms
        }
        const first = await visit()
        const times = []
        for (let i = 0; i < LOAD_RUNS; i++) times.push(await visit())
        loads.push([size, first, median(times)])
        if (size === NEURONS) await cpuPerBlock(dashboard, sender, net.contracts.Weights, netuid, neurons)
      } finally {
        await dashboard.close()
      }
    } finally {
      await chain.stop()
    }
  }
  for (const [size, first, warm] of loads)
    console.log(
      `subnet page, ${size} neurons: ${warm.toFixed(0)} ms (median of ${LOAD_RUNS}; target under 2 000 ms); first visit ${first.toFixed(0)} ms`,
    )
} finally {
  await browser.close()
  await rm(dir, { recursive: true, force: true })
}

/**
 * CPU of this process per block while blocks arrive every 250 ms, each changing the subnet: with the
 * dashboard and one page's worth of requests (SSE, the subnet refetched on each change), minus the
 * same blocks with the dashboard idle (no page, its indexer still following).
 */
async function cpuPerBlock(
  dashboard: Awaited<ReturnType<typeof startDashboard>>,
  sender: Sender,
  weights: Address,
  netuid: number,
  neurons: { validators: Address[]; miners: Address[] },
) {
  const blocks = 40
  const run = async (withPage: boolean) => {
    const abort = new AbortController()
    let refetches = 0
    if (withPage) {
      const events = await fetch(new URL('/api/events', dashboard.url), { signal: abort.signal })
      void (async () => {
        const decoder = new TextDecoder()
        let buffer = ''
        try {
          for await (const chunk of events.body!) {
            buffer += decoder.decode(chunk as Uint8Array)
            for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
              const message = buffer.slice(0, end)
              buffer = buffer.slice(end + 2)
              const data = message.match(/^data: (.*)$/m)?.[1]
              if (
                message.startsWith('event: block') &&
                data &&
                (JSON.parse(data) as { changed: number[] }).changed.includes(netuid)
              ) {
                refetches++
                await (await fetch(new URL(`/api/subnets/${netuid}`, dashboard.url))).text()
              }
            }
          }
        } catch {
          // aborted
        }
      })()
    }
    const cpu = process.cpuUsage()
    for (let b = 0; b < blocks; b++) {
      const validator = neurons.validators[b % neurons.validators.length]!
      const entries = neurons.miners.slice(0, 64).map((dest, k) => ({ dest, weight: BigInt(1000 + b + k) }))
      await rpcBatchInChunks(sender.rpcUrl, [
        { method: 'anvil_autoImpersonateAccount', params: [true] },
        setWeightsCall(sender, weights, netuid, validator, entries),
      ])
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    const used = process.cpuUsage(cpu)
    abort.abort()
    return { ms: (used.user + used.system) / 1000 / blocks, refetches }
  }
  const idle = await run(false)
  const open = await run(true)
  console.log(
    `server CPU per block at ${neurons.validators.length + neurons.miners.length} neurons, a block every 250 ms changing the subnet: ${(open.ms - idle.ms).toFixed(1)} ms with a page open (${open.refetches} refetches of the subnet; ${open.ms.toFixed(1)} ms in all, ${idle.ms.toFixed(1)} ms without a page)`,
  )
}
