import { describe, expect, it } from 'vitest'
import { Axon } from '../../src/axon/axon.js'
import { Dendrite } from '../../src/dendrite/dendrite.js'
import { Synapse } from '../../src/protocol/synapse.js'
import { memoryLogger } from '../protocol/support.js'

// The Python SDK README's test_local_computation, in TypeScript (docs/python-sdk.md#test-programs).
describe('test_local_computation (seed)', () => {
  it('computes "add 15 25" through an axon and a dendrite', async () => {
    // 1. Start compute service (Axon); port 0 instead of 8091 so parallel test runs never collide.
    const axon = new Axon({ ip: '127.0.0.1', port: 0, prometheus: false, logger: memoryLogger() })
    axon.attach(async (synapse) => {
      if (synapse.completion.includes('add')) {
        const parts = synapse.completion.split(' ')
        if (parts.length === 3 && parts[0] === 'add') {
          const [a, b] = [Number.parseInt(parts[1]!, 10), Number.parseInt(parts[2]!, 10)]
          synapse.completion = `Result: ${a} + ${b} = ${a + b}`
          return synapse
        }
      }
      return synapse
    })
    await axon.start()
    try {
      // 2. no need to wait: start() resolves once the port is bound.
      // 3. Create client (Dendrite)
      await using dendrite = new Dendrite()
      // 4-5. Send the compute request and query the service
      const synapse = new Synapse({ completion: 'add 15 25' })
      const [response] = await dendrite.query([axon], synapse, { timeout: 10_000 })
      expect(response!.completion).toBe('Result: 15 + 25 = 40')
      expect(response!.isSuccess).toBe(true)
      expect(response!.axon.hotkey).toBe(axon.hotkey)
      expect(synapse.completion).toBe('add 15 25') // the caller's synapse is not modified
    } finally {
      // 6. Cleanup
      await axon.stop()
    }
  })
})
