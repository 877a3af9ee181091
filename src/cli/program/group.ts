import type { Command } from 'commander'

/**
 * Adds a command group whose subcommands are defined only when the command line names the group (or
 * one of its aliases): `hetu --help` and the commands of other groups skip building the ~100 options
 * they never use. The group's name still shows in every help listing.
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
  return command
}
