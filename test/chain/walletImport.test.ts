import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InsufficientFundsError, parseHetu, Wallet } from '../../src/index.js'
import { type Localnet, startLocalnet } from '../../src/localnet/localnet.js'
import { connect } from '../fixtures/localnet.js'
import { caught, tempDir } from '../wallet/helpers.js'
import { rpc } from './helpers/localnet.js'

// The Python SDK's wallet is one key per name: a user imports the key they funded and expects to sign
// with it. Real localnet, real keystore files in a temp dir.
describe('a wallet imported from a private key signs as that key', () => {
  let net: Localnet
  let dir: string
  let cleanup: () => Promise<void>
  const password = 'correct horse'

  beforeAll(async () => {
    net = await startLocalnet()
    ;({ dir, cleanup } = await tempDir('hetu-import-'))
  })
  afterAll(async () => {
    await net?.stop()
    await cleanup?.()
  })

  it('Wallet.import({ privateKey }) then setWalletFromUsername: registerSubnet signs as that address', async () => {
    const key = net.accounts[5]!.privateKey
    const address = privateKeyToAccount(key).address
    await Wallet.import({ name: 'funded', password, privateKey: key, dir, scryptN: 1024 })
    expect(await readdir(join(dir, 'funded'))).toEqual(['coldkey.json'])
    const hetu = await connect(net, { walletDir: dir })
    await hetu.setWalletFromUsername('funded', password)
    expect(hetu.address).toBe(address)
    const created = await hetu.registerSubnet({
      name: 'one',
      description: '',
      tokenName: 'One',
      tokenSymbol: 'ONE',
    })
    expect(created.from).toBe(address)
    expect((await hetu.getSubnetInfo(created.netuid)).owner).toBe(address)
    // The coldkey view is the same account.
    await hetu.setWalletFromUsername('funded', password, { key: 'coldkey' })
    expect(hetu.address).toBe(address)
  })

  it('a two-key wallet whose hotkey is empty: the error names the coldkey, its balance and the transfer', async () => {
    // A fresh coldkey holding exactly 250 HETU, so the figures in the message are known.
    const coldkeyKey = generatePrivateKey()
    const coldkey = privateKeyToAccount(coldkeyKey).address
    await rpc(net.rpcUrl, 'anvil_setBalance', [coldkey, `0x${parseHetu('250').toString(16)}`])
    const wallet = await Wallet.import({
      name: 'pair',
      password,
      privateKey: coldkeyKey,
      newHotkey: true,
      dir,
      scryptN: 1024,
    })
    const hetu = await connect(net, { walletDir: dir })
    await hetu.setWalletFromUsername('pair', password)
    expect(hetu.address).toBe(wallet.hotkeyAddress)
    const err = await caught(hetu.addGlobalStake({ amount: parseHetu('10') }))
    expect(err).toBeInstanceOf(InsufficientFundsError)
    expect(err.message).toContain(
      `${wallet.hotkeyAddress} (the hotkey of wallet "pair") has not enough native HETU`,
    )
    expect(err.message).toContain(`Its coldkey ${coldkey} holds 250 HETU.`)
    expect((err as InsufficientFundsError).hint).toMatch(/hetu wallet transfer pair [\d.]+ --wallet pair/)
    expect((err as InsufficientFundsError).meta.coldkey).toEqual({
      address: coldkey,
      balance: parseHetu('250'),
      wallet: 'pair',
    })
    // What the hint says works: the coldkey funds the hotkey, then the same call goes through.
    await hetu.transfer({
      to: wallet.hotkeyAddress,
      amount: parseHetu('20'),
      wallet,
      account: wallet.coldkey,
    })
    const staked = await hetu.addGlobalStake({ amount: parseHetu('10') })
    expect(staked.from).toBe(wallet.hotkeyAddress)
    // A one-key wallet's error stays as it was (no coldkey to point at).
    const broke = await Wallet.import({
      name: 'broke',
      password,
      privateKey: generatePrivateKey(),
      dir,
      scryptN: 1024,
    })
    const plain = await caught(hetu.addGlobalStake({ amount: 1n, wallet: broke }))
    expect(plain).toBeInstanceOf(InsufficientFundsError)
    expect((plain as InsufficientFundsError).meta.coldkey).toBeUndefined()
  })
})
