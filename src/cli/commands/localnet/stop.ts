import { rmSync } from 'node:fs'
import { processExists } from '../../../chain/networks/localnetInfo.js'
import { HetuError } from '../../../errors.js'
import { stopOrphanAnvil } from '../../../localnet/processes.js'
import type { Cli } from '../../runtime/Cli.js'
import { AmbiguousLocalnetError, LocalnetNotRunningError } from '../../runtime/errors.js'
import { findLocalnets } from '../../runtime/localnetFile.js'
import { parseDuration } from '../../runtime/parse.js'

/**
 * `hetu localnet stop`: SIGTERM to the `hetu localnet` process named in the info file, then waits for
 * it to exit (it stops anvil and removes the file itself). Stale files (process gone, or nothing answers
 * at the URL with the recorded chain id) are removed; their pids are never signalled. Orphans (anvil
 * left running by a killed `hetu localnet`) are stopped, their temp HOME and file removed.
 */
export async function run(cli: Cli, opts: { timeout: string }): Promise<void> {
  const timeout = parseDuration(opts.timeout, 'timeout')
  const wanted = cli.options.rpcUrl
  const { running, orphans, stale } = await findLocalnets(cli.env, wanted)
  for (const file of stale) rmSync(file.path, { force: true })
  const stoppedOrphans: { rpcUrl: string; anvilPid: number }[] = []
  for (const orphan of orphans)
    await cli.step(`stopping the orphaned anvil at ${orphan.rpcUrl} (pid ${orphan.anvil.pid})`, async () => {
      const port = Number(new URL(orphan.rpcUrl).port)
      if (await stopOrphanAnvil({ ...orphan.anvil, port }))
        stoppedOrphans.push({ rpcUrl: orphan.rpcUrl, anvilPid: orphan.anvil.pid })
      rmSync(orphan.path, { force: true })
    })
  if (running.length === 0 && stoppedOrphans.length > 0)
    return cli.result(
      { stopped: null, stoppedOrphans, removedStale: stale.map((f) => f.path) },
      () => `Stopped ${stoppedOrphans.map((o) => `the orphaned anvil at ${o.rpcUrl}`).join(', ')}.`,
    )
  if (running.length === 0)
    throw new LocalnetNotRunningError({
      where: wanted ?? 'no live info file in the localnet dir',
      stale: stale.map((f) => f.path),
    })
  if (running.length > 1) throw new AmbiguousLocalnetError(running.map((f) => f.rpcUrl))
  const target = running[0]!
  if (target.pid === undefined)
    throw new HetuError(
      'LOCALNET_PID_UNKNOWN',
      `${target.path} does not say which process serves ${target.rpcUrl}.`,
      {
        hint: 'Stop it where it runs (Ctrl-C); localnets started by this version record their pid.',
      },
    )
  const pid = target.pid
  await cli.step(`stopping the localnet at ${target.rpcUrl} (pid ${pid})`, async () => {
    process.kill(pid, 'SIGTERM')
    const deadline = Date.now() + timeout
    while (processExists(pid)) {
      if (Date.now() > deadline)
        throw new HetuError(
          'LOCALNET_STOP_TIMEOUT',
          `The localnet (pid ${pid}) did not exit within ${opts.timeout}.`,
          {
            hint: `Check the process; \`kill -9 ${pid}\` ends it for good.`,
          },
        )
      await new Promise((r) => setTimeout(r, 50))
    }
  })
  cli.result(
    { stopped: { rpcUrl: target.rpcUrl, pid }, stoppedOrphans, removedStale: stale.map((f) => f.path) },
    () => `Stopped the localnet at ${target.rpcUrl}.`,
  )
}
