import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { Axon } from '../../src/axon/axon.js'
import { Dendrite } from '../../src/dendrite/dendrite.js'
import { defineSynapse } from '../../src/protocol/synapse.js'
import { WalletNotFoundError, WrongPasswordError } from '../../src/wallet/errors.js'
import { Wallet } from '../../src/wallet/Wallet.js'
import { TEST_SCRYPT_N, tempDir } from '../wallet/helpers.js'

const WhoAmI = defineSynapse({
  name: 'WhoAmI',
  request: z.object({ ask: z.string() }),
  response: z.object({ caller: z.string() }),
})
const silent = { debug() {}, info() {}, warn() {}, error() {} }
const PASSWORD = 'correct horse battery staple'

describe('Axon.fromWallet / Dendrite.fromWallet (username + password)', () => {
  let dir: string
  let cleanup: () => Promise<void>
  let miner: Wallet
  let validator: Wallet

  beforeAll(async () => {
    ;({ dir, cleanup } = await tempDir('hetu-protocol-wallet-'))
    // Real keystore files on disk; the two wallets share a password only for brevity.
    miner = await Wallet.create({ name: 'miner', password: PASSWORD, dir, scryptN: TEST_SCRYPT_N })
    validator = await Wallet.create({ name: 'validator', password: PASSWORD, dir, scryptN: TEST_SCRYPT_N })
  })
  afterAll(() => cleanup())

  it("signs with the wallet's hotkey on both ends", async () => {
    await using axon = await (
      await Axon.fromWallet({
        username: 'miner',
        password: PASSWORD,
        walletDir: dir,
        ip: '127.0.0.1',
        port: 0,
        prometheus: false,
        logger: silent,
      })
    )
      .attach(WhoAmI, (_synapse, context) => ({ caller: context.hotkey ?? 'nobody' }))
      .start()
    await using dendrite = await Dendrite.fromWallet({
      username: 'validator',
      password: PASSWORD,
      walletDir: dir,
      verifyResponses: true,
    })
    expect(axon.hotkey).toBe(miner.hotkeyAddress)
    expect(dendrite.hotkey).toBe(validator.hotkeyAddress)
    expect(axon.hotkey).not.toBe(miner.coldkeyAddress)

    const answer = await dendrite.call(axon, new WhoAmI({ ask: 'who' }))
    expect(answer.statusCode).toBe(200)
    // The axon verified the request as signed by the validator's hotkey; the dendrite verified
    // the answer as signed by the miner's.
    expect(answer.caller).toBe(validator.hotkeyAddress)
    expect(answer.axon.hotkey).toBe(miner.hotkeyAddress)
  })

  it("rejects a wrong password with the wallet's typed error", async () => {
    const dendrite = Dendrite.fromWallet({ username: 'validator', password: 'wrong', walletDir: dir })
    await expect(dendrite).rejects.toBeInstanceOf(WrongPasswordError)
    await expect(
      Axon.fromWallet({ username: 'miner', password: 'wrong', walletDir: dir }),
    ).rejects.toMatchObject({ code: 'WRONG_PASSWORD' })
  })

  it('names a missing wallet', async () => {
    await expect(
      Dendrite.fromWallet({ username: 'nobody', password: PASSWORD, walletDir: dir }),
    ).rejects.toBeInstanceOf(WalletNotFoundError)
  })
})
