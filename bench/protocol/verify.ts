/**
 * Signature verification cost per request: what the axon does for each request (EIP-191 digest,
 * recover, compare) with the native libsecp256k1 binding vs. pure JS (noble, through viem), plus
 * signing, in the same run; and the axon's own check of a signer it has seen before (ECDSA verify
 * against the remembered public key). Run: node --import tsx bench/protocol/verify.ts [iterations=2000]
 * (also printed at the end of axon-throughput.ts).
 */
import { pathToFileURL } from 'node:url'
import {
  getSignatureBackend,
  jsSignatureBackend,
  nativeSignatureBackend,
  setSignatureBackend,
} from '../../src/protocol/crypto/secp256k1.js'
import {
  hashPersonalMessage,
  parseSignature,
  requestMessage,
  verifyMessageSignature,
} from '../../src/protocol/signature.js'
import { toMessageSigner } from '../../src/protocol/signer.js'

async function measure(label: string, n: number, op: () => unknown): Promise<number> {
  for (let i = 0; i < Math.min(200, n); i++) await op()
  const started = performance.now()
  for (let i = 0; i < n; i++) await op()
  const perOp = ((performance.now() - started) * 1000) / n
  console.log(`  ${label.padEnd(56)} ${perOp.toFixed(1).padStart(8)} µs/op`)
  return perOp
}

/** Prints (and returns, µs per operation) signing and verification costs of each backend. */
export async function signatureCosts(iterations: number): Promise<Record<string, number>> {
  const signer = toMessageSigner()
  const axon = toMessageSigner()
  const message = requestMessage({
    nonce: 1751980800123456789n,
    dendriteHotkey: signer.address,
    axonHotkey: axon.address,
    uuid: '5ecbd69c-1cec-11ee-b0dc-e29ce36fec1a',
    bodyHash: 'fd53be07b24c0e8ba50d925d79478bbc82522e8d88558047d0575bef2308d526',
  })
  const signatureHex = await signer.signMessage(message)
  const signature = parseSignature(signatureHex)!
  const key = Buffer.alloc(32, 7)

  console.log(
    `Per-request signature cost (${iterations} iterations; the axon uses: ${getSignatureBackend().name})`,
  )
  const results: Record<string, number> = {}
  for (const backend of [nativeSignatureBackend, jsSignatureBackend]) {
    if (!backend) {
      console.log('  native binding not available on this platform')
      continue
    }
    const n = backend.name === 'js' ? Math.max(50, Math.floor(iterations / 10)) : iterations
    results[`verify-${backend.name}`] = await measure(
      `verify (digest + recover), ${backend.name}`,
      n,
      async () => {
        const recovered = await backend.recoverAddress(hashPersonalMessage(message), signature)
        if (recovered !== signer.addressLower) throw new Error('verification failed')
      },
    )
    results[`sign-${backend.name}`] = await measure(`sign (digest + sign), ${backend.name}`, n, () =>
      backend.sign(hashPersonalMessage(message), key),
    )
  }
  if (nativeSignatureBackend) {
    const previous = setSignatureBackend('native')
    // Same call, a new signer each time (recover, then remember the public key).
    const strangers = await Promise.all(
      Array.from({ length: iterations + 200 }, async () => {
        const stranger = toMessageSigner()
        return { address: stranger.address, signature: await stranger.signMessage(message) }
      }),
    )
    let next = 0
    results['verify-first'] = await measure(
      'axon check of a new signer (digest + recover), native',
      iterations,
      async () => {
        const { address, signature } = strangers[next++]!
        if (!(await verifyMessageSignature(message, signature, address)))
          throw new Error('verification failed')
      },
    )
    results['verify-known'] = await measure(
      'axon check of a known signer (digest + verify), native',
      iterations,
      async () => {
        if (!(await verifyMessageSignature(message, signatureHex, signer.address)))
          throw new Error('verification failed')
      },
    )
    setSignatureBackend(previous)
  }
  if (results['verify-native'] && results['verify-js']) {
    console.log(
      `  native speed-up: verify ${(results['verify-js'] / results['verify-native']).toFixed(1)}x, sign ${(results['sign-js']! / results['sign-native']!).toFixed(1)}x`,
    )
  }
  return results
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  await signatureCosts(Number(process.argv[2] ?? 2_000))
