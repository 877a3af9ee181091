// Runs an example's main() when its file is the program (`npx tsx examples/<name>.ts`), not when a test
// imports it: prints the result as JSON, or the error's one-line message and what to do.
import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { HetuError } from 'hetu-subnet'

export function runIfMain(
  moduleUrl: string,
  main: () => Promise<unknown>,
  /** `jsonLine`: the result as one JSON line, last (for tools reading the output). */
  output: { jsonLine?: boolean } = {},
): void {
  const program = process.argv[1]
  if (!program || realpathSync(program) !== realpathSync(fileURLToPath(moduleUrl))) return
  main().then(
    (result) =>
      console.log(
        output.jsonLine ? JSON.stringify(JSON.parse(toJson(result))) : `\nresult: ${toJson(result)}`,
      ),
    (error: unknown) => {
      if (error instanceof HetuError || error instanceof ExampleError) {
        console.error(`error: ${error.shortMessage}`)
        if (error.hint) console.error(`hint: ${error.hint}`)
      } else console.error(error)
      process.exitCode = 1
    },
  )
}

/**
 * An example that cannot go on (no emitting localnet, nothing paid in time): its one-line message and
 * what to do, printed like the SDK's errors. The SDK's own `HetuError` codes are the SDK's only.
 */
export class ExampleError extends Error {
  override name = 'ExampleError'
  readonly shortMessage: string
  readonly hint: string
  constructor(shortMessage: string, hint: string, cause?: unknown) {
    super(`${shortMessage}\nHint: ${hint}`, cause === undefined ? undefined : { cause })
    this.shortMessage = shortMessage
    this.hint = hint
  }
}

/** JSON with bigints as decimal strings (wei amounts). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v), 2)
}

/** The error a step is expected to fail with (any other outcome is a real failure of the example). */
export async function expectError<E extends Error>(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => E,
): Promise<E> {
  try {
    await promise
  } catch (error) {
    if (error instanceof type) return error
    throw error
  }
  throw new Error(`expected ${type.name}, but the call succeeded`)
}
