import type { Cli } from '../../runtime/Cli.js'
import { LocalnetNotRunningError } from '../../runtime/errors.js'
import { findLocalnets } from '../../runtime/localnetFile.js'
import { formatTable } from '../../runtime/table.js'

/** `hetu localnet status`: the localnets whose info files are in the localnet dir and whose RPC answers. */
export async function run(cli: Cli): Promise<void> {
  const wanted = cli.options.rpcUrl
  const { running, stale: staleFiles } = await findLocalnets(cli.env, wanted)
  const stale = staleFiles.map((f) => f.path)
  if (running.length === 0)
    throw new LocalnetNotRunningError({ where: wanted ?? 'no live info file in the localnet dir', stale })
  const rows = running.map((f) => ({
    rpcUrl: f.rpcUrl,
    chainId: f.chainId,
    block: f.block,
    pid: f.pid,
    infoFile: f.path,
    contracts: f.contracts,
  }))
  cli.result({ localnets: rows, stale }, () =>
    formatTable(
      [
        'RPC URL',
        { header: 'CHAIN ID', align: 'right' },
        { header: 'BLOCK', align: 'right' },
        { header: 'PID', align: 'right' },
        'INFO FILE',
      ],
      rows.map((r) => [r.rpcUrl, r.chainId, r.block ?? 'unreachable', r.pid ?? 'unknown', r.infoFile]),
    ),
  )
}
