import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { formatEther } from 'viem'
import { localnetInfoPath } from '../../chain/networks/localnetInfo.js'
import type { DividendsMode, PayoutMode } from '../../consensus/index.js'
import type { EmissionOptions } from '../../localnet/emission/options.js'
import type { EpochReport } from '../../localnet/emission/reports.js'
import { startLocalnet } from '../../localnet/localnet.js'
import { stopOrphanAnvil } from '../../localnet/processes.js'
import type { LocalnetRules } from '../../localnet/rules.js'
import { createLogger } from '../../logging/index.js'
import { CliArgumentError } from '../runtime/errors.js'
import { count } from '../runtime/format.js'
import { findLocalnets } from '../runtime/localnetFile.js'

interface LocalnetCliOptions {
  rules?: string
  port: string
  host: string
  blockTime?: string
  emission: boolean
  tempo?: string
  payout?: string
  dividends?: string
  infoFile?: string
}

/** `hetu localnet`: runs until Ctrl-C/SIGTERM, then stops the chain part and anvil and removes its state. */
export async function runLocalnet(opts: LocalnetCliOptions): Promise<void> {
  const port = Number(opts.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new CliArgumentError('--port', opts.port, 'expected a port from 0 to 65535 (0: a free one)')
  const blockTime = opts.blockTime === undefined ? undefined : Number(opts.blockTime)
  const emission: EmissionOptions | false = opts.emission && {
    ...(blockTime !== undefined && { blockTime }),
    ...(opts.tempo !== undefined && { tempo: Number(opts.tempo) }),
    ...(opts.payout !== undefined && { payout: opts.payout as PayoutMode }),
    ...(opts.dividends !== undefined && { dividends: opts.dividends as DividendsMode }),
    logger: createLogger({ name: 'hetu:emission' }),
  }
  const started = Date.now()
  if (port !== 0) await reclaimPort(port)
  const net = await startLocalnet({
    // Checked by startLocalnet before anything starts (LocalnetRulesError).
    rules: opts.rules as LocalnetRules | undefined,
    port,
    host: opts.host,
    ...(blockTime !== undefined && { blockTime }),
    emission,
  })
  // The pid (of this process) lets `hetu localnet stop` find what to signal; anvil's pid and HOME let
  // status/stop/start find and stop an anvil this process left behind (killed before it could stop it).
  const info = { ...net.toJSON(), pid: process.pid, anvil: { pid: net.pid, home: net.anvilHome } }
  const infoFile = opts.infoFile ?? localnetInfoPath(new URL(info.rpcUrl).port)
  mkdirSync(dirname(infoFile), { recursive: true })
  writeFileSync(infoFile, `${JSON.stringify(info, null, 2)}\n`)
  process.stderr.write(
    `localnet ready in ${Date.now() - started} ms at ${info.rpcUrl} (chain id ${info.chainId}, ${info.rules} rules)\n`,
  )
  if (info.emission)
    process.stderr.write(
      `emission on: a block every ${info.emission.blockTime} s, tempo ${info.emission.tempo ?? "each subnet's own"}, payout ${info.emission.payout}, dividends to ${info.emission.dividends}\n`,
    )
  process.stderr.write(`info written to ${infoFile}\n`)
  process.stdout.write(`${JSON.stringify(info)}\n`)
  net.emission?.on('epoch', (epoch) => process.stderr.write(`${describeEpoch(epoch)}\n`))

  await new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      process.stderr.write(`${signal}: stopping localnet\n`)
      rmSync(infoFile, { force: true })
      net.stop().then(resolve, resolve)
    }
    process.once('SIGINT', () => shutdown('SIGINT'))
    process.once('SIGTERM', () => shutdown('SIGTERM'))
  })
}

/** Stops an anvil a killed `hetu localnet` left on `port` (its info file says so), so the port is ours. */
async function reclaimPort(port: number): Promise<void> {
  const { orphans } = await findLocalnets(process.env, `http://127.0.0.1:${port}`)
  for (const orphan of orphans) {
    process.stderr.write(
      `stopping the anvil (pid ${orphan.anvil.pid}) a killed hetu localnet left at ${orphan.rpcUrl}\n`,
    )
    await stopOrphanAnvil({ ...orphan.anvil, port })
    rmSync(orphan.path, { force: true })
  }
}

/** One line per epoch on stderr: who got what. */
function describeEpoch(epoch: EpochReport): string {
  const head = `epoch: subnet ${epoch.netuid} at block ${epoch.block}:`
  if (epoch.error) return `${head} skipped (${epoch.error})`
  const paid = epoch.participants.filter((p) => p.payout > 0n).length
  const minted = `${formatEther(epoch.minted - epoch.ownerCut)} Alpha to ${paid} of ${count(epoch.participants.length, 'neuron')}, ${formatEther(epoch.ownerCut)} to the owner`
  return `${head} ${epoch.paid === false ? 'payout FAILED for' : 'minted'} ${minted}`
}
