import { privateKeyToAccount } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { SignerError } from '../../src/protocol/errors.js'
import { toMessageSigner, type WalletLike } from '../../src/protocol/signer.js'
import { Wallet } from '../../src/wallet/Wallet.js'
import { vectors } from './support.js'

const { privateKey, address } = vectors.keys.dendrite

function walletOf(key: `0x${string}`, claimed: `0x${string}`): WalletLike & { exported: string[] } {
  const exported: string[] = []
  const account = privateKeyToAccount(key)
  return {
    exported,
    coldkey: account,
    hotkey: { ...account, address: claimed },
    exportPrivateKey(which) {
      exported.push(which)
      return key
    },
  }
}

describe('hotkey inputs', () => {
  it('takes a hex private key, a viem local account or a wallet', async () => {
    const fromKey = toMessageSigner({ hotkey: privateKey })
    const fromAccount = toMessageSigner({ hotkey: privateKeyToAccount(privateKey) })
    const wallet = walletOf(privateKey, address)
    const fromWallet = toMessageSigner({ wallet })
    expect(wallet.exported).toEqual(['hotkey'])
    for (const signer of [fromKey, fromAccount, fromWallet]) {
      expect(signer.address).toBe(address)
      expect(await signer.signMessage('m')).toBe(await fromKey.signMessage('m'))
    }
  })

  it("takes the SDK's Wallet (its hotkey, never its coldkey)", async () => {
    const wallet = Wallet.fromPrivateKeys({ coldkey: vectors.keys.axon.privateKey, hotkey: privateKey })
    const signer = toMessageSigner({ wallet })
    expect(signer.address).toBe(address)
    expect(await signer.signMessage('m')).toBe(await toMessageSigner({ hotkey: privateKey }).signMessage('m'))
  })

  it('creates a random hotkey when none is given (like the Python SDK)', () => {
    const a = toMessageSigner()
    const b = toMessageSigner()
    expect(a.address).toMatch(/^0x[0-9a-fA-F]{40}$/)
    expect(a.address).not.toBe(b.address)
  })

  it('refuses bad keys with typed errors that never contain the key', () => {
    const attempts = [
      () => toMessageSigner({ hotkey: '0x1234' }),
      () => toMessageSigner({ hotkey: `0x${'00'.repeat(32)}` }),
      () => toMessageSigner({ hotkey: 'not hex' as `0x${string}` }),
      () => toMessageSigner({ hotkey: {} as never }),
      () => toMessageSigner({ hotkey: privateKey, wallet: walletOf(privateKey, address) }),
      () => toMessageSigner({ wallet: walletOf(privateKey, vectors.keys.axon.address) }),
    ]
    for (const attempt of attempts) {
      let error: unknown
      try {
        attempt()
      } catch (caught) {
        error = caught
      }
      expect(error).toBeInstanceOf(SignerError)
      const text = `${(error as Error).message} ${JSON.stringify(error)}`
      expect(text).not.toContain(privateKey.slice(2))
    }
  })

  it('does not expose the key on the signer object', () => {
    const signer = toMessageSigner({ hotkey: privateKey })
    expect(JSON.stringify(signer)).not.toContain(privateKey.slice(2))
    expect(Object.values(signer).some((value) => String(value).includes(privateKey.slice(2)))).toBe(false)
  })
})
