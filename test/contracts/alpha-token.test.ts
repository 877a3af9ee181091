// AlphaToken (docs/contracts.md#alphatoken): every check, deployed standalone with an EOA as its manager so
// each path is reachable directly, plus the fixed quirk: a minter can no longer burn someone else's Alpha.
import { type Address, decodeEventLog, parseEther, zeroAddress } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AlphaTokenAbi } from '../../src/chain/abi/index.js'
import { revertOf, type SubnetEnv, startSubnetEnv } from './subnet-env.js'

let env: SubnetEnv
let token: Address
type Account = SubnetEnv['accounts'][number]
let manager: Account // plays the SubnetManager: owner and first minter
let minter: Account
let holder: Account
let stranger: Account

const read = (functionName: string, args: unknown[] = []) =>
  env.client.readContract({
    address: token,
    abi: AlphaTokenAbi,
    functionName,
    args,
  } as never) as Promise<unknown>
const call = (from: Account, functionName: string, args: unknown[] = []) =>
  env.write(from, { address: token, abi: AlphaTokenAbi, functionName, args })
const events = (receipt: Awaited<ReturnType<typeof call>>) =>
  receipt.logs.map((log) => decodeEventLog({ abi: AlphaTokenAbi, ...log }))

beforeAll(async () => {
  env = await startSubnetEnv({ rules: 'fixed' })
  ;[manager, minter, holder, stranger] = env.accounts.slice(4) as [Account, Account, Account, Account]
  token = await env.deploy(
    'AlphaToken',
    ['Test Alpha', 'TA', manager.address, 7, env.net.systemAddress, false],
    manager,
  )
})
afterAll(() => env?.stop())

describe('AlphaToken', () => {
  it('refuses a zero minter or system address', async () => {
    const sys = env.net.systemAddress
    expect(await env.deployRevertOf('AlphaToken', ['A', 'A', zeroAddress, 1, sys, false])).toBe(
      'AlphaToken: ZERO_MINTER',
    )
    expect(await env.deployRevertOf('AlphaToken', ['A', 'A', manager.address, 1, zeroAddress, false])).toBe(
      'AlphaToken: ZERO_SYSTEM_ADDRESS',
    )
  })

  it('describes itself', async () => {
    const block = await env.client.getBlock()
    expect(await read('getTokenInfo')).toEqual(['Test Alpha', 'TA', 0n, 7, manager.address, block.timestamp])
    expect(await read('decimals')).toBe(18)
    expect(await read('owner')).toBe(manager.address)
    expect(await read('subnetManager')).toBe(manager.address)
    expect(await read('netuid')).toBe(7)
    expect(await read('createdAt')).toBe(block.timestamp)
    expect(await read('systemAddress')).toBe(env.net.systemAddress)
    expect(await read('getSystemAddress')).toBe(env.net.systemAddress)
    expect(await read('isSystemAddress', [env.net.systemAddress])).toBe(true)
    expect(await read('isSystemAddress', [manager.address])).toBe(true)
    expect(await read('isSystemAddress', [stranger.address])).toBe(false)
    expect(await read('authorized_minters', [manager.address])).toBe(true)
    expect(await read('isAuthorizedMinter', [manager.address])).toBe(true)
    expect(await read('isAuthorizedMinter', [minter.address])).toBe(false)
  })

  it('lets only the manager add and remove minters', async () => {
    expect(await revertOf(call(stranger, 'addMinter', [minter.address]))).toBe(
      'AlphaToken: ONLY_SUBNET_MANAGER',
    )
    expect(await revertOf(call(manager, 'addMinter', [zeroAddress]))).toBe('AlphaToken: ZERO_ADDRESS')
    expect(await revertOf(call(manager, 'addMinter', [manager.address]))).toBe('AlphaToken: ALREADY_MINTER')
    expect(events(await call(manager, 'addMinter', [minter.address]))).toEqual([
      { eventName: 'MinterAdded', args: { minter: minter.address } },
    ])
    expect(await read('authorized_minters', [minter.address])).toBe(true)

    expect(await revertOf(call(stranger, 'removeMinter', [minter.address]))).toBe(
      'AlphaToken: ONLY_SUBNET_MANAGER',
    )
    expect(await revertOf(call(manager, 'removeMinter', [zeroAddress]))).toBe('AlphaToken: ZERO_ADDRESS')
    expect(await revertOf(call(manager, 'removeMinter', [manager.address]))).toBe(
      'AlphaToken: CANNOT_REMOVE_SUBNET_MANAGER',
    )
    expect(await revertOf(call(manager, 'removeMinter', [stranger.address]))).toBe(
      'AlphaToken: NOT_AUTHORIZED_MINTER',
    )
    expect(events(await call(manager, 'removeMinter', [minter.address]))).toEqual([
      { eventName: 'MinterRemoved', args: { minter: minter.address } },
    ])
    await call(manager, 'addMinter', [minter.address])
  })

  it('mints for authorized minters only', async () => {
    expect(await revertOf(call(stranger, 'mint', [holder.address, 1n]))).toBe(
      'AlphaToken: NOT_AUTHORIZED_MINTER',
    )
    // The system address is not a minter until the subnet owner adds it.
    expect(await revertOf(call(env.system as never, 'mint', [holder.address, 1n]))).toBe(
      'AlphaToken: NOT_AUTHORIZED_MINTER',
    )
    expect(await revertOf(call(minter, 'mint', [zeroAddress, 1n]))).toBe('AlphaToken: ZERO_ADDRESS')
    expect(await revertOf(call(minter, 'mint', [holder.address, 0n]))).toBe('AlphaToken: ZERO_AMOUNT')
    const amount = parseEther('50')
    expect(events(await call(minter, 'mint', [holder.address, amount]))).toEqual([
      { eventName: 'Transfer', args: { from: zeroAddress, to: holder.address, value: amount } },
      { eventName: 'TokensMinted', args: { to: holder.address, amount } },
    ])
    await call(minter, 'mint', [minter.address, amount])
    expect(await read('balanceOf', [holder.address])).toBe(amount)
    expect(await read('totalSupply')).toBe(2n * amount)
  })

  it('burns a minter’s own tokens', async () => {
    expect(await revertOf(call(stranger, 'burn', [stranger.address, 1n]))).toBe(
      'AlphaToken: NOT_AUTHORIZED_MINTER',
    )
    expect(await revertOf(call(minter, 'burn', [zeroAddress, 1n]))).toBe('AlphaToken: ZERO_ADDRESS')
    expect(await revertOf(call(minter, 'burn', [minter.address, 0n]))).toBe('AlphaToken: ZERO_AMOUNT')
    expect(await revertOf(call(minter, 'burn', [minter.address, parseEther('51')]))).toBe(
      'AlphaToken: INSUFFICIENT_BALANCE',
    )
    const amount = parseEther('20')
    expect(events(await call(minter, 'burn', [minter.address, amount]))).toEqual([
      { eventName: 'Transfer', args: { from: minter.address, to: zeroAddress, value: amount } },
      { eventName: 'TokensBurned', args: { from: minter.address, amount } },
    ])
    expect(await read('balanceOf', [minter.address])).toBe(parseEther('30'))
  })

  it('fixed: a minter cannot burn someone else’s Alpha without their allowance', async () => {
    const before = (await read('balanceOf', [holder.address])) as bigint
    // Reference: any minter burns any holder's balance. Here it needs the holder's approval.
    expect(await revertOf(call(minter, 'burn', [holder.address, parseEther('10')]))).toBe(
      'ERC20InsufficientAllowance',
    )
    // Even the manager (the SubnetManager in production) cannot.
    expect(await revertOf(call(manager, 'burn', [holder.address, 1n]))).toBe('ERC20InsufficientAllowance')
    expect(await read('balanceOf', [holder.address])).toBe(before)

    await call(holder, 'approve', [minter.address, parseEther('10')])
    await call(minter, 'burn', [holder.address, parseEther('4')])
    expect(await read('allowance', [holder.address, minter.address])).toBe(parseEther('6'))
    expect(await revertOf(call(minter, 'burn', [holder.address, parseEther('7')]))).toBe(
      'ERC20InsufficientAllowance',
    )
    expect(await read('balanceOf', [holder.address])).toBe(before - parseEther('4'))
  })

  it('is a plain ERC20 for holders', async () => {
    await call(holder, 'transfer', [stranger.address, parseEther('1')])
    expect(await read('balanceOf', [stranger.address])).toBe(parseEther('1'))
    expect(await revertOf(call(stranger, 'transfer', [holder.address, parseEther('2')]))).toBe(
      'ERC20InsufficientBalance',
    )
  })
})
