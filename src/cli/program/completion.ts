import type { Command } from 'commander'
import { defineAllGroups } from './group.js'

/** `hetu completion bash|zsh|fish`: walks the whole program (every group defined) when it runs. */
export function completionCommand(program: Command): void {
  program
    .command('completion <shell>')
    .description('print a shell completion script: bash, zsh or fish (see its first lines to install it)')
    .action(async (shell: string) => {
      defineAllGroups(program)
      ;(await import('../commands/completion.js')).runCompletion(program, shell)
    })
}
