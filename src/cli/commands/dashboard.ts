import type { Cli } from '../runtime/Cli.js'
import { parseInteger, parsePort } from '../runtime/parse.js'

export interface DashboardCommandOptions {
  port?: string
  host?: string
  db?: string
  fromBlock?: string
  probeAxons?: boolean
}

/**
 * `hetu dashboard`: a local, read-only web app of the chain `--network`/`--rpc-url` (or the running
 * localnet) point at, with its history in SQLite. Prints the URL; runs until Ctrl-C/SIGTERM.
 */
export async function run(cli: Cli, opts: DashboardCommandOptions): Promise<void> {
  const port = parsePort(opts.port ?? '0', '--port', 0)
  const fromBlock = opts.fromBlock === undefined ? undefined : parseInteger(opts.fromBlock, '--from-block')
  const [{ startDashboard }, hetu] = await Promise.all([import('../../dashboard/server.js'), cli.connect()])
  const dashboard = await cli.step('indexing the chain', () =>
    startDashboard({
      client: hetu,
      port,
      host: opts.host ?? '127.0.0.1',
      ...(opts.db !== undefined && { db: opts.db }),
      ...(fromBlock !== undefined && { fromBlock }),
      ...(opts.probeAxons === false && { probeAxons: false }),
      handleSignals: true,
    }),
  )
  const status = dashboard.indexer.status
  cli.log(
    `history in ${dashboard.db} (blocks ${status.fromBlock}…${status.indexed} of chain ${status.chainId})`,
  )
  cli.result(
    { url: dashboard.url, db: dashboard.db, chainId: status.chainId },
    () => `dashboard: ${dashboard.url}`,
  )
  // Ctrl-C or SIGTERM stops it (the kernel's signal handling; a second signal exits at once).
  await dashboard.whenStopped()
  cli.log('dashboard stopped')
}
