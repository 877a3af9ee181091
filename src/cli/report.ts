import { HetuError } from '../errors.js'

/** Prints an error as one line plus what to do (stack only with --verbose); returns the exit code. */
export function reportError(err: unknown, verbose: boolean): number {
  if (err instanceof HetuError) {
    process.stderr.write(`error: ${err.shortMessage}\n`)
    if (err.hint) process.stderr.write(`hint: ${err.hint}\n`)
  } else {
    process.stderr.write(`error: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`)
  }
  if (verbose && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`)
  return 1
}
