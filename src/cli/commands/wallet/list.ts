import { Wallet } from '../../../wallet/index.js'
import type { Cli } from '../../runtime/Cli.js'
import { formatTable } from '../../runtime/table.js'

/** `hetu wallet list` */
export async function run(cli: Cli): Promise<void> {
  const wallets = await Wallet.list({ dir: cli.walletDir })
  cli.result({ dir: cli.walletDir, wallets }, () =>
    wallets.length === 0
      ? `No wallets in ${cli.walletDir}. Create one with \`hetu wallet create NAME\`.`
      : formatTable(
          ['NAME', 'COLDKEY', 'HOTKEY'],
          wallets.map((w) => [w.name, w.coldkeyAddress, w.singleKey ? '(same key)' : w.hotkeyAddress]),
        ),
  )
}
