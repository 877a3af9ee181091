import { HetuError } from '../../errors.js'

/** An amount typed on the command line that is not `10`, `10.5`, `10hetu` or `1000wei`. */
export class InvalidAmountArgumentError extends HetuError {
  override name = 'InvalidAmountArgumentError'
  constructor(what: string, value: string, reason: string) {
    super('INVALID_AMOUNT', `Invalid ${what} "${value.slice(0, 64)}": ${reason}.`, {
      hint: 'Write amounts as 10, 10.5, 10hetu or 1000wei (non-negative, at most 18 decimals).',
      meta: { what, value: value.slice(0, 64) },
    })
  }
}

/** A command-line argument that is not of the expected form (netuid, port, address, weight…). */
export class CliArgumentError extends HetuError {
  override name = 'CliArgumentError'
  constructor(what: string, value: string, reason: string, hint?: string) {
    super('INVALID_ARGUMENT', `Invalid ${what} "${value.slice(0, 80)}": ${reason}.`, {
      hint: hint ?? `Run the command with --help to see what ${what} expects.`,
      meta: { what },
    })
  }
}

/** A command needs a wallet and none was named (and there is no wallet called "default"). */
export class NoWalletSelectedError extends HetuError {
  override name = 'NoWalletSelectedError'
  constructor(args: { dir: string; available: readonly string[] }) {
    const known = args.available.length > 0 ? ` (wallets in ${args.dir}: ${args.available.join(', ')})` : ''
    super('NO_WALLET_SELECTED', 'No wallet selected.', {
      hint:
        args.available.length > 0
          ? `Pass --wallet NAME${known}, or set HETU_WALLET.`
          : `Create one with \`hetu wallet create NAME\` (wallet directory ${args.dir}).`,
      meta: { dir: args.dir, available: args.available },
    })
  }
}

/** A password is needed but there is no terminal to ask it on and no --password-env. */
export class PasswordRequiredError extends HetuError {
  override name = 'PasswordRequiredError'
  constructor(args: { wallet: string; envName?: string; background?: boolean }) {
    super(
      'PASSWORD_REQUIRED',
      args.envName
        ? `The password of wallet "${args.wallet}" was to come from $${args.envName}, which is not set.`
        : args.background
          ? `The password of wallet "${args.wallet}" is needed and this command runs in the background (&), where it cannot ask.`
          : `The password of wallet "${args.wallet}" is needed and there is no terminal to ask it on.`,
      {
        hint: 'Set an environment variable to the password and pass its name with --password-env NAME (in bash or zsh: `read -rs PW && export PW`, then --password-env PW).',
        meta: { wallet: args.wallet, envName: args.envName },
      },
    )
  }
}

/** A new password and its confirmation differ. */
export class PasswordMismatchError extends HetuError {
  override name = 'PasswordMismatchError'
  constructor() {
    super('PASSWORD_MISMATCH', 'The two passwords differ.', { hint: 'Run the command again.' })
  }
}

/** A step that needs a "yes" ran without a terminal and without --yes. */
export class ConfirmationRequiredError extends HetuError {
  override name = 'ConfirmationRequiredError'
  constructor(question: string) {
    super('CONFIRMATION_REQUIRED', `Needs confirmation: ${question}`, {
      hint: 'Run it in a terminal to answer, or pass --yes.',
    })
  }
}

/** The user answered "no" (or pressed Ctrl-C) at a prompt. */
export class AbortedError extends HetuError {
  override name = 'AbortedError'
  constructor() {
    super('ABORTED', 'Aborted; nothing was done.')
  }
}

/** `hetu localnet status/stop`, or `--network local`, found no running localnet. */
export class LocalnetNotRunningError extends HetuError {
  override name = 'LocalnetNotRunningError'
  constructor(args: { where: string; stale?: readonly string[] }) {
    super('LOCALNET_NOT_RUNNING', `No running localnet found (${args.where}).`, {
      details: args.stale?.length
        ? `Stale info files (process gone or RPC not answering): ${args.stale.join(', ')}`
        : undefined,
      hint: 'Start one with `hetu localnet` (add --port 0 for a free port).',
      meta: { where: args.where },
    })
  }
}

/** Several localnets run and the command cannot tell which one was meant. */
export class AmbiguousLocalnetError extends HetuError {
  override name = 'AmbiguousLocalnetError'
  constructor(rpcUrls: readonly string[]) {
    super('AMBIGUOUS_LOCALNET', `${rpcUrls.length} localnets are running: ${rpcUrls.join(', ')}.`, {
      hint: 'Pick one with --rpc-url.',
      meta: { rpcUrls },
    })
  }
}

/** `hetu network add` of a name already saved, without --update. */
export class NetworkExistsError extends HetuError {
  override name = 'NetworkExistsError'
  constructor(args: { name: string; path: string }) {
    super('NETWORK_EXISTS', `Network "${args.name}" is already saved in ${args.path}.`, {
      hint: `Pass --update to change the values you give and keep the others, or pick another name (\`hetu network show ${args.name}\` shows it).`,
      meta: { name: args.name, path: args.path },
    })
  }
}
