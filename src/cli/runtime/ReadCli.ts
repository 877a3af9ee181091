import type { HetuBaseClient } from '../../chain/client/types.js'
import { toJson } from './json.js'
import { type CliConnectTarget, resolveCliNetwork } from './network.js'
import { Progress } from './progress.js'

/** The global options every command sees (commander's `optsWithGlobals()`). */
export interface GlobalOptions {
  network?: string
  rpcUrl?: string
  wallet?: string
  walletDir?: string
  key?: string
  json?: boolean
  yes?: boolean
  verbose?: boolean
  passwordEnv?: string
  password?: string
}

/**
 * What a command that only reads the chain needs: where output goes (results on stdout, everything
 * else on stderr) and a client without signer or wallet. The read commands are built into one file
 * with this class and the actions they call (see `src/cli/reads.ts`), so nothing here may import the
 * wallet or the whole SDK. {@link Cli} adds them for the other commands.
 */
export class ReadCli {
  readonly options: GlobalOptions
  readonly env: NodeJS.ProcessEnv
  readonly progress = new Progress(process.stderr)
  #reader: Promise<HetuBaseClient> | undefined
  #target: Promise<CliConnectTarget> | undefined

  constructor(options: GlobalOptions, env: NodeJS.ProcessEnv = process.env) {
    this.options = options
    this.env = env
  }

  get json(): boolean {
    return this.options.json === true
  }

  // ── output ─────────────────────────────────────────────────────────────────────────────────
  /** The command's result: JSON with --json, else the human text. */
  result(data: unknown, human: () => string): void {
    process.stdout.write(`${this.json ? toJson(data) : human()}\n`)
  }

  log(message: string): void {
    process.stderr.write(`${message}\n`)
  }

  warn(message: string): void {
    process.stderr.write(`warning: ${message}\n`)
  }

  step<T>(label: string, work: () => Promise<T>, describe?: (result: T) => string): Promise<T> {
    return this.progress.step(label, work, describe)
  }

  // ── chain ──────────────────────────────────────────────────────────────────────────────────
  /** Where --network/--rpc-url (or the running localnet, asked whether it answers) point. */
  target(): Promise<CliConnectTarget> {
    this.#target ??= resolveCliNetwork(this.options, this.env)
    return this.#target
  }

  /**
   * A client for reads: no signer, no SDK actions bound; the command imports the actions it calls.
   * One round trip like {@link Cli.connect}: the chain-id check, or the probe that found the localnet.
   */
  reader(): Promise<HetuBaseClient> {
    this.#reader ??= Promise.all([this.target(), import('../../chain/client/connect.js')]).then(
      ([target, { connectClient }]) =>
        connectClient({ ...target.connect, ...(this.options.verbose && { logVerbose: true }) }),
    )
    return this.#reader
  }
}
