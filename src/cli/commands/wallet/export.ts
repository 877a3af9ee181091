import type { Cli } from '../../runtime/Cli.js'

/** `hetu wallet export [name]`: the one command that prints a secret, after a confirmation. */
export async function run(cli: Cli, name: string | undefined): Promise<void> {
  const walletName = name ?? (await cli.walletName())
  const key = cli.key('coldkey')
  await cli.confirm(
    `Print the ${key} private key of wallet "${walletName}"? Anyone who sees it controls the ${key}.`,
  )
  const wallet = await cli.unlock(walletName)
  const privateKey = wallet.exportPrivateKey(key)
  const address = key === 'coldkey' ? wallet.coldkeyAddress : wallet.hotkeyAddress
  cli.result({ wallet: wallet.name, key, address, privateKey }, () => privateKey)
}
