import type { Command } from 'commander'

/** The definitions of groups not defined yet (the command line did not name them). */
const pending = new WeakMap<Command, () => void>()

/**
 * Adds a command group whose subcommands are defined only when the command line names the group (or
 * one of its aliases): `hetu --help` and the commands of other groups skip building the ~100 options
 * they never use. The group's name still shows in every help listing; {@link defineAllGroups} defines
 * the rest when the whole tree is needed (shell completion).
 */
export function group(
  program: Command,
  names: readonly [string, ...string[]],
  description: string,
  define: (group: Command) => void,
): Command {
  const [name, ...aliases] = names
  const command = program.command(name).description(description)
  for (const alias of aliases) command.alias(alias)
  if (process.argv.slice(2).some((arg) => names.includes(arg))) define(command)
  else pending.set(command, () => define(command))
  return command
}

/** Defines every group below `command` that {@link group} left undefined. */
export function defineAllGroups(command: Command): void {
  pending.get(command)?.()
  pending.delete(command)
  for (const sub of command.commands) defineAllGroups(sub)
}
