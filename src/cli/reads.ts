// The commands that only read the chain, built on their own into one file (dist/cli/reads.js, see
// tsup.cli.config.ts). Split into chunks like the other commands, `hetu subnet list` loaded some 40
// module files, and each costs Node's ESM loader about 0.7 ms whatever its size: one file of the same
// code starts ~70 ms sooner. Nothing here may import the wallet or the whole SDK (ReadCli, actions).
import { run as ammPool } from './commands/amm/pool.js'
import { run as neuronList } from './commands/neuron/list.js'
import { run as subnetInfo } from './commands/subnet/info.js'
import { run as subnetList } from './commands/subnet/list.js'
import { run as lockCost } from './commands/subnet/lockCost.js'
import { run as subnetParams } from './commands/subnet/params.js'
import { reportError } from './report.js'
import { type GlobalOptions, ReadCli } from './runtime/ReadCli.js'

// biome-ignore lint/suspicious/noExplicitAny: each command module declares its own argument types.
type ReadRun = (cli: ReadCli, ...args: any[]) => Promise<void>

const reads = {
  'amm pool': ammPool,
  'neuron list': neuronList,
  'subnet info': subnetInfo,
  'subnet list': subnetList,
  'subnet lock-cost': lockCost,
  'subnet params': subnetParams,
} satisfies Record<string, ReadRun>

/** The name of a read command, as `hetu` spells it. */
export type ReadCommand = keyof typeof reads

/**
 * Runs one read command. Its errors are reported here, by this file's own copy of the error classes:
 * the CLI's other chunks hold another copy, and `instanceof` does not cross between the two.
 */
export async function runRead(name: ReadCommand, globals: GlobalOptions, args: unknown[]): Promise<void> {
  const command: ReadRun = reads[name]
  try {
    await command(new ReadCli(globals), ...args)
  } catch (err) {
    process.exitCode = reportError(err, globals.verbose === true)
  }
}
