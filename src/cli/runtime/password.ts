import { PasswordMismatchError, PasswordRequiredError } from './errors.js'
import { askHidden, canPrompt } from './prompt.js'

export interface PasswordSource {
  /** Name of an environment variable holding the password (`--password-env`). */
  passwordEnv?: string | undefined
  /** The password itself (`--password`): visible in shell history and `ps`, so it earns a warning. */
  password?: string | undefined
}

export interface PasswordRequest {
  wallet: string
  /** A new password: asked twice on a terminal. */
  create?: boolean
  env: NodeJS.ProcessEnv
  warn: (message: string) => void
}

/** The wallet password from --password-env, --password (with a warning) or a prompt without echo. */
export async function readPassword(source: PasswordSource, request: PasswordRequest): Promise<string> {
  if (source.passwordEnv !== undefined) {
    const value = request.env[source.passwordEnv]
    if (!value) throw new PasswordRequiredError({ wallet: request.wallet, envName: source.passwordEnv })
    return value
  }
  if (source.password !== undefined) {
    request.warn(
      '--password is visible in shell history and to other users (ps); prefer --password-env NAME or the prompt',
    )
    return source.password
  }
  if (!canPrompt())
    throw new PasswordRequiredError({ wallet: request.wallet, background: process.stdin.isTTY === true })
  const password = await askHidden(
    request.create
      ? `New password for wallet "${request.wallet}": `
      : `Password of wallet "${request.wallet}": `,
  )
  if (request.create && (await askHidden('Repeat it: ')) !== password) throw new PasswordMismatchError()
  return password
}
