import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseHetu } from '../../src/index.js'
import { type Localnet, startLocalnet } from '../../src/localnet/localnet.js'
import { rpc } from '../../src/localnet/rpc.js'
import { CliSandbox, ensureCliBuilt, errorLines } from './helpers.js'

// `hetu wallet import --private-key…`: one key unless a hotkey is asked for; an empty hotkey's error
// says where the funds are and which command moves them.
describe('hetu wallet import', () => {
  let net: Localnet
  let cli: CliSandbox
  const as = (wallet: string) => ['--wallet', wallet, '--password-env', 'PW']

  beforeAll(async () => {
    ensureCliBuilt()
    net = await startLocalnet()
    cli = new CliSandbox({ PW: 'pw' })
    cli.announce(net)
  })
  afterAll(async () => {
    await net?.stop()
    cli?.cleanup()
  })

  it('makes one key of a private key: commands sign as its address', async () => {
    const key = net.accounts[2]!.privateKey
    const wallet = await cli.json(['wallet', 'import', 'mine', '--private-key-env', 'KEY', ...as('mine')], {
      KEY: key,
    })
    const address = privateKeyToAccount(key).address
    expect(wallet).toMatchObject({ coldkeyAddress: address, hotkeyAddress: address, singleKey: true })
    const staked = await cli.json([...as('mine'), 'stake', 'add', '10'])
    expect(staked.from).toBe(address)
  })

  it('--new-hotkey: a second key; its empty balance points at the coldkey and `hetu wallet transfer`', async () => {
    const key = generatePrivateKey()
    const coldkey = privateKeyToAccount(key).address
    await rpc(net.rpcUrl, 'anvil_setBalance', [coldkey, `0x${parseHetu('100').toString(16)}`])
    const imported = await cli.run(
      ['wallet', 'import', 'pair', '--private-key-env', 'KEY', '--new-hotkey', ...as('pair'), '--json'],
      { KEY: key },
    )
    expect(imported.code, imported.stderr).toBe(0)
    const wallet = JSON.parse(imported.stdout)
    expect(wallet.coldkeyAddress).toBe(coldkey)
    expect(wallet.hotkeyAddress).not.toBe(coldkey)
    expect(imported.stderr).toContain('hetu wallet transfer pair <amount> --wallet pair')
    expect(imported.stderr + imported.stdout).not.toContain(key.slice(2))

    const failed = await cli.run([...as('pair'), 'stake', 'add', '10'])
    expect(failed.code).toBe(1)
    const { errors } = errorLines(failed.stderr)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain(
      `${wallet.hotkeyAddress} (the hotkey of wallet "pair") has not enough native HETU`,
    )
    expect(errors[0]).toContain(`Its coldkey ${coldkey} holds 100 HETU.`)
    const hint = /^hint: .*`(hetu wallet transfer pair [\d.]+ --wallet pair)`/m.exec(failed.stderr)
    expect(hint, failed.stderr).not.toBeNull()
    // The command the hint gives, run as given (with what a script adds: the password and the yes to
    // its confirmation), makes the retry succeed.
    const args = hint![1]!.split(' ').slice(1)
    await cli.json([...args, '--password-env', 'PW', '--yes'])
    expect((await cli.json([...as('pair'), 'stake', 'add', '10'])).from).toBe(wallet.hotkeyAddress)
  })

  it('--hotkey-private-key-env: that key as the hotkey', async () => {
    const [cold, hot] = [generatePrivateKey(), generatePrivateKey()]
    const wallet = await cli.json(
      [
        'wallet',
        'import',
        'given',
        '--private-key-env',
        'COLD',
        '--hotkey-private-key-env',
        'HOT',
        ...as('given'),
      ],
      { COLD: cold, HOT: hot },
    )
    expect(wallet).toMatchObject({
      coldkeyAddress: privateKeyToAccount(cold).address,
      hotkeyAddress: privateKeyToAccount(hot).address,
    })
    const both = await cli.run(
      ['wallet', 'import', 'x', '--private-key-env', 'COLD', '--new-hotkey', '--single-key', ...as('x')],
      { COLD: cold },
    )
    expect(both.code).toBe(1)
    expect(errorLines(both.stderr).errors[0]).toMatch(/`newHotkey` and `singleKey` exclude each other/)
  })
})
