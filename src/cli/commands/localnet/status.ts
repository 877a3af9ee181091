import type { Cli } from '../../runtime/Cli.js'
import { LocalnetNotRunningError } from '../../runtime/errors.js'
import { type LocalnetFile, listLocalnetFiles, portOf } from '../../runtime/localnetFile.js'
import { formatTable } from '../../runtime/table.js'

/** `hetu localnet status`: the localnets whose info files are in the temp dir, with a live check. */
export async function run(cli: Cli): Promise<void> {
  const wanted = cli.options.rpcUrl
  const files = listLocalnetFiles().filter((f) => wanted === undefined || portOf(f.rpcUrl) === portOf(wanted))
  const running = files.filter((f) => f.alive)
  const stale = files.filter((f) => !f.alive).map((f) => f.path)
  if (running.length === 0)
    throw new LocalnetNotRunningError({ where: wanted ?? 'no live info file in the temp dir', stale })
  const rows = await Promise.all(running.map(probe))
  cli.result({ localnets: rows, stale }, () =>
    formatTable(
      [
        'RPC URL',
        { header: 'CHAIN ID', align: 'right' },
        { header: 'BLOCK', align: 'right' },
        { header: 'PID', align: 'right' },
        'INFO FILE',
      ],
      rows.map((r) => [r.rpcUrl, r.chainId, r.block ?? 'unreachable', r.pid, r.infoFile]),
    ),
  )
}

/** Asks the node for its block height (2 s budget); undefined when it does not answer. */
async function probe(file: LocalnetFile) {
  let block: number | undefined
  try {
    const response = await fetch(file.rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] }),
      signal: AbortSignal.timeout(2_000),
    })
    const body = (await response.json()) as { result?: string }
    if (body.result) block = Number(body.result)
  } catch {}
  return {
    rpcUrl: file.rpcUrl,
    chainId: file.chainId,
    block,
    pid: file.pid,
    infoFile: file.path,
    contracts: file.contracts,
  }
}
