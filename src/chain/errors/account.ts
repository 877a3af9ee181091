import { HetuError } from '../../errors.js'
import { formatHetu } from '../amounts.js'

/** A transaction was requested but no account (wallet key) is set. */
export class WalletLockedError extends HetuError {
  override name = 'WalletLockedError'
  constructor(action: string) {
    super('WALLET_LOCKED', `${action} sends a transaction but no wallet is unlocked.`, {
      hint: 'Call hetu.setWalletFromUsername(name, password) or hetu.setAccount(account), or pass `account` to the action.',
      docsPath: '/errors#wallet-locked',
      meta: { action },
    })
  }
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
    cause?: unknown
  }) {
    super(
      'INSUFFICIENT_FUNDS',
      `${args.address} has not enough native HETU for this transaction${amountsText(args)}.`,
      {
        hint: 'Fund the account with native HETU (faucet, transfer, or a funded localnet dev account).',
        docsPath: '/errors#insufficient-funds',
        cause: args.cause,
        meta: {
          address: args.address,
          balance: args.balance,
          required: args.required,
          gasCost: args.gasCost,
        },
      },
    )
  }
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
      docsPath: '/errors#transaction-reverted',
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
      docsPath: '/errors#transaction-timeout',
      cause: args.cause,
      meta: { hash: args.hash, timeoutMs: args.timeoutMs },
    })
  }
}
