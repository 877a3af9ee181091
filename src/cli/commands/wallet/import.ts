import { readFile } from 'node:fs/promises'
import { type ImportWalletParameters, Wallet } from '../../../wallet/index.js'
import type { Cli } from '../../runtime/Cli.js'
import { CliArgumentError } from '../../runtime/errors.js'
import { parseInteger } from '../../runtime/parse.js'
import { askHidden, canPrompt } from '../../runtime/prompt.js'
import { formatFields } from '../../runtime/table.js'
import { scryptCost } from './scrypt.js'

interface ImportOptions {
  privateKey?: string | true
  privateKeyEnv?: string
  mnemonic?: string | true
  mnemonicEnv?: string
  accountIndex: string
  keystore?: string
  hotkeyPrivateKeyEnv?: string
  newHotkey?: boolean
  singleKey?: boolean
  overwrite?: boolean
  scryptN?: string
}

/** `hetu wallet import [name] --private-key … | --mnemonic … | --keystore FILE` */
export async function run(cli: Cli, name: string | undefined, opts: ImportOptions): Promise<void> {
  const walletName = name ?? cli.options.wallet ?? cli.env.HETU_WALLET ?? 'default'
  const scryptN = scryptCost(cli, opts.scryptN)
  const sources = [
    opts.privateKey !== undefined || opts.privateKeyEnv !== undefined,
    opts.mnemonic !== undefined || opts.mnemonicEnv !== undefined,
    opts.keystore !== undefined,
  ].filter(Boolean).length
  if (sources !== 1)
    throw new CliArgumentError(
      'key source',
      sources === 0 ? 'none' : 'several',
      'give exactly one of --private-key(-env), --mnemonic(-env) or --keystore',
    )

  let source: { keystore: string } | { mnemonic: string; accountIndex: number } | { privateKey: string }
  if (opts.keystore !== undefined) {
    source = { keystore: await readFile(opts.keystore, 'utf8') }
  } else if (opts.mnemonic !== undefined || opts.mnemonicEnv !== undefined) {
    const mnemonic = await secret(cli, 'mnemonic', opts.mnemonic, opts.mnemonicEnv)
    source = { mnemonic, accountIndex: parseInteger(opts.accountIndex, 'account index', 0, 2 ** 31 - 1) }
  } else {
    source = { privateKey: await secret(cli, 'private key', opts.privateKey, opts.privateKeyEnv) }
  }
  const hotkeyPrivateKey =
    opts.hotkeyPrivateKeyEnv !== undefined
      ? await secret(cli, 'hotkey private key', undefined, opts.hotkeyPrivateKeyEnv)
      : undefined
  const password = await cli.password(walletName, { create: true })
  const wallet = await cli.step(`importing wallet ${walletName}`, () =>
    Wallet.import({
      ...source,
      name: walletName,
      password,
      dir: cli.walletDir,
      ...(opts.singleKey === true && { singleKey: true }),
      ...(opts.newHotkey === true && { newHotkey: true }),
      overwrite: opts.overwrite === true,
      ...(hotkeyPrivateKey !== undefined && { hotkeyPrivateKey }),
      ...(scryptN !== undefined && { scryptN }),
    } as ImportWalletParameters),
  )
  if (!wallet.singleKey)
    cli.log(
      `Two keys: transactions sign with the hotkey ${wallet.hotkeyAddress} by default; fund it from the coldkey with \`hetu wallet transfer ${wallet.name} <amount> --wallet ${wallet.name}\`.`,
    )
  cli.result({ ...wallet.toJSON(), path: wallet.path }, () =>
    formatFields([
      ['wallet', wallet.name],
      ['coldkey', wallet.coldkeyAddress],
      ['hotkey', wallet.singleKey ? '(the same key)' : wallet.hotkeyAddress],
      ['path', wallet.path],
    ]),
  )
}

/** A secret from an env variable, the flag (with a warning) or a prompt without echo. */
async function secret(cli: Cli, what: string, flag: string | true | undefined, envName?: string) {
  if (envName !== undefined) {
    const value = cli.env[envName]
    if (!value) throw new CliArgumentError(`$${envName}`, '', `not set (it should hold the ${what})`)
    return value.trim()
  }
  if (typeof flag === 'string') {
    cli.warn(
      `a ${what} on the command line is visible in shell history and to other users; prefer the -env option`,
    )
    return flag.trim()
  }
  if (!canPrompt())
    throw new CliArgumentError(
      what,
      '',
      'needed and there is no terminal to ask it on',
      `Pass its -env option.`,
    )
  return (await askHidden(`${what[0]!.toUpperCase()}${what.slice(1)}: `)).trim()
}
