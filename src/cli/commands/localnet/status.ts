import type { Cli } from '../../runtime/Cli.js'
import { findLocalnets } from '../../runtime/localnetFile.js'
import { formatTable } from '../../runtime/table.js'

/** Exit code of `hetu localnet status` when no localnet runs (3, as `systemctl status` of a stopped unit). */
export const NOT_RUNNING_EXIT_CODE = 3

/**
 * `hetu localnet status`: the localnets whose info files are in the localnet dir and whose RPC answers,
 * and orphans: anvils still serving after their `hetu localnet` was killed.
 */
export async function run(cli: Cli): Promise<void> {
  const wanted = cli.options.rpcUrl
  const { running, orphans: orphanFiles, stale: staleFiles } = await findLocalnets(cli.env, wanted)
  const stale = staleFiles.map((f) => f.path)
  if (running.length === 0 && orphanFiles.length === 0) {
    // Not an error (like `systemctl status` of a stopped unit): an answer, with its own exit code.
    cli.result({ localnets: [], orphans: [], stale }, () =>
      [
        `no localnet running${wanted ? ` at ${wanted}` : ''}: start one with \`hetu localnet\``,
        ...(stale.length
          ? [`stale info files (process gone or RPC not answering): ${stale.join(', ')}`]
          : []),
      ].join('\n'),
    )
    process.exitCode = NOT_RUNNING_EXIT_CODE
    return
  }
  const orphans = orphanFiles.map((f) => ({
    rpcUrl: f.rpcUrl,
    chainId: f.chainId,
    block: f.block,
    anvilPid: f.anvil.pid,
    anvilHome: f.anvil.home,
    infoFile: f.path,
  }))
  const rows = running.map((f) => ({
    rpcUrl: f.rpcUrl,
    chainId: f.chainId,
    block: f.block,
    pid: f.pid,
    infoFile: f.path,
    contracts: f.contracts,
  }))
  cli.result({ localnets: rows, orphans, stale }, () => {
    const table = formatTable(
      [
        'RPC URL',
        { header: 'CHAIN ID', align: 'right' },
        { header: 'BLOCK', align: 'right' },
        { header: 'PID', align: 'right' },
        'INFO FILE',
      ],
      [
        ...rows.map((r) => [r.rpcUrl, r.chainId, r.block ?? 'unreachable', r.pid ?? 'unknown', r.infoFile]),
        ...orphans.map((o) => [
          o.rpcUrl,
          o.chainId,
          o.block ?? 'unreachable',
          `anvil ${o.anvilPid}`,
          o.infoFile,
        ]),
      ],
    )
    return orphans.length === 0
      ? table
      : `${table}\n${orphans.length} orphaned anvil(s) (their hetu localnet is gone, no emission): \`hetu localnet stop\` stops them.`
  })
}
