import { HetuError } from '../../errors.js'
import { formatHetu, WEI_PER_HETU } from '../amounts.js'

/** A transaction was requested but no account (wallet key) is set. */
export class WalletLockedError extends HetuError {
  override name = 'WalletLockedError'
  constructor(action: string) {
    super('WALLET_LOCKED', `${action} sends a transaction but no wallet is unlocked.`, {
      hint: 'Call hetu.setWalletFromUsername(name, password) or hetu.setAccount(account), or pass `account` to the action.',
      docsPath: 'docs/errors.md#wallet_locked',
      meta: { action },
    })
  }
}

/** The coldkey of a two-key wallet whose hotkey lacks funds: where the funds usually are. */
export interface FundingColdkey {
  address: string
  /** Native balance (wei), when it could be read. */
  balance: bigint | undefined
  /** The wallet's name, for the command that moves funds. */
  wallet?: string | undefined
}

/** The account lacks native HETU for the value and/or gas of a transaction. */
export class InsufficientFundsError extends HetuError {
  override name = 'InsufficientFundsError'
  constructor(args: {
    address: string
    /** Native balance (wei), when known. */
    balance?: bigint | undefined
    /** Value the transaction(s) send (wei), gas not included. */
    required?: bigint | undefined
    /** Most the gas can cost (gas limit × max fee, wei), when known. */
    gasCost?: bigint | undefined
    /** Set when the account is the hotkey of a two-key wallet: its coldkey and that balance. */
    coldkey?: FundingColdkey | undefined
    cause?: unknown
  }) {
    const { coldkey } = args
    const hotkeyOf = coldkey ? ` (the hotkey of wallet${coldkey.wallet ? ` "${coldkey.wallet}"` : ''})` : ''
    const coldkeyText =
      coldkey &&
      ` Its coldkey ${coldkey.address} holds ${coldkey.balance === undefined ? 'an unknown amount of' : formatHetu(coldkey.balance)} HETU.`
    const name = coldkey?.wallet ?? '<wallet>'
    const amount = suggestedTopUp(args) ?? '<amount>'
    const hint = coldkey
      ? `Move funds from the coldkey to the hotkey: \`hetu wallet transfer ${name} ${amount} --wallet ${name}\` (SDK: hetu.transfer({ to: '${args.address}', amount }) signed with { key: 'coldkey' }), or sign with the coldkey (--key coldkey, { key: 'coldkey' }). A wallet imported from one private key uses it for both keys.`
      : 'Fund the account with native HETU (faucet, transfer, or a funded localnet dev account).'
    super(
      'INSUFFICIENT_FUNDS',
      `${args.address}${hotkeyOf} has not enough native HETU for this transaction${amountsText(args)}.${coldkeyText ?? ''}`,
      {
        hint,
        docsPath: 'docs/errors.md#insufficient_funds',
        cause: args.cause,
        meta: {
          address: args.address,
          balance: args.balance,
          required: args.required,
          gasCost: args.gasCost,
          coldkey,
          // The command line shows this one instead of its generic funding advice.
          ...(coldkey && { cliHint: hint }),
        },
      },
    )
  }
}

/**
 * What to send so the transaction goes through: the missing value plus its gas (1 HETU when the gas
 * is not known yet), rounded up to whole HETU.
 */
function suggestedTopUp(args: { balance?: bigint; required?: bigint; gasCost?: bigint }): string | undefined {
  if (args.balance === undefined || args.required === undefined) return undefined
  const missing = args.required + (args.gasCost ?? WEI_PER_HETU) - args.balance
  if (missing <= 0n) return undefined
  return formatHetu(((missing + WEI_PER_HETU - 1n) / WEI_PER_HETU) * WEI_PER_HETU)
}

function amountsText(args: {
  balance?: bigint | undefined
  required?: bigint | undefined
  gasCost?: bigint | undefined
}) {
  if (args.balance === undefined) return ''
  const gas = args.gasCost !== undefined ? `up to ${formatHetu(args.gasCost)} HETU gas` : 'gas'
  const needs =
    args.required === undefined
      ? ''
      : args.required === 0n && args.gasCost !== undefined
        ? `, needs ${gas}`
        : `, needs ${formatHetu(args.required)} HETU + ${gas}`
  return ` (balance ${formatHetu(args.balance)} HETU${needs})`
}

/** The transaction was mined but reverted (state changed between simulation and inclusion). */
export class TransactionRevertedError extends HetuError {
  override name = 'TransactionRevertedError'
  constructor(args: { hash: string; blockNumber: bigint; action: string }) {
    super('TRANSACTION_REVERTED', `${args.action} was mined in block ${args.blockNumber} but reverted.`, {
      details: `Transaction ${args.hash}`,
      hint: 'The chain state changed after the SDK checked it; read the state again and retry.',
      docsPath: 'docs/errors.md#transaction_reverted',
      meta: { hash: args.hash, blockNumber: args.blockNumber },
    })
  }
}

/** No receipt arrived within the timeout (the transaction may still be mined later). */
export class TransactionTimeoutError extends HetuError {
  override name = 'TransactionTimeoutError'
  constructor(args: { action: string; hash?: string; timeoutMs?: number; cause?: unknown }) {
    super('TRANSACTION_TIMEOUT', `${args.action}: no receipt within the timeout.`, {
      details: args.hash ? `Transaction ${args.hash}` : undefined,
      hint: 'The node may be congested or not producing blocks; check the hash later before resending.',
      docsPath: 'docs/errors.md#transaction_timeout',
      cause: args.cause,
      meta: { hash: args.hash, timeoutMs: args.timeoutMs },
    })
  }
}
