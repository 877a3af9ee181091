import { describe, expect, it } from 'vitest'
import { sha3Hex } from '../../src/protocol/crypto/sha3.js'
import { encodeRequest, preparePayload } from '../../src/protocol/request.js'
import { hashPersonalMessage, recoverMessageSigner, requestMessage } from '../../src/protocol/signature.js'
import { toMessageSigner } from '../../src/protocol/signer.js'
import { type AnySynapseClass, Synapse } from '../../src/protocol/synapse.js'
import { ComputeTask, vectors } from './support.js'

const classes: Record<string, AnySynapseClass> = { Synapse, ComputeTask }

describe('Python SDK wire format vectors', () => {
  it('SHA3-256 is FIPS-202 SHA3 (not Keccak)', () => {
    expect(sha3Hex('')).toBe(vectors.emptySha3)
  })

  describe.each(vectors.requests.map((v) => [v.label, v] as const))('%s', (_label, vector) => {
    const SynapseClass = classes[vector.synapse]!
    const synapse = new SynapseClass(vector.fields as never)
    const signer = toMessageSigner({ hotkey: vectors.keys.dendrite.privateKey })

    it('computes the same body hash over the hash fields in declared order', () => {
      expect(synapse.definition.hashFields).toEqual(vector.hashFields)
      expect(synapse.bodyHash()).toBe(vector.bodyHash)
    })

    it('builds and signs the same message (EIP-191, deterministic signature)', async () => {
      const message = requestMessage({
        nonce: BigInt(vector.nonce),
        dendriteHotkey: signer.address,
        axonHotkey: vector.axon.hotkey,
        uuid: vector.uuid,
        bodyHash: vector.bodyHash,
      })
      expect(message).toBe(vector.message)
      expect(await signer.signMessage(message)).toBe(vector.signature)
      expect(await recoverMessageSigner(vector.message, vector.signature)).toBe(
        vectors.keys.dendrite.address.toLowerCase(),
      )
      expect(hashPersonalMessage(message)).toHaveLength(32)
    })

    it('encodes the same headers and body as the Python dendrite', async () => {
      const payload = preparePayload(synapse.definition, synapse.requestValues())
      const encoded = await encodeRequest(
        payload,
        { signer, uuid: vector.uuid, ip: vector.dendriteIp, version: 1000 },
        vector.axon,
        BigInt(vector.nonce),
        vector.timeout,
      )
      // header_size / total_size are Python sys.getsizeof() values: sent, never checked by anyone.
      const sizes = ['header_size', 'total_size']
      const strip = (headers: Record<string, string>) =>
        Object.fromEntries(Object.entries(headers).filter(([key]) => !sizes.includes(key)))
      expect(strip(encoded.headers)).toEqual(strip(vector.headers))
      expect(Object.keys(encoded.headers)).toEqual(Object.keys(vector.headers))
      for (const key of sizes) expect(encoded.headers[key]).toMatch(/^\d+$/)

      // Same keys, order and values; Python's json.dumps only adds spaces and escapes non-ASCII.
      const ours = JSON.parse(encoded.body)
      const theirs = JSON.parse(vector.body)
      for (const key of sizes) {
        delete ours[key]
        delete theirs[key]
      }
      delete theirs.result // a response-only field with value None; Python dumps it, we do not send it
      expect(Object.keys(ours)).toEqual(Object.keys(theirs))
      expect(ours).toEqual(theirs)
      // The ns nonce must be an exact JSON integer, not a rounded float.
      expect(encoded.body).toContain(`"nonce":${vector.nonce}`)
    })
  })
})
