import { encodeFunctionData, type Hex, hashDomain, parseEther, parseEventLogs } from 'viem'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { WHETUAbi } from '../../src/chain/abi/index.js'
import { actions, revertOf, type StakingEnv, startStakingEnv, TestCallerAbi } from './staking-env.js'

let env: StakingEnv
let act: ReturnType<typeof actions>
let snap: Hex

beforeAll(async () => {
  env = await startStakingEnv()
  act = actions(env)
})
afterAll(() => env?.stop())
beforeEach(async () => {
  snap = await env.snapshot()
})
afterEach(() => env.revert(snap))

const read = <
  const F extends 'totalSupply' | 'totalETH' | 'name' | 'symbol' | 'decimals' | 'DOMAIN_SEPARATOR',
>(
  functionName: F,
) => env.client.readContract({ address: env.contracts.WHETU, abi: WHETUAbi, functionName })

describe('WHETU', () => {
  it('has the public metadata', async () => {
    expect(await read('name')).toBe('Wrapped HETU')
    expect(await read('symbol')).toBe('WHETU')
    expect(await read('decimals')).toBe(18)
  })

  it('wraps through deposit() and plain transfers, emitting Deposit', async () => {
    const alice = env.accounts[1]!
    const [balance, supply] = [await act.whetuBalance(alice.address), await read('totalSupply')]
    const receipt = await act.deposit(alice, parseEther('3'))
    const [deposit] = parseEventLogs({ abi: WHETUAbi, logs: receipt.logs, eventName: 'Deposit' })
    expect(deposit?.args).toEqual({ user: alice.address, amount: parseEther('3') })
    await env.wallet(alice).sendTransactionSync({
      account: alice,
      chain: env.chain,
      to: env.contracts.WHETU,
      value: parseEther('2'),
    })
    expect(await act.whetuBalance(alice.address)).toBe(balance + parseEther('5'))
    expect(await read('totalSupply')).toBe(supply + parseEther('5'))
    expect(await read('totalETH')).toBe(supply + parseEther('5'))
  })

  it('unwraps with withdraw(), returning native HETU and emitting Withdrawal', async () => {
    const alice = env.accounts[1]!
    const [balance, supply] = [await act.whetuBalance(alice.address), await read('totalSupply')]
    await act.deposit(alice, parseEther('10'))
    const before = await env.client.getBalance({ address: alice.address })
    const receipt = await act.write(alice, env.contracts.WHETU, WHETUAbi, 'withdraw', [parseEther('4')])
    const after = await env.client.getBalance({ address: alice.address })
    expect(after - before + receipt.gasUsed * receipt.effectiveGasPrice).toBe(parseEther('4'))
    const [withdrawal] = parseEventLogs({ abi: WHETUAbi, logs: receipt.logs, eventName: 'Withdrawal' })
    expect(withdrawal?.args).toEqual({ user: alice.address, amount: parseEther('4') })
    expect(await act.whetuBalance(alice.address)).toBe(balance + parseEther('6'))
    expect(await read('totalETH')).toBe(supply + parseEther('6'))
  })

  it('rejects zero deposits and withdrawals and over-withdrawals', async () => {
    const alice = env.accounts[1]!
    expect(await revertOf(act.deposit(alice, 0n))).toBe('WHETU: ZERO_DEPOSIT')
    expect(await revertOf(act.write(alice, env.contracts.WHETU, WHETUAbi, 'withdraw', [0n]))).toBe(
      'WHETU: ZERO_WITHDRAWAL',
    )
    const balance = await act.whetuBalance(alice.address)
    expect(await revertOf(act.write(alice, env.contracts.WHETU, WHETUAbi, 'withdraw', [balance + 1n]))).toBe(
      'WHETU: INSUFFICIENT_BALANCE',
    )
  })

  it('reverts TRANSFER_FAILED when the receiver refuses native value (and keeps the balance)', async () => {
    const alice = env.accounts[1]!
    const wallet = await env.deploy('TestCaller', [], alice)
    await act.write(
      alice,
      wallet,
      TestCallerAbi,
      'execute',
      [env.contracts.WHETU, encodeFunctionData({ abi: WHETUAbi, functionName: 'deposit' })],
      parseEther('1'),
    )
    await act.write(alice, wallet, TestCallerAbi, 'setRejectNative', [true])
    const withdraw = encodeFunctionData({ abi: WHETUAbi, functionName: 'withdraw', args: [parseEther('1')] })
    expect(
      await revertOf(act.write(alice, wallet, TestCallerAbi, 'execute', [env.contracts.WHETU, withdraw])),
    ).toBe('WHETU: TRANSFER_FAILED')
    expect(await act.whetuBalance(wallet)).toBe(parseEther('1'))
  })

  it('uses the EIP-712 domain ("Wrapped HETU", "1", chain id, WHETU) for permit', async () => {
    const [owner, spender, stranger] = [env.accounts[1]!, env.accounts[2]!, env.accounts[3]!]
    const domain = {
      name: 'Wrapped HETU',
      version: '1',
      chainId: 560002,
      verifyingContract: env.contracts.WHETU,
    } as const
    const [, name, version, chainId, verifyingContract] = await env.client.readContract({
      address: env.contracts.WHETU,
      abi: WHETUAbi,
      functionName: 'eip712Domain',
    })
    expect({ name, version, chainId, verifyingContract }).toEqual({ ...domain, chainId: 560002n })
    expect(await read('DOMAIN_SEPARATOR')).toBe(
      hashDomain({
        domain: { ...domain, chainId: 560002n },
        types: {
          EIP712Domain: [
            { name: 'name', type: 'string' },
            { name: 'version', type: 'string' },
            { name: 'chainId', type: 'uint256' },
            { name: 'verifyingContract', type: 'address' },
          ],
        },
      }),
    )

    const deadline = 2n ** 40n
    const value = parseEther('7')
    const sign = (nonce: bigint, signer = owner, until = deadline) =>
      signer.signTypedData({
        domain,
        types: {
          Permit: [
            { name: 'owner', type: 'address' },
            { name: 'spender', type: 'address' },
            { name: 'value', type: 'uint256' },
            { name: 'nonce', type: 'uint256' },
            { name: 'deadline', type: 'uint256' },
          ],
        },
        primaryType: 'Permit',
        message: { owner: owner.address, spender: spender.address, value, nonce, deadline: until },
      })
    const permit = async (signature: Hex, until = deadline) => {
      const r = `0x${signature.slice(2, 66)}` as Hex
      const s = `0x${signature.slice(66, 130)}` as Hex
      const v = Number.parseInt(signature.slice(130, 132), 16)
      return act.write(stranger, env.contracts.WHETU, WHETUAbi, 'permit', [
        owner.address,
        spender.address,
        value,
        until,
        v,
        r,
        s,
      ])
    }

    const signature = await sign(0n)
    await permit(signature) // anyone may submit it
    expect(
      await env.client.readContract({
        address: env.contracts.WHETU,
        abi: WHETUAbi,
        functionName: 'allowance',
        args: [owner.address, spender.address],
      }),
    ).toBe(value)
    expect(
      await env.client.readContract({
        address: env.contracts.WHETU,
        abi: WHETUAbi,
        functionName: 'nonces',
        args: [owner.address],
      }),
    ).toBe(1n)
    expect(await revertOf(permit(signature))).toBe('ERC2612InvalidSigner') // replay: nonce moved on
    expect(await revertOf(permit(await sign(1n, stranger)))).toBe('ERC2612InvalidSigner')
    expect(await revertOf(permit(await sign(1n, owner, 1n), 1n))).toBe('ERC2612ExpiredSignature')
  })
})
