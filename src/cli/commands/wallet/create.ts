import { Wallet } from '../../../wallet/index.js'
import type { Cli } from '../../runtime/Cli.js'
import { formatFields } from '../../runtime/table.js'
import { scryptCost } from './scrypt.js'

interface CreateOptions {
  mnemonic?: boolean
  singleKey?: boolean
  overwrite?: boolean
  scryptN?: string
}

/** `hetu wallet create [name]` */
export async function run(cli: Cli, name: string | undefined, opts: CreateOptions): Promise<void> {
  const walletName = name ?? cli.options.wallet ?? cli.env.HETU_WALLET ?? 'default'
  const scryptN = scryptCost(cli, opts.scryptN)
  if (!opts.overwrite && (await Wallet.exists({ name: walletName, dir: cli.walletDir }))) {
    const { WalletExistsError } = await import('../../../wallet/index.js')
    throw new WalletExistsError({ name: walletName, dir: cli.walletDir })
  }
  const password = await cli.password(walletName, { create: true })
  const base = {
    name: walletName,
    password,
    dir: cli.walletDir,
    singleKey: opts.singleKey === true,
    overwrite: opts.overwrite === true,
    ...(scryptN !== undefined && { scryptN }),
  }
  const mnemonic = opts.mnemonic ? Wallet.generateMnemonic() : undefined
  const wallet = await cli.step(`creating wallet ${walletName}`, () =>
    mnemonic ? Wallet.import({ ...base, mnemonic }) : Wallet.create(base),
  )
  if (mnemonic) {
    // The phrase goes to the terminal (stderr), never into --json output or logs.
    cli.log(`\nWrite this phrase down; it restores both keys and is shown only now:\n\n  ${mnemonic}\n`)
  } else {
    // Random keys with no phrase: the two files are their only copy.
    cli.log(
      `Back up ${wallet.path} (and the password): its keystore files are the only copy of these keys. ` +
        '`hetu wallet create --mnemonic` makes keys a written phrase restores.',
    )
  }
  cli.result({ ...wallet.toJSON(), path: wallet.path, fromMnemonic: mnemonic !== undefined }, () =>
    formatFields([
      ['wallet', wallet.name],
      ['coldkey', wallet.coldkeyAddress],
      ['hotkey', wallet.hotkeyAddress],
      ['path', wallet.path],
    ]),
  )
}
