import { rmSync } from 'node:fs'
import { HetuError } from '../../../errors.js'
import type { Cli } from '../../runtime/Cli.js'
import { AmbiguousLocalnetError, LocalnetNotRunningError } from '../../runtime/errors.js'
import { isAlive, listLocalnetFiles, portOf } from '../../runtime/localnetFile.js'
import { parseDuration } from '../../runtime/parse.js'

/**
 * `hetu localnet stop`: SIGTERM to the `hetu localnet` process named in the info file, then waits for
 * it to exit (it stops anvil and removes the file itself). Stale files of dead processes are removed.
 */
export async function run(cli: Cli, opts: { timeout: string }): Promise<void> {
  const timeout = parseDuration(opts.timeout, 'timeout')
  const wanted = cli.options.rpcUrl
  const files = listLocalnetFiles().filter((f) => wanted === undefined || portOf(f.rpcUrl) === portOf(wanted))
  const stale = files.filter((f) => !f.alive)
  for (const file of stale) rmSync(file.path, { force: true })
  const running = files.filter((f) => f.alive)
  if (running.length === 0)
    throw new LocalnetNotRunningError({
      where: wanted ?? 'no live info file in the temp dir',
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
    while (isAlive(pid)) {
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
    { stopped: { rpcUrl: target.rpcUrl, pid }, removedStale: stale.map((f) => f.path) },
    () => `Stopped the localnet at ${target.rpcUrl}.`,
  )
}
