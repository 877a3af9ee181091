import type { Address } from 'viem'
import { InsufficientFundsError } from '../../../chain/errors/account.js'
import type { Cli } from '../../runtime/Cli.js'
import { CliArgumentError } from '../../runtime/errors.js'
import { hetu } from '../../runtime/format.js'
import { parseAddress, parseAmount } from '../../runtime/parse.js'

interface TransferOptions {
  token: string
  toKey: string
}

/** `hetu wallet transfer <to> <amount>`: asks first (--yes for scripts); signed by the coldkey unless --key says otherwise. */
export async function run(cli: Cli, to: string, amountText: string, opts: TransferOptions): Promise<void> {
  const amount = parseAmount(amountText)
  const token = opts.token.toUpperCase()
  if (token !== 'HETU' && token !== 'WHETU')
    throw new CliArgumentError('--token', opts.token, 'expected HETU or WHETU')
  const recipient = await resolveRecipient(cli, to, opts.toKey)
  const client = await cli.signer('coldkey')
  if (token === 'HETU') {
    // Checked here because the node's own refusal arrives as a generic RPC error on the sync path.
    const balance = await client.getBalance()
    if (balance < amount)
      throw new InsufficientFundsError({ address: client.address!, balance, required: amount })
  }
  const named = to.startsWith('0x') ? '' : `${to}'s ${opts.toKey} `
  await cli.confirm(`Send ${hetu(amount, token)} from ${client.address} to ${named}${recipient}?`)
  const sent = await cli.step(`sending ${hetu(amount, token)} to ${recipient}`, () =>
    client.transfer({ to: recipient, amount, token }),
  )
  cli.result(sent, () => `Sent ${hetu(amount, token)} from ${sent.from} to ${recipient} (tx ${sent.hash}).`)
}

/** An address, or a wallet name (its hotkey by default: the key that stakes and registers). */
async function resolveRecipient(cli: Cli, to: string, key: string): Promise<Address> {
  if (to.startsWith('0x')) return parseAddress(to, 'recipient')
  if (key !== 'hotkey' && key !== 'coldkey')
    throw new CliArgumentError('--to-key', key, 'expected hotkey or coldkey')
  const summary = await cli.walletSummary(to)
  const address = key === 'coldkey' ? summary.coldkeyAddress : summary.hotkeyAddress
  if (!address) throw new CliArgumentError('recipient', to, `the wallet's ${key} file has no address`)
  return address
}
