import { type Account, type Address, isAddress } from 'viem'
import { parseAccount } from 'viem/utils'
import type { HetuBaseClient } from '../client/types.js'
import { WalletLockedError } from '../errors/account.js'
import { InvalidArgumentError } from '../errors/amount.js'
import type { ErrorContext } from '../errors/decode.js'
import { MissingContractAddressError } from '../errors/network.js'
import type { HetuContractName } from '../networks/contracts.js'

/** Address of a configured contract, or a {@link MissingContractAddressError} naming it. */
export function contractAddress(client: HetuBaseClient, name: HetuContractName): Address {
  const address = client.hetu.network.contracts[name]
  if (!address)
    throw new MissingContractAddressError({
      contracts: [name],
      network: client.hetu.network.name,
      chainId: client.hetu.network.chainId,
    })
  return address
}

/** The signing account of a write: the action's `account`, else the client's, else WalletLockedError. */
export function signerOf(
  client: HetuBaseClient,
  account: Account | Address | undefined,
  action: string,
): Account {
  const chosen = account ?? client.account
  if (!chosen) throw new WalletLockedError(action)
  if (typeof chosen === 'string' && !isAddress(chosen, { strict: false }))
    throw new InvalidArgumentError('account', 'expected a viem Account or an address the node signs for', {
      hint: 'Wrap a private key with privateKeyToAccount (viem/accounts) or use setAccount.',
    })
  return parseAccount(chosen)
}

/** Address a read is about: the given one, else the client's account, else a clear error. */
export function addressOf(client: HetuBaseClient, address: Address | undefined, action: string): Address {
  if (address) return address
  if (client.account) return client.account.address
  throw new InvalidArgumentError('address', `${action} needs an address when no account is set`, {
    hint: 'Pass the address to read, or set an account first.',
  })
}

export function assertNetuid(netuid: number): void {
  if (!Number.isInteger(netuid) || netuid < 0 || netuid > 0xffff)
    throw new InvalidArgumentError('netuid', `${netuid} is not a uint16`, {
      hint: 'netuids are integers from 1 to 65535.',
    })
}

export function assertPositive(name: string, amount: bigint): void {
  if (typeof amount !== 'bigint' || amount <= 0n)
    throw new InvalidArgumentError(name, `${String(amount)} must be a positive bigint amount in wei`, {
      hint: 'Use parseHetu("1.5") to convert decimal HETU to wei.',
    })
}

export function assertPort(name: string, port: number): void {
  if (!Number.isInteger(port) || port < 0 || port > 0xffffffff)
    throw new InvalidArgumentError(name, `${port} is not a uint32 port`)
}

/** What toHetuError needs to word an error of this client. */
export function errorContext(client: HetuBaseClient, action: string, account?: Address): ErrorContext {
  return { action, account, rpcUrl: client.hetu.network.rpcUrl, attempts: client.hetu.rpcAttempts }
}
