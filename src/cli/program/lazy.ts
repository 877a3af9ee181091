import type { Command } from 'commander'
import type { ReadCommand } from '../reads.js'
import type { Cli } from '../runtime/Cli.js'

// biome-ignore lint/suspicious/noExplicitAny: each command module declares its own argument types.
type Run = (cli: Cli, ...args: any[]) => Promise<void>

/**
 * A commander action that imports the runtime and the command's module only when the command runs,
 * so `hetu --help` and every other command pay for commander alone. The module's `run` gets the
 * invocation context, then the positional arguments, then the command's own options.
 */
export function lazy(load: () => Promise<{ run: Run }>) {
  return async (...args: unknown[]): Promise<void> => {
    const { command, positional } = invocation(args)
    const [{ Cli }, module] = await Promise.all([import('../runtime/Cli.js'), load()])
    await module.run(new Cli(command.optsWithGlobals()), ...positional, command.opts())
  }
}

/**
 * {@link lazy} for a command of `src/cli/reads.ts`, named as there: it runs from that one-file build
 * (its own import, outside the chunks; see tsup.cli.config.ts), which loads several times fewer files.
 */
export function read(name: ReadCommand) {
  return async (...args: unknown[]): Promise<void> => {
    const { command, positional } = invocation(args)
    const { runRead } = await import('../reads.js')
    await runRead(name, command.optsWithGlobals(), [...positional, command.opts()])
  }
}

/** A commander action's arguments: the positional ones, then the options object, then the command. */
function invocation(args: unknown[]): { command: Command; positional: unknown[] } {
  return { command: args.at(-1) as Command, positional: args.slice(0, -2) }
}
